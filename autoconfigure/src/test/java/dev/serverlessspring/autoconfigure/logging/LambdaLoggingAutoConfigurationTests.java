package dev.serverlessspring.autoconfigure.logging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.autoconfigure.ObservedApplication;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.invoke.InvocationListener;
import dev.serverlessspring.lambda.logging.EventLogger;
import dev.serverlessspring.lambda.logging.LambdaMdc;
import dev.serverlessspring.lambda.logging.SensitiveFieldMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LambdaLoggingAutoConfiguration}: its beans with an
 * {@link ApplicationContextRunner}, and the log lines of a whole application
 * ({@link ObservedApplication}) invoked as Lambda invokes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class LambdaLoggingAutoConfigurationTests {

	private static final String TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

	private static final String JSON = "logging.structured.format.console="
			+ LambdaLoggingEnvironmentPostProcessor.JSON_FORMAT;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaLoggingAutoConfiguration.class));

	@AfterEach
	void clearTraceHeaderAndLogFormat() {
		XRayTraceHeader.propagate(null);
		// Spring Boot hands the log format to Logback through system properties it leaves
		// set.
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
		// CloudWatch splits events at line feeds only (String.lines() would split at \r
		// too).
		List<String> lines = Arrays.stream(output.toString().split("\n"))
			.filter((line) -> line.contains("req-4"))
			.toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains(" ERROR ")
			.contains(ObservedApplication.LOGGER)
			.contains("Processing failed\rfor a reason\rjava.lang.IllegalStateException: Cannot process: bad\r\tat ");
		assertThat(output.toString().split("\n")).noneMatch((line) -> line.startsWith("\tat "));
	}

	@Test
	void functionsSeeTheTraceHeaderAndTheMdcIsClearedAfterwards() {
		XRayTraceHeader.propagate(TRACE_HEADER);
		try (ConfigurableApplicationContext context = ObservedApplication
			.run("spring.cloud.function.definition=traceHeader")) {
			assertThat(ObservedApplication.invoke(context, "req-5", "{}")).isEqualTo(TRACE_HEADER);
		}
		assertThat(MDC.get(LambdaMdc.REQUEST_ID)).isNull();
		assertThat(MDC.get(LambdaMdc.TRACE_ID)).isNull();
	}

	@Test
	void eventsAreLoggedWithSensitiveValuesMaskedWhenAsked(CapturedOutput output) {
		String event = "{\"headers\":{\"Authorization\":\"Bearer s3cr3t-jwt\",\"x-api-key\":\"k-123\",\"accept\":\"text/plain\"},"
				+ "\"body\":\"{\\\"user\\\":\\\"ada\\\",\\\"password\\\":\\\"hunter2\\\"}\"}";
		try (ConfigurableApplicationContext context = ObservedApplication
			.run("serverless.spring.logging.events.enabled=true", "spring.cloud.function.definition=traceHeader")) {
			ObservedApplication.invoke(context, "req-6", event);
		}
		String logged = output.toString().lines().filter((line) -> line.contains("Event: ")).findFirst().orElseThrow();
		assertThat(logged).contains("text/plain").contains("ada").contains("\"Authorization\":\"****\"");
		assertThat(output.toString()).doesNotContain("s3cr3t-jwt").doesNotContain("k-123").doesNotContain("hunter2");
	}

	@Test
	void eventsAreNotLoggedByDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ObservedApplication
			.run("spring.cloud.function.definition=greet")) {
			ObservedApplication.invoke(context, "req-7", "\"Ada\"");
		}
		assertThat(output).contains("Greeting Ada").doesNotContain("Event: ").doesNotContain("\"Ada\"");
	}

	@Test
	void contributesTheColdStartAndTheMdcButNoEventLoggerByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ColdStart.class);
			assertThat(listeners(context)).hasExactlyElementsOfTypes(LambdaMdc.class);
			LambdaMdc mdc = context.getBean(LambdaMdc.class);
			mdc.invocationStarted(event("req-8"));
			assertThat(MDC.get(LambdaMdc.REQUEST_ID)).isEqualTo("req-8");
			assertThat(MDC.get(LambdaMdc.COLD_START)).isEqualTo("true");
			mdc.invocationSucceeded(event("req-8"), Duration.ZERO);
			assertThat(MDC.get(LambdaMdc.REQUEST_ID)).isNull();
		});
	}

	@Test
	void whenTurnedOffTheMdcIsLeftAloneButTheColdStartStays() {
		// The cold start serves the metrics too.
		this.contextRunner.withPropertyValues("serverless.spring.logging.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ColdStart.class);
			assertThat(listeners(context)).isEmpty();
		});
	}

	@Test
	void eventsAreLoggedWithTheConfiguredFieldsMasked(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("serverless.spring.logging.events.enabled=true",
					"serverless.spring.logging.events.masked-fields=ssn")
			.run((context) -> {
				assertThat(listeners(context)).hasAtLeastOneElementOfType(EventLogger.class);
				context.getBean(EventLogger.class)
					.invocationStarted(event("req-9", "{\"ssn\":\"123-45-6789\",\"password\":\"pw-1\"}"));
			});
		// The list replaces the default names: a password is logged unless named too.
		assertThat(output).contains("\"ssn\":\"****\"").contains("pw-1").doesNotContain("123-45-6789");
	}

	@Test
	void theApplicationsColdStartIsUsed() {
		ColdStart alwaysCold = new ColdStart() {

			@Override
			public boolean isColdStart(Context context) {
				return true;
			}

		};
		this.contextRunner.withBean(ColdStart.class, () -> alwaysCold).run((context) -> {
			LambdaMdc mdc = context.getBean(LambdaMdc.class);
			for (String requestId : List.of("req-10", "req-11")) {
				mdc.invocationStarted(event(requestId));
				assertThat(MDC.get(LambdaMdc.COLD_START)).isEqualTo("true");
				mdc.invocationSucceeded(event(requestId), Duration.ZERO);
			}
		});
	}

	@Test
	void listenersOfTheApplicationReplaceOurs() {
		LambdaMdc mdc = new LambdaMdc(new ColdStart());
		EventLogger eventLogger = new EventLogger(new SensitiveFieldMasker(List.of("pin")));
		this.contextRunner.withBean(LambdaMdc.class, () -> mdc)
			.withBean(EventLogger.class, () -> eventLogger)
			.withPropertyValues("serverless.spring.logging.events.enabled=true")
			.run((context) -> assertThat(listeners(context)).containsExactlyInAnyOrder(mdc, eventLogger));
	}

	@Test
	void backsOffWithoutSlf4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MDC.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ColdStart.class)
				.doesNotHaveBean(LambdaMdc.class));
	}

	@Test
	void backsOffWithoutTheLambdaCoreLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Context.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ColdStart.class)
				.doesNotHaveBean(LambdaMdc.class));
	}

	@Test
	void anEnabledFlagThatIsNoBooleanFailsToBind() {
		this.contextRunner.withPropertyValues("serverless.spring.logging.events.enabled=verbose")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.logging")
				.rootCause()
				.hasMessageContaining("verbose"));
	}

	private static List<InvocationListener> listeners(AssertableApplicationContext context) {
		// As the dispatcher gets them: a switched-off listener is a null bean, left out.
		return context.getBeanProvider(InvocationListener.class).orderedStream().toList();
	}

	private static LambdaEvent event(String requestId) {
		return event(requestId, "{}");
	}

	private static LambdaEvent event(String requestId, String json) {
		return new LambdaEvent(json.getBytes(StandardCharsets.UTF_8), ObservedApplication.lambdaContext(requestId),
				JsonMapper.shared());
	}

	private static List<JsonNode> functionLines(CharSequence output) {
		return ObservedApplication.jsonLines(output)
			.stream()
			.filter((line) -> line.path("logger").asString("").equals(ObservedApplication.LOGGER))
			.toList();
	}

}
