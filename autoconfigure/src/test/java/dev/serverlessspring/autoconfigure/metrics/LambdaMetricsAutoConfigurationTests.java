package dev.serverlessspring.autoconfigure.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.autoconfigure.ObservedApplication;
import dev.serverlessspring.autoconfigure.logging.LambdaLoggingAutoConfiguration;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.invoke.InvocationListener;
import dev.serverlessspring.lambda.metrics.EmbeddedMetricWriter;
import dev.serverlessspring.lambda.metrics.InvocationMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaMetricsAutoConfiguration}; {@code LambdaMetricsApplicationTests}
 * (local-lambda-it) checks a whole application's documents against the specification.
 */
@ExtendWith(OutputCaptureExtension.class)
class LambdaMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(LambdaLoggingAutoConfiguration.class, LambdaMetricsAutoConfiguration.class));

	@Test
	void metricsAreOffByDefault(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EmbeddedMetricWriter.class);
			// A null bean, which the dispatcher's listeners leave out.
			assertThat(listeners(context)).noneMatch(InvocationMetrics.class::isInstance);
		});
		assertThat(output).doesNotContain("_aws");
	}

	@Test
	void whenEnabledEachInvocationWritesADocumentInTheNamespaceWithTheDimensions(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("serverless.spring.metrics.enabled=true", "serverless.spring.metrics.namespace=Shop",
					"serverless.spring.metrics.dimensions.Service=orders-api")
			.run((context) -> {
				InvocationMetrics metrics = context.getBean(InvocationMetrics.class);
				assertThat(listeners(context)).contains(metrics);
				metrics.invocationSucceeded(event("req-1"), Duration.ofMillis(12));
				metrics.invocationFailed(event("req-2"), new IllegalStateException(), Duration.ofMillis(3));
			});
		List<JsonNode> documents = ObservedApplication.jsonLines(output);
		assertThat(documents).hasSize(2);
		assertThat(documents).extracting((document) -> document.at("/_aws/CloudWatchMetrics/0/Namespace").asString())
			.containsOnly("Shop");
		assertThat(documents).extracting((document) -> document.get("Service").asString()).containsOnly("orders-api");
		assertThat(documents).extracting((document) -> document.get("Errors").asInt()).containsExactly(0, 1);
		// The cold start is the logging auto-configuration's: the MDC and the metrics
		// agree.
		assertThat(documents).extracting((document) -> document.get("ColdStarts").asInt()).containsExactly(1, 0);
	}

	@Test
	void theApplicationsColdStartDecidesColdStarts(CapturedOutput output) {
		ColdStart alwaysCold = new ColdStart() {

			@Override
			public boolean isColdStart(Context context) {
				return true;
			}

		};
		this.contextRunner.withBean(ColdStart.class, () -> alwaysCold)
			.withPropertyValues("serverless.spring.metrics.enabled=true")
			.run((context) -> {
				InvocationMetrics metrics = context.getBean(InvocationMetrics.class);
				metrics.invocationSucceeded(event("req-1"), Duration.ofMillis(1));
				metrics.invocationSucceeded(event("req-2"), Duration.ofMillis(1));
			});
		assertThat(ObservedApplication.jsonLines(output)).extracting((document) -> document.get("ColdStarts").asInt())
			.containsExactly(1, 1);
	}

	@Test
	void aWriterOfTheApplicationWritesTheMetrics(CapturedOutput output) {
		this.contextRunner.withBean(EmbeddedMetricWriter.class, () -> new EmbeddedMetricWriter("Own"))
			.withPropertyValues("serverless.spring.metrics.enabled=true", "serverless.spring.metrics.namespace=Shop")
			.run((context) -> {
				assertThat(context).hasSingleBean(EmbeddedMetricWriter.class);
				context.getBean(InvocationMetrics.class).invocationSucceeded(event("req-1"), Duration.ofMillis(1));
			});
		assertThat(ObservedApplication.jsonLines(output))
			.extracting((document) -> document.at("/_aws/CloudWatchMetrics/0/Namespace").asString())
			.containsExactly("Own");
	}

	@Test
	void invocationMetricsOfTheApplicationReplaceOurs() {
		InvocationMetrics own = new InvocationMetrics(new EmbeddedMetricWriter("Own"), new ColdStart(), Map.of());
		this.contextRunner.withBean(InvocationMetrics.class, () -> own)
			.withPropertyValues("serverless.spring.metrics.enabled=true")
			.run((context) -> assertThat(listeners(context)).filteredOn(InvocationMetrics.class::isInstance)
				.containsExactly(own));
	}

	@Test
	void backsOffWithoutTheLambdaCoreLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Context.class))
			.withPropertyValues("serverless.spring.metrics.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EmbeddedMetricWriter.class)
				.doesNotHaveBean(InvocationMetrics.class));
	}

	@Test
	void aBlankNamespaceFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("serverless.spring.metrics.enabled=true", "serverless.spring.metrics.namespace= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("serverless.spring.metrics.namespace"));
	}

	@Test
	void aBlankNamespaceIsNoMatterWhileMetricsAreOff() {
		this.contextRunner.withPropertyValues("serverless.spring.metrics.namespace= ")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void moreDimensionsThanCloudWatchTakesFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("serverless.spring.metrics.enabled=true")
			.withPropertyValues(dimensions(30))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("serverless.spring.metrics.dimensions")
				.hasMessageContaining("30"));
		this.contextRunner.withPropertyValues("serverless.spring.metrics.enabled=true")
			.withPropertyValues(dimensions(29))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(InvocationMetrics.class));
	}

	@Test
	void anEnabledFlagThatIsNoBooleanFailsToBind() {
		this.contextRunner.withPropertyValues("serverless.spring.metrics.enabled=yes-please")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.metrics")
				.rootCause()
				.hasMessageContaining("yes-please"));
	}

	private static List<InvocationListener> listeners(AssertableApplicationContext context) {
		return context.getBeanProvider(InvocationListener.class).orderedStream().toList();
	}

	private static String[] dimensions(int count) {
		return IntStream.rangeClosed(1, count)
			.mapToObj((i) -> "serverless.spring.metrics.dimensions.D" + i + "=v")
			.toArray(String[]::new);
	}

	private static LambdaEvent event(String requestId) {
		return new LambdaEvent("{}".getBytes(StandardCharsets.UTF_8), ObservedApplication.lambdaContext(requestId),
				JsonMapper.shared());
	}

}
