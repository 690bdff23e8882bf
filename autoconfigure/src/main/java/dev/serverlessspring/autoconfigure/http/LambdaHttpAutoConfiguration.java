package dev.serverlessspring.autoconfigure.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.autoconfigure.streaming.LambdaStreamingProperties;
import dev.serverlessspring.lambda.http.ExceptionStatusResolver;
import dev.serverlessspring.lambda.http.HttpEventAdapter;
import dev.serverlessspring.lambda.http.HttpRoutes;
import dev.serverlessspring.lambda.invoke.FunctionResolver;
import dev.serverlessspring.lambda.invoke.LambdaFunction;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import dev.serverlessspring.lambda.stream.ResponseStreams;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Serves API Gateway (REST and HTTP APIs), ALB and Function URL events as HTTP requests
 * with an {@link HttpEventAdapter}, configured by {@link LambdaHttpProperties}. Backs
 * off, as the record-by-record adapters do, when no function is served (no
 * {@link PayloadConverter}: the Lambda core library is missing).
 */
@AutoConfiguration(after = LambdaFunctionAutoConfiguration.class)
@ConditionalOnBean(PayloadConverter.class)
@ConditionalOnBooleanProperty(prefix = LambdaHttpProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(LambdaHttpProperties.class)
public class LambdaHttpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExceptionStatusResolver httpExceptionStatusResolver(LambdaHttpProperties properties) {
		Map<Class<? extends Throwable>, Integer> statuses = new LinkedHashMap<>();
		properties.getExceptionStatus()
			.forEach((name, status) -> statuses.put(exceptionClass(name), httpStatus(name, status)));
		return new ExceptionStatusResolver(statuses);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	HttpRoutes httpRoutes(LambdaHttpProperties properties, FunctionResolver resolver) {
		Map<LambdaFunction, List<String>> routes = new LinkedHashMap<>();
		properties.getRoutes().forEach((definition, texts) -> routes.put(resolver.resolve(definition), texts));
		return new HttpRoutes(routes);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	HttpEventAdapter httpEventAdapter(PayloadConverter payloadConverter, ExceptionStatusResolver statusResolver,
			HttpRoutes routes, ResponseStreams responseStreams, ObjectProvider<LambdaStreamingProperties> streaming) {
		HttpEventAdapter adapter = new HttpEventAdapter(payloadConverter.objectMapper(), statusResolver, routes,
				responseStreams);
		adapter.setRestApiStreaming(streaming.getIfAvailable(LambdaStreamingProperties::new).isRestApi());
		return adapter;
	}

	/**
	 * The function to serve when one Lambda function routes its requests to several; only
	 * there when routes are configured. It serves HTTP events only, routed by the
	 * adapter.
	 * @return the router's placeholder function
	 */
	@Bean(HttpRoutes.ROUTER_FUNCTION_NAME)
	@Conditional(OnHttpRoutesCondition.class)
	Function<byte[], byte[]> httpRouter() {
		return (event) -> {
			throw new IllegalArgumentException(
					"Could not route the event: it is no API Gateway, ALB or Function URL" + " event, the only ones "
							+ HttpRoutes.ROUTER_FUNCTION_NAME + " routes (by serverless.spring.http.routes)");
		};
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends Throwable> exceptionClass(String name) {
		Class<?> type;
		try {
			type = ClassUtils.forName(name.strip(), LambdaHttpAutoConfiguration.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException(
					"Could not use '" + name + "' in serverless.spring.http.exception-status: there is no such class",
					ex);
		}
		if (!Throwable.class.isAssignableFrom(type)) {
			throw new IllegalStateException(
					"Could not use '" + name + "' in serverless.spring.http.exception-status: it is not a Throwable");
		}
		return (Class<? extends Throwable>) type;
	}

	// Checked here: API Gateway answers a proxy response with any other status by a 502
	// of its own.
	private static int httpStatus(String name, Integer status) {
		if (status == null || status < 100 || status > 599) {
			throw new IllegalStateException("serverless.spring.http.exception-status.[" + name + "] is " + status
					+ ", which is no HTTP status (100 to 599)");
		}
		return status;
	}

	static class OnHttpRoutesCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean routes = Binder.get(context.getEnvironment())
				.bind(LambdaHttpProperties.PREFIX + ".routes", Bindable.mapOf(String.class, String.class))
				.map((map) -> !map.isEmpty())
				.orElse(false);
			return routes ? ConditionOutcome.match("serverless.spring.http.routes is set")
					: ConditionOutcome.noMatch("serverless.spring.http.routes is not set");
		}

	}

}
