package dev.serverlessspring.autoconfigure.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Invocation metrics of Lambda functions in CloudWatch's Embedded Metric Format.
 */
@ConfigurationProperties(LambdaMetricsProperties.PREFIX)
public class LambdaMetricsProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.metrics";

	/**
	 * Whether to write Invocations, Errors, ColdStarts and Duration of each invocation to
	 * standard output in CloudWatch's Embedded Metric Format.
	 */
	private boolean enabled;

	/**
	 * CloudWatch namespace of the metrics.
	 */
	private String namespace = "ServerlessSpring";

	/**
	 * Further dimensions, such as a service or stage name, recorded alongside
	 * FunctionName.
	 */
	private Map<String, String> dimensions = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public Map<String, String> getDimensions() {
		return this.dimensions;
	}

	public void setDimensions(Map<String, String> dimensions) {
		this.dimensions = dimensions;
	}

}
