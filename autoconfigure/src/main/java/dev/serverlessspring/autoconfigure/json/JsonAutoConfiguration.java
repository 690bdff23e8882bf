package dev.serverlessspring.autoconfigure.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * Gives the application's Jackson {@link JsonMapper} deliberate
 * {@link StreamReadConstraints} ({@link JsonProperties}): Spring Cloud Function rebuilds its
 * mapper from the application's, and every event a function reads goes through it.
 * <p>
 * The constraints belong to the mapper's {@link JsonFactory}, which a
 * {@link JsonMapperBuilderCustomizer} cannot replace, so this provides the
 * {@link JsonMapper.Builder} that Spring Boot's {@link JacksonAutoConfiguration} would: built
 * on a constrained factory, then customized by every {@link JsonMapperBuilderCustomizer} as
 * Boot's is. An application's own {@code JsonMapper.Builder} bean replaces it.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass({ JsonMapper.class, JacksonAutoConfiguration.class })
@EnableConfigurationProperties(JsonProperties.class)
public class JsonAutoConfiguration {

	@Bean
	@Scope("prototype")
	@ConditionalOnMissingBean
	JsonMapper.Builder jsonMapperBuilder(JsonProperties properties,
			ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonMapper.Builder builder = JsonMapper.builder(constrainedFactory(properties));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	static JsonFactory constrainedFactory(JsonProperties properties) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(properties.getMaxNestingDepth())
			.maxDocumentLength(properties.getMaxDocumentLength())
			.maxStringLength(properties.getMaxStringLength())
			.maxNumberLength(properties.getMaxNumberLength())
			.build();
		return JsonFactory.builder().streamReadConstraints(constraints).build();
	}

}
