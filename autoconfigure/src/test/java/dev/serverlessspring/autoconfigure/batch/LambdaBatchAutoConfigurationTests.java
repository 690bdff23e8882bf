package dev.serverlessspring.autoconfigure.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.autoconfigure.json.LambdaJsonAutoConfiguration;
import dev.serverlessspring.lambda.batch.DynamoDbEventAdapter;
import dev.serverlessspring.lambda.batch.EventBridgeEventAdapter;
import dev.serverlessspring.lambda.batch.KinesisEventAdapter;
import dev.serverlessspring.lambda.batch.RecordProcessor;
import dev.serverlessspring.lambda.batch.S3EventAdapter;
import dev.serverlessspring.lambda.batch.SnsEventAdapter;
import dev.serverlessspring.lambda.batch.SqsEventAdapter;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import dev.serverlessspring.lambda.invoke.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link LambdaBatchAutoConfiguration}.
 */
class LambdaBatchAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AutoConfigured.class);

	@Test
	void registersAnAdapterPerSourceThatReportsItemFailures() {
		this.runner.run((context) -> {
			assertThat(context.getBeansOfType(EventAdapter.class).values()).hasExactlyElementsOfTypes(
					SqsEventAdapter.class, SnsEventAdapter.class, S3EventAdapter.class, KinesisEventAdapter.class,
					DynamoDbEventAdapter.class, EventBridgeEventAdapter.class);
			assertThat(context.getBean(RecordProcessor.class).reportsItemFailures()).isTrue();
			assertThat(context.getBean(RecordProcessor.class).timeoutReserve()).isZero();
		});
	}

	@Test
	void aTimeoutReserveCanBeSet() {
		this.runner.withPropertyValues("serverless.spring.batch.timeout-reserve=2s")
			.run((context) -> assertThat(context.getBean(RecordProcessor.class).timeoutReserve())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void itemFailureReportingCanBeTurnedOff() {
		this.runner.withPropertyValues("serverless.spring.batch.report-item-failures=false")
			.run((context) -> assertThat(context.getBean(RecordProcessor.class).reportsItemFailures()).isFalse());
	}

	@Test
	void recordByRecordCallsCanBeTurnedOff() {
		this.runner.withPropertyValues("serverless.spring.batch.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(EventAdapter.class).doesNotHaveBean(RecordProcessor.class);
			assertThat(context).hasSingleBean(PayloadConverter.class);
		});
	}

	@Test
	void anAdapterOfTheApplicationReplacesOurs() {
		this.runner.withUserConfiguration(OwnSqsAdapter.class).run((context) -> {
			assertThat(context).hasSingleBean(SqsEventAdapter.class);
			assertThat(context.getBean(SqsEventAdapter.class)).isSameAs(context.getBean(OwnSqsAdapter.class).adapter);
		});
	}

	@ParameterizedTest
	@ValueSource(classes = { SqsEventAdapter.class, SnsEventAdapter.class, S3EventAdapter.class,
			KinesisEventAdapter.class, DynamoDbEventAdapter.class, EventBridgeEventAdapter.class })
	<T extends EventAdapter> void eachAdapterOfTheApplicationReplacesOurs(Class<T> type) {
		T own = mock(type);
		this.runner.withBean(type, () -> own).run((context) -> {
			assertThat(context).getBean(type).isSameAs(own);
			assertThat(context.getBeansOfType(EventAdapter.class)).hasSize(6);
		});
	}

	@Test
	void failedRecordsAreReportedAsItemFailures() {
		this.runner.withUserConfiguration(RejectingFunction.class)
			.run((context) -> assertThat(dispatch(context, "events/sqs-standard.json")).contains("batchItemFailures")
				.contains("059f36b4-87a3-44ab-83d2-661975830a7d"));
	}

	@Test
	void aRecordProcessorOfTheApplicationProcessesTheRecords() {
		RecordProcessor own = new RecordProcessor(false);
		this.runner.withUserConfiguration(RejectingFunction.class)
			.withBean(RecordProcessor.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean(RecordProcessor.class).isSameAs(own);
				// Without item failure reports, a failed record fails the whole
				// invocation.
				assertThatException().isThrownBy(() -> dispatch(context, "events/sqs-standard.json"))
					.withStackTraceContaining("Rejected: Test message.");
			});
	}

	@Test
	void backsOffWhenNoFunctionIsServed() {
		this.runner.withClassLoader(new FilteredClassLoader(Context.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RecordProcessor.class)
				.doesNotHaveBean(EventAdapter.class));
	}

	@Test
	void aTimeoutReserveThatIsNoDurationFailsToBind() {
		this.runner.withPropertyValues("serverless.spring.batch.timeout-reserve=a little")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.batch")
				.rootCause()
				.hasMessageContaining("a little"));
	}

	private static String dispatch(AssertableApplicationContext context, String event) throws IOException {
		try (InputStream in = LambdaBatchAutoConfigurationTests.class.getClassLoader().getResourceAsStream(event)) {
			byte[] response = context.getBean(EventDispatcher.class)
				.dispatch(in.readAllBytes(), new TestContext("req-1"));
			return new String(response, StandardCharsets.UTF_8);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class RejectingFunction {

		@Bean
		Consumer<String> reject() {
			return (body) -> {
				throw new IllegalArgumentException("Rejected: " + body);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSqsAdapter {

		final SqsEventAdapter adapter = new SqsEventAdapter(new RecordProcessor(false), JsonMapper.shared());

		@Bean
		SqsEventAdapter mySqsEventAdapter() {
			return this.adapter;
		}

	}

	/**
	 * Imported by name, as in an application: Spring then reads Spring Cloud Function's
	 * configuration classes from their bytecode rather than loading them (see
	 * {@code LambdaJsonAutoConfigurationTests}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LambdaJsonAutoConfiguration.class, JacksonAutoConfiguration.class,
			ContextFunctionCatalogAutoConfiguration.class, LambdaFunctionAutoConfiguration.class,
			LambdaBatchAutoConfiguration.class })
	static class AutoConfigured {

	}

}
