package dev.serverlessspring.autoconfigure.metrics;

import java.util.List;

import dev.serverlessspring.autoconfigure.ObservedApplication;
import dev.serverlessspring.lambda.snapstart.SnapStartPriming;
import dev.serverlessspring.test.logs.EmbeddedMetricFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The metrics of a whole application invoked as Lambda invokes it, checked against the
 * Embedded Metric Format specification; {@code LambdaMetricsAutoConfigurationTests}
 * (autoconfigure) tests the auto-configuration itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class LambdaMetricsApplicationTests {

	@Test
	void eachInvocationIsOneEmbeddedMetricFormatDocument(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ObservedApplication.run("serverless.spring.metrics.enabled=true",
				"serverless.spring.metrics.namespace=Shop", "serverless.spring.metrics.dimensions.Service=orders-api",
				"spring.cloud.function.definition=greet")) {
			// SnapStart's priming invocation is no caller's: no metrics, and req-1 is
			// still the cold start.
			ObservedApplication.invoke(context, SnapStartPriming.PRIMING_REQUEST_ID, "\"Priming\"");
			ObservedApplication.invoke(context, "req-1", "\"Ada\"");
			ObservedApplication.invoke(context, "req-2", "\"Grace\"");
			assertThatIllegalArgumentException().isThrownBy(() -> ObservedApplication.invoke(context, "req-3", "\"\""));
		}
		List<JsonNode> documents = ObservedApplication.jsonLines(output)
			.stream()
			.filter(EmbeddedMetricFormat::isDocument)
			.toList();
		assertThat(documents).hasSize(3);
		for (JsonNode document : documents) {
			assertThat(EmbeddedMetricFormat.violations(document)).as(document.toString()).isEmpty();
			assertThat(EmbeddedMetricFormat.metricNames(document)).containsExactly("Invocations", "Errors",
					"ColdStarts", "Duration");
			JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
			assertThat(directive.get("Namespace").asString()).isEqualTo("Shop");
			assertThat(directive.at("/Dimensions/0/0").asString()).isEqualTo("FunctionName");
			assertThat(directive.at("/Dimensions/0/1").asString()).isEqualTo("Service");
			assertThat(document.get("FunctionName").asString()).isEqualTo("orders");
			assertThat(document.get("Service").asString()).isEqualTo("orders-api");
			assertThat(document.get("Invocations").asInt()).isEqualTo(1);
			assertThat(document.get("Duration").asDouble()).isPositive();
		}
		assertThat(documents).extracting((document) -> document.get("AWSRequestId").asString())
			.containsExactly("req-1", "req-2", "req-3");
		assertThat(documents).extracting((document) -> document.get("ColdStarts").asInt()).containsExactly(1, 0, 0);
		assertThat(documents).extracting((document) -> document.get("Errors").asInt()).containsExactly(0, 0, 1);
	}

	@Test
	void metricsAreOffByDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ObservedApplication
			.run("spring.cloud.function.definition=greet")) {
			ObservedApplication.invoke(context, "req-1", "\"Ada\"");
			assertThat(context.getBeansOfType(dev.serverlessspring.lambda.metrics.InvocationMetrics.class)).isEmpty();
		}
		assertThat(output).contains("Greeting Ada").doesNotContain("_aws");
	}

}
