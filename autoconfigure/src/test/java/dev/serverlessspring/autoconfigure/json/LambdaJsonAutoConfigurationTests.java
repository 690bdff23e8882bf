package dev.serverlessspring.autoconfigure.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LambdaJsonAutoConfiguration}.
 */
class LambdaJsonAutoConfigurationTests {

	private static final String JSON_MAPPER_CONFIGURATION = "org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration$JsonMapperConfiguration";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AutoConfigured.class, Functions.class);

	@Test
	void eventsAreReadWithinLambdasLimits() {
		this.runner.run((context) -> {
			// The application's mapper, which Spring Cloud Function is given and which
			// reads every event.
			StreamReadConstraints constraints = constraints(context.getBean(PayloadConverter.class).objectMapper());
			assertThat(constraints.getMaxNestingDepth()).isEqualTo(256);
			assertThat(constraints.getMaxDocumentLength()).isEqualTo(6_291_456);
			assertThat(constraints.getMaxStringLength()).isEqualTo(6_291_456);
			assertThat(constraints.getMaxNumberLength()).isEqualTo(256);
			assertThat(constraints(context.getBean(JsonMapper.class))).isSameAs(constraints);
		});
	}

	@Test
	void springCloudFunctionUsesTheApplicationsMapper() {
		this.runner.run((context) -> {
			ObjectMapper mapper = context.getBean(JsonMapper.class);
			assertThat(context.getBean(org.springframework.cloud.function.json.JsonMapper.class))
				.isInstanceOfSatisfying(JacksonMapper.class,
						(jackson) -> assertThat(jackson.getObjectMapper()).isSameAs(mapper));
			assertThat(context.getBean(PayloadConverter.class).objectMapper()).isSameAs(mapper);
			// Its own mapper configuration, which needs Jackson's Joda-Time module, is
			// never created.
			assertThat(beanClassNames(context)).doesNotContain(JSON_MAPPER_CONFIGURATION);
			assertThat(mapper.registeredModules()).noneMatch((module) -> module.getModuleName().contains("Joda"));
		});
	}

	@Test
	void theMapperReadsAndWritesAsSpringCloudFunctionsDid() {
		this.runner.run((context) -> {
			JsonMapper mapper = context.getBean(JsonMapper.class);
			assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
			assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)).isFalse();
			assertThat(mapper.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)).isFalse();
			assertThat(mapper.isEnabled(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)).isFalse();
			PayloadConverter converter = context.getBean(PayloadConverter.class);
			Point point = (Point) converter
				.read("{\"x\":1,\"y\":null,\"label\":\"a\"}".getBytes(StandardCharsets.UTF_8), Point.class);
			assertThat(point.x()).isEqualTo(1);
			assertThat(point.y()).isZero();
			assertThat(new String(converter.write(new Empty()), StandardCharsets.UTF_8)).isEqualTo("{}");
		});
	}

	@Test
	void anApplicationsOwnFunctionJsonMapperIsKept() {
		this.runner.withUserConfiguration(OwnFunctionJsonMapper.class).run((context) -> {
			assertThat(context.getBean(org.springframework.cloud.function.json.JsonMapper.class))
				.isSameAs(context.getBean(OwnFunctionJsonMapper.class).mapper);
			assertThat(beanClassNames(context)).doesNotContain(JSON_MAPPER_CONFIGURATION);
		});
	}

	@Test
	void tooDeeplyNestedEventsAreInvalidNamingTheLimit() {
		this.runner.run((context) -> {
			PayloadConverter converter = context.getBean(PayloadConverter.class);
			assertThat(converter.read(nested(256), JsonNode.class)).isNotNull();
			assertThatExceptionOfType(InvalidEventException.class)
				.isThrownBy(() -> converter.read(nested(257), JsonNode.class))
				.withMessageContaining("Could not read the event as " + JsonNode.class.getName())
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
	void functionsKeepSpringCloudFunctionsSettingsWhereJacksonPropertiesChangeThem() {
		this.runner.withPropertyValues("spring.jackson.deserialization.fail-on-unknown-properties=true")
			.run((context) -> {
				JsonMapper applications = context.getBean(JsonMapper.class);
				assertThat(applications.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
				// As Spring Cloud Function did: functions read with a copy that has its
				// settings.
				ObjectMapper functions = context.getBean(PayloadConverter.class).objectMapper();
				assertThat(functions).isNotSameAs(applications);
				assertThat(functions.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
				assertThat(context.getBean(PayloadConverter.class)
					.read("{\"x\":1,\"z\":2}".getBytes(StandardCharsets.UTF_8), Point.class))
					.isEqualTo(new Point(1, 0));
				assertThat(constraints(functions)).isSameAs(constraints(applications));
			});
	}

	@Test
	void anApplicationsOwnMapperIsGivenSpringCloudFunctionsSettingsForFunctions() {
		this.runner.withUserConfiguration(OwnMapper.class).run((context) -> {
			ObjectMapper functions = context.getBean(PayloadConverter.class).objectMapper();
			assertThat(functions).isNotSameAs(context.getBean(JsonMapper.class));
			assertThat(functions.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
			assertThat(functions.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)).isFalse();
			assertThat(functions.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)).isFalse();
			assertThat(functions.isEnabled(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)).isFalse();
			assertThat(constraints(functions).getMaxNestingDepth()).isEqualTo(12);
		});
	}

	@Test
	void anApplicationsOwnBuilderReplacesIt() {
		this.runner.withUserConfiguration(OwnBuilder.class)
			.run((context) -> assertThat(constraints(context.getBean(JsonMapper.class)).getMaxNestingDepth())
				.isEqualTo(StreamReadConstraints.defaults().getMaxNestingDepth()));
	}

	@Test
	void backsOffWithoutSpringCloudFunctionsJacksonMapper() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LambdaJsonAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(JacksonMapper.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(JsonMapper.Builder.class)
				.doesNotHaveBean(JacksonMapper.class));
	}

	@Test
	void aLimitThatIsNoNumberFailsToBind() {
		this.runner.withPropertyValues("serverless.spring.json.max-nesting-depth=deep")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.json")
				.rootCause()
				.hasMessageContaining("deep"));
	}

	@Test
	void aLimitJacksonRefusesFailsNamingTheProperties() {
		this.runner.withPropertyValues("serverless.spring.json.max-nesting-depth=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("serverless.spring.json.*")
				.rootCause()
				.hasMessageContaining("maxNestingDepth"));
	}

	private static List<String> beanClassNames(AssertableApplicationContext context) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		return Arrays.stream(beanFactory.getBeanDefinitionNames())
			.map((name) -> beanFactory.getBeanDefinition(name).getBeanClassName())
			.toList();
	}

	private static StreamReadConstraints constraints(ObjectMapper mapper) {
		return mapper.tokenStreamFactory().streamReadConstraints();
	}

	private static byte[] nested(int depth) {
		return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Imported by name, as in an application: Spring then reads Spring Cloud Function's
	 * configuration classes from their bytecode rather than loading them.
	 * {@code AutoConfigurations.of(...)} would register (and so load) them, and the
	 * {@code JsonMapperConfiguration} among them needs the Joda-Time module that is not
	 * on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LambdaJsonAutoConfiguration.class, JacksonAutoConfiguration.class,
			ContextFunctionCatalogAutoConfiguration.class, LambdaFunctionAutoConfiguration.class })
	static class AutoConfigured {

	}

	@Configuration(proxyBeanMethods = false)
	static class Functions {

		@Bean
		Function<Map<String, Object>, Map<String, Object>> echo() {
			return (input) -> input;
		}

	}

	record Point(int x, int y) {
	}

	static class Empty {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFunctionJsonMapper {

		final JacksonMapper mapper = new JacksonMapper(JsonMapper.builder().build());

		@Bean
		JacksonMapper ownFunctionJsonMapper() {
			return this.mapper;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMapper {

		@Bean
		JsonMapper ownJsonMapper() {
			StreamReadConstraints constraints = StreamReadConstraints.builder().maxNestingDepth(12).build();
			return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
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
