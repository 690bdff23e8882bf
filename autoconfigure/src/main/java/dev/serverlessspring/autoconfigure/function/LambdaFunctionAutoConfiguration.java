package dev.serverlessspring.autoconfigure.function;

import dev.serverlessspring.autoconfigure.streaming.LambdaStreamingProperties;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolver;
import dev.serverlessspring.lambda.invoke.InvocationListener;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import dev.serverlessspring.lambda.stream.ResponseStreams;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Serves the application's function to Lambda: resolves it from the
 * {@link FunctionCatalog} and wires the {@link EventDispatcher} that the handlers call.
 * <p>
 * The dispatcher is lazy, so an application that is not running in Lambda (a test with
 * several functions and no definition, say) starts without choosing a function.
 */
@AutoConfiguration(after = ContextFunctionCatalogAutoConfiguration.class)
@ConditionalOnClass({ FunctionCatalog.class, com.amazonaws.services.lambda.runtime.Context.class })
@EnableConfigurationProperties(LambdaStreamingProperties.class)
public class LambdaFunctionAutoConfiguration {

	static final String DEFINITION_PROPERTY = "spring.cloud.function.definition";

	@Bean
	@ConditionalOnMissingBean
	PayloadConverter lambdaPayloadConverter(JsonMapper jsonMapper) {
		if (!(jsonMapper instanceof JacksonMapper jackson)) {
			throw new IllegalStateException("Could not use Spring Cloud Function's " + jsonMapper.getClass().getName()
					+ ": serverless-spring needs Jackson (spring.cloud.function.preferred-json-mapper=jackson)");
		}
		return new PayloadConverter(jackson.getObjectMapper(), LambdaFunctionAutoConfiguration.class.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	ResponseStreams lambdaResponseStreams(PayloadConverter payloadConverter, LambdaStreamingProperties properties) {
		return new ResponseStreams(payloadConverter.objectMapper(), properties.getJsonDelimiter());
	}

	@Bean
	@ConditionalOnMissingBean
	FunctionResolver lambdaFunctionResolver(FunctionCatalog catalog, PayloadConverter payloadConverter) {
		return new FunctionResolver(catalog, payloadConverter);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	EventDispatcher lambdaEventDispatcher(FunctionResolver resolver, PayloadConverter payloadConverter,
			ObjectProvider<EventAdapter> adapters, ObjectProvider<InvocationListener> listeners,
			ResponseStreams responseStreams, Environment environment) {
		return new EventDispatcher(resolver.resolve(environment.getProperty(DEFINITION_PROPERTY)),
				adapters.orderedStream().toList(), payloadConverter.objectMapper(), listeners.orderedStream().toList(),
				responseStreams);
	}

}
