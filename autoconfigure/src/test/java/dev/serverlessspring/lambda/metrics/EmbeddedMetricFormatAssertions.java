package dev.serverlessspring.lambda.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a document against the required structure of the CloudWatch Embedded Metric Format
 * specification: a root object whose {@code _aws} member holds a numeric {@code Timestamp}
 * and a {@code CloudWatchMetrics} array of directives, each with a {@code Namespace}, a
 * {@code Dimensions} array of dimension sets (arrays of at most 30 strings) and a
 * {@code Metrics} array (at most 100) of definitions with a {@code Name} and an optional
 * valid {@code Unit}; and every referenced dimension a string member of the root, every
 * metric a number or an array of numbers there.
 */
public final class EmbeddedMetricFormatAssertions {

	private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
			"Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
			"Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
			"Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
			"None");

	private EmbeddedMetricFormatAssertions() {
	}

	/**
	 * Assert that a document follows the specification.
	 * @param document the parsed log event
	 * @return the names of the metrics it declares
	 */
	public static Set<String> assertValid(JsonNode document) {
		assertThat(document.isObject()).as("root is an object").isTrue();
		JsonNode metadata = document.get("_aws");
		assertThat(metadata).as("_aws").isNotNull();
		assertThat(metadata.isObject()).as("_aws is an object").isTrue();
		assertThat(metadata.path("Timestamp").isIntegralNumber()).as("_aws.Timestamp is a number").isTrue();
		assertThat(metadata.get("Timestamp").asLong()).as("_aws.Timestamp in epoch milliseconds")
			.isGreaterThan(1_500_000_000_000L);
		JsonNode directives = metadata.get("CloudWatchMetrics");
		assertThat(directives).as("_aws.CloudWatchMetrics").isNotNull();
		assertThat(directives.isArray()).as("_aws.CloudWatchMetrics is an array").isTrue();
		Set<String> metricNames = new HashSet<>();
		for (JsonNode directive : directives) {
			assertThat(directive.path("Namespace").isString()).as("Namespace is a string").isTrue();
			assertThat(directive.get("Namespace").asString()).hasSizeBetween(1, 1024);
			JsonNode dimensionSets = directive.get("Dimensions");
			assertThat(dimensionSets).as("Dimensions").isNotNull();
			assertThat(dimensionSets.isArray()).as("Dimensions is an array").isTrue();
			for (JsonNode dimensionSet : dimensionSets) {
				assertThat(dimensionSet.isArray()).as("a dimension set is an array").isTrue();
				assertThat(dimensionSet.size()).as("dimensions in a set").isLessThanOrEqualTo(30);
				for (JsonNode dimension : dimensionSet) {
					assertThat(dimension.isString()).as("a dimension name is a string").isTrue();
					JsonNode value = document.get(dimension.asString());
					assertThat(value).as("root member of dimension " + dimension).isNotNull();
					assertThat(value.isString()).as("dimension " + dimension + " is a string").isTrue();
				}
			}
			JsonNode metrics = directive.get("Metrics");
			assertThat(metrics).as("Metrics").isNotNull();
			assertThat(metrics.isArray()).as("Metrics is an array").isTrue();
			assertThat(metrics.size()).as("metric definitions").isBetween(1, 100);
			for (JsonNode definition : metrics) {
				assertThat(definition.path("Name").isString()).as("metric Name is a string").isTrue();
				String name = definition.get("Name").asString();
				if (definition.has("Unit")) {
					assertThat(UNITS).as("Unit of " + name).contains(definition.get("Unit").asString());
				}
				JsonNode value = document.get(name);
				assertThat(value).as("root member of metric " + name).isNotNull();
				if (value.isArray()) {
					assertThat(value.size()).isBetween(1, 100);
					value.forEach((element) -> assertThat(element.isNumber()).as(name + " values").isTrue());
				}
				else {
					assertThat(value.isNumber()).as("metric " + name + " is a number").isTrue();
				}
				metricNames.add(name);
			}
		}
		return metricNames;
	}

	/**
	 * Return the documents of the given lines that declare metrics.
	 * @param lines parsed JSON lines
	 * @return those with an {@code _aws} member
	 */
	public static List<JsonNode> metricDocuments(List<JsonNode> lines) {
		return lines.stream().filter((line) -> line.has("_aws")).toList();
	}

}
