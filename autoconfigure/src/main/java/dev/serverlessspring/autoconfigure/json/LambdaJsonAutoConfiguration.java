package dev.serverlessspring.autoconfigure.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;

/**
 * Gives the application's Jackson {@link JsonMapper} deliberate
 * {@link StreamReadConstraints} ({@link LambdaJsonProperties}) and hands that same mapper
 * to Spring Cloud Function: every event a function reads goes through it.
 * <p>
 * The constraints belong to the mapper's {@link JsonFactory}, which a
 * {@link JsonMapperBuilderCustomizer} cannot replace, so this provides the
 * {@link JsonMapper.Builder} that Spring Boot's {@link JacksonAutoConfiguration} would:
 * built on a constrained factory, then customized by every
 * {@link JsonMapperBuilderCustomizer} as Boot's is. An application's own
 * {@code JsonMapper.Builder} bean replaces it.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class,
		beforeName = FunctionJsonMapperConfigurationRemover.SPRING_CLOUD_FUNCTION_AUTO_CONFIGURATION)
@ConditionalOnClass({ JsonMapper.class, JacksonAutoConfiguration.class, JacksonMapper.class })
@EnableConfigurationProperties(LambdaJsonProperties.class)
public class LambdaJsonAutoConfiguration {

	@Bean
	@Scope("prototype")
	@ConditionalOnMissingBean
	JsonMapper.Builder jsonMapperBuilder(LambdaJsonProperties properties,
			ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonMapper.Builder builder = JsonMapper.builder(constrainedFactory(properties));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	static JsonFactory constrainedFactory(LambdaJsonProperties properties) {
		StreamReadConstraints constraints;
		try {
			constraints = StreamReadConstraints.builder()
				.maxNestingDepth(properties.getMaxNestingDepth())
				.maxDocumentLength(properties.getMaxDocumentLength())
				.maxStringLength(properties.getMaxStringLength())
				.maxNumberLength(properties.getMaxNumberLength())
				.build();
		}
		catch (IllegalArgumentException ex) {
			// Jackson names its own setting (maxNestingDepth); say where it came from.
			throw new IllegalStateException(
					LambdaJsonProperties.PREFIX + ".* sets a limit Jackson refuses: " + ex.getMessage(), ex);
		}
		return JsonFactory.builder().streamReadConstraints(constraints).build();
	}

	/**
	 * Spring Cloud Function's {@link org.springframework.cloud.function.json.JsonMapper}
	 * over the application's own mapper. Spring Cloud Function would rebuild that mapper
	 * into a second one with its settings and a Joda-Time module. The mapper this
	 * auto-configuration builds has those settings already
	 * ({@link FunctionJsonMapperBuilderCustomizer}), so it is used as it is: one mapper
	 * is built. A mapper without them (the application's own, or one that
	 * {@code spring.jackson.*} properties changed) is rebuilt with them, as Spring Cloud
	 * Function did. Its configuration class for its own mapper is never loaded
	 * ({@link FunctionJsonMapperConfigurationRemover}).
	 * @param objectMapper the application's mapper
	 * @return the mapper Spring Cloud Function reads and writes events with
	 */
	@Bean
	@ConditionalOnMissingBean(org.springframework.cloud.function.json.JsonMapper.class)
	JacksonMapper functionJsonMapper(ObjectMapper objectMapper) {
		return new JacksonMapper(FunctionJsonMapperBuilderCustomizer.withFunctionSettings(objectMapper));
	}

	@Bean
	FunctionJsonMapperBuilderCustomizer functionJsonMapperBuilderCustomizer() {
		return new FunctionJsonMapperBuilderCustomizer();
	}

	@Bean
	static FunctionJsonMapperConfigurationRemover functionJsonMapperConfigurationRemover() {
		return new FunctionJsonMapperConfigurationRemover();
	}

	/**
	 * The settings Spring Cloud Function gives the mapper functions read and write with:
	 * unknown properties and {@code null} for primitives are accepted, beans without
	 * properties are written as {@code {}}, and error locations do not quote the input.
	 * It runs before Spring Boot's own customizer, so {@code spring.jackson.*} properties
	 * still apply to the application's mapper.
	 */
	static final class FunctionJsonMapperBuilderCustomizer implements JsonMapperBuilderCustomizer, Ordered {

		@Override
		public void customize(JsonMapper.Builder builder) {
			applyTo(builder);
		}

		@Override
		public int getOrder() {
			return -1;
		}

		static ObjectMapper withFunctionSettings(ObjectMapper mapper) {
			if (!mapper.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)
					&& !mapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
					&& !mapper.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
					&& !mapper.isEnabled(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)) {
				return mapper;
			}
			MapperBuilder<?, ?> builder = mapper.rebuild();
			applyTo(builder);
			return builder.build();
		}

		private static void applyTo(MapperBuilder<?, ?> builder) {
			builder.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
			builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
			builder.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
		}

	}

}
