package dev.serverlessspring.test.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Checks log events against the required structure of the CloudWatch Embedded Metric
 * Format specification: a root object whose {@code _aws} member holds a numeric
 * {@code Timestamp} (epoch milliseconds) and a {@code CloudWatchMetrics} array of
 * directives, each with a string {@code Namespace}, a {@code Dimensions} array of
 * dimension sets (arrays of at most 30 strings) and a {@code Metrics} array of 1 to 100
 * definitions, each with a string {@code Name} and, optionally, a CloudWatch
 * {@code Unit}; every dimension a directive names must be a string member of the root,
 * every metric a number (or an array of 1 to 100 numbers) there.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">Embedded
 * metric format specification</a>
 */
public final class EmbeddedMetricFormat {

	private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
			"Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
			"Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
			"Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
			"None");

	private EmbeddedMetricFormat() {
	}

	/**
	 * Whether a log event is meant as an EMF document: a JSON object with an {@code _aws}
	 * member.
	 * @param event the parsed log event
	 * @return {@code true} for an EMF document, valid or not
	 */
	public static boolean isDocument(JsonNode event) {
		return event != null && event.isObject() && event.has("_aws");
	}

	/**
	 * Return how a document breaks the specification.
	 * @param document the parsed log event
	 * @return the violations, empty for a valid document
	 */
	public static List<String> violations(JsonNode document) {
		List<String> violations = new ArrayList<>();
		if (document == null || !document.isObject()) {
			violations.add("the root is not a JSON object");
			return violations;
		}
		JsonNode metadata = document.get("_aws");
		if (metadata == null || !metadata.isObject()) {
			violations.add("_aws is missing or not an object");
			return violations;
		}
		if (!metadata.path("Timestamp").isIntegralNumber() || metadata.get("Timestamp").asLong() < 1_000_000_000_000L) {
			violations.add("_aws.Timestamp is not a number of epoch milliseconds");
		}
		JsonNode directives = metadata.get("CloudWatchMetrics");
		if (directives == null || !directives.isArray()) {
			violations.add("_aws.CloudWatchMetrics is missing or not an array");
			return violations;
		}
		for (int i = 0; i < directives.size(); i++) {
			checkDirective(document, directives.get(i), "_aws.CloudWatchMetrics[" + i + "]", violations);
		}
		return violations;
	}

	/**
	 * Return the names of the metrics a document declares.
	 * @param document the parsed document
	 * @return the metric names, in order
	 */
	public static List<String> metricNames(JsonNode document) {
		List<String> names = new ArrayList<>();
		for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
			for (JsonNode definition : directive.path("Metrics")) {
				names.add(definition.path("Name").asString(null));
			}
		}
		return names;
	}

	private static void checkDirective(JsonNode document, JsonNode directive, String path, List<String> violations) {
		if (!directive.isObject()) {
			violations.add(path + " is not an object");
			return;
		}
		JsonNode namespace = directive.get("Namespace");
		if (namespace == null || !namespace.isString() || namespace.asString().isEmpty()
				|| namespace.asString().length() > 1024) {
			violations.add(path + ".Namespace is not a string of 1 to 1024 characters");
		}
		JsonNode dimensionSets = directive.get("Dimensions");
		if (dimensionSets == null || !dimensionSets.isArray()) {
			violations.add(path + ".Dimensions is missing or not an array");
		}
		else {
			for (JsonNode dimensionSet : dimensionSets) {
				if (!dimensionSet.isArray() || dimensionSet.size() > 30) {
					violations.add(path + ".Dimensions has a set that is not an array of at most 30 names");
					continue;
				}
				for (JsonNode dimension : dimensionSet) {
					if (!dimension.isString()) {
						violations.add(path + ".Dimensions names a dimension that is not a string");
					}
					else if (!document.path(dimension.asString()).isString()) {
						violations.add("dimension " + dimension.asString() + " is not a string member of the root");
					}
				}
			}
		}
		JsonNode metrics = directive.get("Metrics");
		if (metrics == null || !metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
			violations.add(path + ".Metrics is not an array of 1 to 100 definitions");
			return;
		}
		for (JsonNode definition : metrics) {
			JsonNode name = definition.get("Name");
			if (name == null || !name.isString()) {
				violations.add(path + ".Metrics has a definition without a string Name");
				continue;
			}
			JsonNode unit = definition.get("Unit");
			if (unit != null && !UNITS.contains(unit.asString())) {
				violations.add("metric " + name.asString() + " has the unknown unit " + unit);
			}
			if (!isMetricValue(document.get(name.asString()))) {
				violations.add("metric " + name.asString() + " is not a number (or 1 to 100 numbers) at the root");
			}
		}
	}

	private static boolean isMetricValue(JsonNode value) {
		if (value == null) {
			return false;
		}
		if (value.isArray()) {
			if (value.isEmpty() || value.size() > 100) {
				return false;
			}
			for (JsonNode element : value) {
				if (!element.isNumber()) {
					return false;
				}
			}
			return true;
		}
		return value.isNumber();
	}

}
