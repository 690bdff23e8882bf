package dev.serverlessspring.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The goals as users meet them, read from the plugin descriptor the build generates: each
 * goal has a {@code skip} with a user property (Spring Boot's manner,
 * {@code spring-boot.run.skip}), each setting a Javadoc sentence, and each user property
 * a row in {@code docs/maven-plugin.md}.
 */
class PluginDescriptorTests {

	private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

	private static final Path DOCUMENTATION = Path.of("../docs/maven-plugin.md");

	@Test
	void everyGoalHasASkipWithItsOwnUserProperty() throws Exception {
		Map<String, String> skips = new LinkedHashMap<>();
		for (Element mojo : mojos()) {
			skips.put(text(mojo, "goal"), configuration(mojo).get("skip"));
		}
		assertThat(skips).containsOnly(Map.entry("package", "serverless-spring.package.skip"),
				Map.entry("run", "serverless-spring.run.skip"), Map.entry("invoke", "serverless-spring.invoke.skip"),
				Map.entry("npm-install", "serverless-spring.npm-install.skip"),
				Map.entry("prepare-lib", "serverless-spring.prepare-lib.skip"),
				// The two goals make one package: one switch for both.
				Map.entry("link-java-runtime", "serverless-spring.java-runtime.skip"),
				Map.entry("java-runtime-zip", "serverless-spring.java-runtime.skip"));
	}

	@Test
	void everySettingHasAJavadocSentence() throws Exception {
		List<String> undocumented = new ArrayList<>();
		for (Element mojo : mojos()) {
			for (Element parameter : children(mojo, "parameter")) {
				if (Boolean.parseBoolean(text(parameter, "editable")) && text(parameter, "description").isBlank()) {
					undocumented.add(text(mojo, "goal") + ": " + text(parameter, "name"));
				}
			}
		}
		assertThat(undocumented).isEmpty();
	}

	@Test
	void everyUserPropertyIsDocumented() throws Exception {
		String documentation = Files.readString(DOCUMENTATION);
		List<String> missing = new ArrayList<>();
		for (Element mojo : mojos()) {
			for (String property : configuration(mojo).values()) {
				if (!documentation.contains("`" + property + "`")) {
					missing.add(text(mojo, "goal") + ": " + property);
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static List<Element> mojos() throws Exception {
		Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
		return children(descriptor.getDocumentElement(), "mojo");
	}

	// The user property of each parameter that has one: <name ...>${property}</name>.
	private static Map<String, String> configuration(Element mojo) {
		Map<String, String> properties = new LinkedHashMap<>();
		NodeList configurations = mojo.getElementsByTagName("configuration");
		NodeList parameters = configurations.item(0).getChildNodes();
		for (int i = 0; i < parameters.getLength(); i++) {
			Node parameter = parameters.item(i);
			String expression = parameter.getTextContent().strip();
			if (parameter instanceof Element && expression.startsWith("${")) {
				properties.put(parameter.getNodeName(), expression.substring(2, expression.length() - 1));
			}
		}
		return properties;
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> children = new ArrayList<>();
		NodeList nodes = parent.getElementsByTagName(name);
		for (int i = 0; i < nodes.getLength(); i++) {
			children.add((Element) nodes.item(i));
		}
		return children;
	}

	private static String text(Element element, String child) {
		NodeList nodes = element.getElementsByTagName(child);
		return (nodes.getLength() > 0) ? nodes.item(0).getTextContent().strip() : "";
	}

}
