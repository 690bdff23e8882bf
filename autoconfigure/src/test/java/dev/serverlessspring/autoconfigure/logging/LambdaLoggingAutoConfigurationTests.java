package dev.serverlessspring.autoconfigure.logging;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.serverlessspring.autoconfigure.ObservedApplication;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.logging.LambdaMdc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class LambdaLoggingAutoConfigurationTests {

	private static final String TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

	private static final String JSON = "logging.structured.format.console="
			+ LambdaLoggingEnvironmentPostProcessor.JSON_FORMAT;

	@AfterEach
	void clearTraceHeaderAndLogFormat() {
		XRayTraceHeader.propagate(null);
		// Spring Boot hands the log format to Logback through system properties it leaves set.
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
		System.clearProperty("CONSOLE_LOG_PATTERN");
	}

	@Test
	void jsonLogLinesCarryTheInvocationsIdentity(CapturedOutput output) {
		XRayTraceHeader.propagate(TRACE_HEADER);
		try (ConfigurableApplicationContext context = ObservedApplication.run(JSON,
				"spring.cloud.function.definition=greet")) {
			ObservedApplication.invoke(context, "req-1", "\"Ada\"");
			ObservedApplication.invoke(context, "req-2", "\"Grace\"");
		}
		List<JsonNode> lines = functionLines(output);
		assertThat(lines).hasSize(2);
		JsonNode first = lines.get(0);
		assertThat(first.get("message").asString()).isEqualTo("Greeting Ada");
		assertThat(first.get("level").asString()).isEqualTo("INFO");
		assertThat(Instant.parse(first.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(first.get(LambdaMdc.REQUEST_ID).asString()).isEqualTo("req-1");
		assertThat(first.get(LambdaMdc.FUNCTION_NAME).asString()).isEqualTo("orders");
		assertThat(first.get(LambdaMdc.FUNCTION_VERSION).asString()).isEqualTo("7");
		assertThat(first.get(LambdaMdc.TRACE_ID).asString()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
		assertThat(first.get(LambdaMdc.COLD_START).asString()).isEqualTo("true");
		JsonNode second = lines.get(1);
		assertThat(second.get(LambdaMdc.REQUEST_ID).asString()).isEqualTo("req-2");
		assertThat(second.get(LambdaMdc.COLD_START).asString()).isEqualTo("false");
	}

	@Test
	void exceptionIsOneJsonLine(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ObservedApplication.run(JSON,
				"spring.cloud.function.definition=fail")) {
			assertThatIllegalStateException().isThrownBy(() -> ObservedApplication.invoke(context, "req-3", "\"bad\""));
		}
		List<JsonNode> lines = functionLines(output);
		assertThat(lines).hasSize(1);
		JsonNode line = lines.get(0);
		assertThat(line.get("level").asString()).isEqualTo("ERROR");
		assertThat(line.get("message").asString()).isEqualTo("Processing failed\nfor a reason");
		assertThat(line.get(LambdaMdc.REQUEST_ID).asString()).isEqualTo("req-3");
		assertThat(line.get("errorType").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(line.get("errorMessage").asString()).isEqualTo("Cannot process: bad");
		assertThat(line.get("stackTrace").asString()).contains("at ");
		assertThat(output.toString().lines().filter((text) -> text.startsWith("\tat "))).isEmpty();
	}

	@Test
	void textLinesKeepMultiLineMessagesAndStackTracesInOneEvent(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ObservedApplication.run(
				"logging.pattern.console=" + LambdaLoggingEnvironmentPostProcessor.TEXT_PATTERN,
				"spring.cloud.function.definition=fail")) {
			assertThatIllegalStateException().isThrownBy(() -> ObservedApplication.invoke(context, "req-4", "\"bad\""));
		}
		// CloudWatch splits events at line feeds only (String.lines() would split at \r too).
		List<String> lines = Arrays.stream(output.toString().split("\n")).filter((line) -> line.contains("req-4")).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains(" ERROR ")
			.contains(ObservedApplication.LOGGER)
			.contains("Processing failed\rfor a reason\rjava.lang.IllegalStateException: Cannot process: bad\r\tat ");
		assertThat(output.toString().split("\n")).noneMatch((line) -> line.startsWith("\tat "));
	}

	@Test
	void functionsSeeTheTraceHeaderAndTheMdcIsClearedAfterwards() {
		XRayTraceHeader.propagate(TRACE_HEADER);
		try (ConfigurableApplicationContext context = ObservedApplication.run(
				"spring.cloud.function.definition=traceHeader")) {
			assertThat(ObservedApplication.invoke(context, "req-5", "{}")).isEqualTo(TRACE_HEADER);
		}
		assertThat(MDC.get(LambdaMdc.REQUEST_ID)).isNull();
		assertThat(MDC.get(LambdaMdc.TRACE_ID)).isNull();
	}

	@Test
	void eventsAreLoggedWithSensitiveValuesMaskedWhenAsked(CapturedOutput output) {
		String event = "{\"headers\":{\"Authorization\":\"Bearer s3cr3t-jwt\",\"x-api-key\":\"k-123\",\"accept\":\"text/plain\"},"
				+ "\"body\":\"{\\\"user\\\":\\\"ada\\\",\\\"password\\\":\\\"hunter2\\\"}\"}";
		try (ConfigurableApplicationContext context = ObservedApplication.run(
				"serverless.spring.logging.events.enabled=true", "spring.cloud.function.definition=traceHeader")) {
			ObservedApplication.invoke(context, "req-6", event);
		}
		String logged = output.toString().lines().filter((line) -> line.contains("Event: ")).findFirst().orElseThrow();
		assertThat(logged).contains("text/plain").contains("ada").contains("\"Authorization\":\"****\"");
		assertThat(output.toString()).doesNotContain("s3cr3t-jwt").doesNotContain("k-123").doesNotContain("hunter2");
	}

	@Test
	void eventsAreNotLoggedByDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ObservedApplication.run(
				"spring.cloud.function.definition=greet")) {
			ObservedApplication.invoke(context, "req-7", "\"Ada\"");
		}
		assertThat(output).contains("Greeting Ada").doesNotContain("Event: ").doesNotContain("\"Ada\"");
	}

	private static List<JsonNode> functionLines(CharSequence output) {
		return ObservedApplication.jsonLines(output)
			.stream()
			.filter((line) -> line.path("logger").asString("").equals(ObservedApplication.LOGGER))
			.toList();
	}

}
