package dev.serverlessspring.autoconfigure.aws;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Gives every AWS SDK v2 client that the application builds, however it builds it
 * ({@code DynamoDbClient.create()}, a builder, Spring Cloud AWS), Lambda defaults, when
 * the application runs on Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} is set) and the SDK is
 * on the class path. The SDK reads its own system properties before anything else, so
 * they reach clients that no Spring bean touches; each is set only when the application
 * has not set it:
 * <ul>
 * <li>{@code software.amazon.awssdk.http.service.impl}: the HTTP client of
 * {@code serverless.spring.aws.http-client}, by default the URL connection client when it
 * is on the class path. The SDK otherwise scans the class path and prefers Apache's
 * client, which costs a cold start about 100 ms of CPU more (benchmarks/README.md);</li>
 * <li>{@code software.amazon.awssdk.http.async.service.impl}: the AWS CRT client for
 * asynchronous clients, when it is there (Netty, the SDK's default, never is on a
 * function's class path);</li>
 * <li>{@code aws.region}: the function's {@code AWS_REGION}, from the Spring
 * environment.</li>
 * </ul>
 * The standard {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} variables
 * need nothing: the SDK honours them. {@code serverless.spring.aws.lambda-defaults=false}
 * turns all this off.
 */
public class AwsSdkEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SDK_CLASS = "software.amazon.awssdk.core.SdkSystemSetting";

	static final String HTTP_SERVICE_PROPERTY = "software.amazon.awssdk.http.service.impl";

	static final String ASYNC_HTTP_SERVICE_PROPERTY = "software.amazon.awssdk.http.async.service.impl";

	static final String CRT_ASYNC_SERVICE = "software.amazon.awssdk.http.crt.AwsCrtSdkHttpService";

	static final String REGION_PROPERTY = "aws.region";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = (application.getClassLoader() != null) ? application.getClassLoader()
				: getClass().getClassLoader();
		if (!isOnLambda(environment) || !ClassUtils.isPresent(SDK_CLASS, classLoader)) {
			return;
		}
		LambdaAwsSdkProperties properties = Binder.get(environment)
			.bindOrCreate(LambdaAwsSdkProperties.PREFIX, LambdaAwsSdkProperties.class);
		if (!properties.isLambdaDefaults()) {
			return;
		}
		String httpService = httpService(properties.getHttpClient(), classLoader);
		if (httpService != null) {
			setIfAbsent(HTTP_SERVICE_PROPERTY, httpService);
		}
		if (ClassUtils.isPresent(CRT_ASYNC_SERVICE, classLoader)) {
			setIfAbsent(ASYNC_HTTP_SERVICE_PROPERTY, CRT_ASYNC_SERVICE);
		}
		String region = environment.getProperty("AWS_REGION");
		if (region != null && !region.isBlank()) {
			setIfAbsent(REGION_PROPERTY, region.strip());
		}
	}

	/**
	 * Whether the application runs on Lambda, or in a local Lambda's execution
	 * environment.
	 * @param environment the Spring environment (a local Lambda runs a function with its
	 * variables as a property source)
	 * @return whether {@code AWS_LAMBDA_FUNCTION_NAME} is set
	 */
	static boolean isOnLambda(Environment environment) {
		String name = environment.getProperty("AWS_LAMBDA_FUNCTION_NAME");
		return name != null && !name.isBlank();
	}

	static @Nullable String httpService(LambdaAwsSdkProperties.HttpClient client, ClassLoader classLoader) {
		if (client == LambdaAwsSdkProperties.HttpClient.AUTO) {
			for (LambdaAwsSdkProperties.HttpClient candidate : new LambdaAwsSdkProperties.HttpClient[] {
					LambdaAwsSdkProperties.HttpClient.URL_CONNECTION, LambdaAwsSdkProperties.HttpClient.CRT }) {
				String service = candidate.service();
				if (service != null && ClassUtils.isPresent(service, classLoader)) {
					return service;
				}
			}
			return null;
		}
		return client.service();
	}

	private static void setIfAbsent(String property, String value) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, value);
		}
	}

}
