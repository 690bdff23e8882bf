package dev.serverlessspring.test.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation's short-form functions ({@code !GetAtt Queue.Arn},
 * {@code !Ref Topic}, {@code !Sub ...}) as their long form ({@code {"Fn::GetAtt":
 * "Queue.Arn"}}, {@code {"Ref": "Topic"}}), as the Serverless Framework does, instead of
 * failing on the unknown tag. Only plain YAML types are built otherwise.
 */
final class CloudFormationYamlConstructor extends SafeConstructor {

	CloudFormationYamlConstructor() {
		super(new LoaderOptions());
		this.yamlMultiConstructors.put("!", new IntrinsicFunction());
	}

	private final class IntrinsicFunction extends AbstractConstruct {

		@Override
		public Object construct(Node node) {
			String tag = node.getTag().getValue().substring(1);
			Object value;
			if (node instanceof ScalarNode scalar) {
				value = constructScalar(scalar);
			}
			else if (node instanceof SequenceNode sequence) {
				value = constructSequence(sequence);
			}
			else {
				value = constructMapping((MappingNode) node);
			}
			Map<String, Object> function = new LinkedHashMap<>();
			function.put((tag.equals("Ref") || tag.equals("Condition")) ? tag : "Fn::" + tag, value);
			return function;
		}

	}

}
