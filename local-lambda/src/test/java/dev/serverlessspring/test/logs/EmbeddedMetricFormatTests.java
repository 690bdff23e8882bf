package dev.serverlessspring.test.logs;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMetricFormatTests {

	// The example of the specification's documentation, in substance.
	private static final String VALID = "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{\"Namespace\":\"lambda-function-metrics\","
			+ "\"Dimensions\":[[\"functionVersion\"]],\"Metrics\":[{\"Name\":\"time\",\"Unit\":\"Milliseconds\",\"StorageResolution\":60}]}]},"
			+ "\"functionVersion\":\"$LATEST\",\"time\":100,\"requestId\":\"989ffbf8-9ace-4817-a57c-e4dd734019ee\"}";

	@Test
	void acceptsTheSpecificationsExample() {
		JsonNode document = parse(VALID);
		assertThat(EmbeddedMetricFormat.isDocument(document)).isTrue();
		assertThat(EmbeddedMetricFormat.violations(document)).isEmpty();
		assertThat(EmbeddedMetricFormat.metricNames(document)).containsExactly("time");
	}

	@Test
	void reportsWhatIsMissing() {
		assertThat(EmbeddedMetricFormat.violations(parse(VALID.replace("\"Timestamp\":1574109732004,", ""))))
			.containsExactly("_aws.Timestamp is not a number of epoch milliseconds");
		assertThat(EmbeddedMetricFormat.violations(parse(VALID.replace("\"functionVersion\":\"$LATEST\",", ""))))
			.containsExactly("dimension functionVersion is not a string member of the root");
		assertThat(EmbeddedMetricFormat.violations(parse(VALID.replace("\"time\":100", "\"time\":\"100\""))))
			.containsExactly("metric time is not a number (or 1 to 100 numbers) at the root");
		assertThat(EmbeddedMetricFormat.violations(parse(VALID.replace("Milliseconds", "Millis"))))
			.containsExactly("metric time has the unknown unit \"Millis\"");
		assertThat(EmbeddedMetricFormat.violations(parse("{\"_aws\":{\"Timestamp\":1574109732004}}")))
			.containsExactly("_aws.CloudWatchMetrics is missing or not an array");
	}

	private static JsonNode parse(String json) {
		return JsonMapper.shared().readTree(json);
	}

}
