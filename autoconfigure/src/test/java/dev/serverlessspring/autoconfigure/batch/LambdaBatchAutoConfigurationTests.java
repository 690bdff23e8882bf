package dev.serverlessspring.autoconfigure.batch;

import java.time.Duration;

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
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaBatchAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AutoConfigured.class);

	@Test
	void registersAnAdapterPerSourceThatReportsItemFailures() {
		this.runner.run((context) -> {
			assertThat(context.getBeansOfType(EventAdapter.class).values()).hasExactlyElementsOfTypes(SqsEventAdapter.class,
					SnsEventAdapter.class, S3EventAdapter.class, KinesisEventAdapter.class, DynamoDbEventAdapter.class,
					EventBridgeEventAdapter.class);
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
