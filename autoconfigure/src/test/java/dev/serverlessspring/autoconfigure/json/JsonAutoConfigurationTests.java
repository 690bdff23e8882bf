package dev.serverlessspring.autoconfigure.json;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JsonAutoConfiguration.class, JacksonAutoConfiguration.class,
				ContextFunctionCatalogAutoConfiguration.class, LambdaFunctionAutoConfiguration.class))
		.withUserConfiguration(Functions.class);

	@Test
	void eventsAreReadWithinLambdasLimits() {
		this.runner.run((context) -> {
			// The mapper Spring Cloud Function rebuilt from the application's, which reads every event.
			StreamReadConstraints constraints = constraints(context.getBean(PayloadConverter.class).objectMapper());
			assertThat(constraints.getMaxNestingDepth()).isEqualTo(256);
			assertThat(constraints.getMaxDocumentLength()).isEqualTo(6_291_456);
			assertThat(constraints.getMaxStringLength()).isEqualTo(6_291_456);
			assertThat(constraints.getMaxNumberLength()).isEqualTo(256);
			assertThat(constraints(context.getBean(JsonMapper.class))).isSameAs(constraints);
		});
	}

	@Test
	void tooDeeplyNestedEventsAreInvalidNamingTheLimit() {
		this.runner.run((context) -> {
			PayloadConverter converter = context.getBean(PayloadConverter.class);
			assertThat(converter.read(nested(256), JsonNode.class)).isNotNull();
			assertThatExceptionOfType(InvalidEventException.class)
				.isThrownBy(() -> converter.read(nested(257), JsonNode.class))
				.withMessageContaining("Cannot read the event as " + JsonNode.class.getName())
				.withMessageContaining("nesting depth")
				.withMessageContaining("256");
		});
	}

	@Test
	void tooLongNumbersAreInvalid() {
		this.runner.run((context) -> assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> context.getBean(PayloadConverter.class)
				.read(("{\"n\":" + "9".repeat(257) + "}").getBytes(StandardCharsets.UTF_8), Map.class))
			.withMessageContaining("Number value length"));
	}

	@Test
	void limitsCanBeSet() {
		this.runner
			.withPropertyValues("serverless.spring.json.max-nesting-depth=8",
					"serverless.spring.json.max-document-length=-1", "serverless.spring.json.max-string-length=100",
					"serverless.spring.json.max-number-length=10")
			.run((context) -> {
				StreamReadConstraints constraints = constraints(context.getBean(PayloadConverter.class).objectMapper());
				assertThat(constraints.getMaxNestingDepth()).isEqualTo(8);
				assertThat(constraints.hasMaxDocumentLength()).isFalse();
				assertThat(constraints.getMaxStringLength()).isEqualTo(100);
				assertThat(constraints.getMaxNumberLength()).isEqualTo(10);
			});
	}

	@Test
	void bootsJacksonPropertiesStillApply() {
		this.runner.withPropertyValues("spring.jackson.deserialization.fail-on-null-for-primitives=true")
			.run((context) -> assertThat(
					context.getBean(JsonMapper.class).isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES))
				.isTrue());
	}

	@Test
	void anApplicationsOwnBuilderReplacesIt() {
		this.runner.withUserConfiguration(OwnBuilder.class)
			.run((context) -> assertThat(constraints(context.getBean(JsonMapper.class)).getMaxNestingDepth())
				.isEqualTo(StreamReadConstraints.defaults().getMaxNestingDepth()));
	}

	private static StreamReadConstraints constraints(ObjectMapper mapper) {
		return mapper.tokenStreamFactory().streamReadConstraints();
	}

	private static byte[] nested(int depth) {
		return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class Functions {

		@Bean
		Function<Map<String, Object>, Map<String, Object>> echo() {
			return (input) -> input;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBuilder {

		@Bean
		JsonMapper.Builder ownJsonMapperBuilder() {
			return JsonMapper.builder();
		}

	}

}
