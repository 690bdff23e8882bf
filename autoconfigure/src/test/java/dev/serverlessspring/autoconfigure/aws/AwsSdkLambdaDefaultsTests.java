package dev.serverlessspring.autoconfigure.aws;

import java.util.List;
import java.util.Map;

import dev.serverlessspring.lambda.aws.LambdaCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda defaults of AWS SDK clients, with the function's variables as a property
 * source (as on Lambda, where they are the process's, and in a local Lambda's execution
 * environment).
 */
class AwsSdkLambdaDefaultsTests {

	private static final List<String> PROPERTIES = List.of(AwsSdkEnvironmentPostProcessor.HTTP_SERVICE_PROPERTY,
			AwsSdkEnvironmentPostProcessor.ASYNC_HTTP_SERVICE_PROPERTY, AwsSdkEnvironmentPostProcessor.REGION_PROPERTY);

	private static final Map<String, Object> LAMBDA = Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_REGION",
			"eu-central-1", "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN",
			"token");

	@AfterEach
	void clearSystemProperties() {
		PROPERTIES.forEach(System::clearProperty);
	}

	private static ConfigurableApplicationContext run(Map<String, Object> variables, String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("function", variables));
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment);
		application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
		return application.run(properties);
	}

	@Test
	void onLambdaEveryClientGetsTheUrlConnectionClientAndTheFunctionsRegion() {
		try (ConfigurableApplicationContext context = run(LAMBDA); DynamoDbClient client = DynamoDbClient.create()) {
			assertThat(System.getProperty(AwsSdkEnvironmentPostProcessor.HTTP_SERVICE_PROPERTY))
				.isEqualTo("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
			assertThat(System.getProperty(AwsSdkEnvironmentPostProcessor.REGION_PROPERTY)).isEqualTo("eu-central-1");
			// Not on the class path: asynchronous clients keep the SDK's choice.
			assertThat(System.getProperty(AwsSdkEnvironmentPostProcessor.ASYNC_HTTP_SERVICE_PROPERTY)).isNull();
			assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
		}
	}

	@Test
	void onLambdaTheCredentialsAndRegionBeansAreTheFunctions() {
		try (ConfigurableApplicationContext context = run(LAMBDA)) {
			AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
			assertThat(credentials).isInstanceOf(LambdaCredentialsProvider.class);
			AwsCredentials resolved = credentials.resolveCredentials();
			assertThat(resolved).isInstanceOf(AwsSessionCredentials.class);
			assertThat(resolved.accessKeyId()).isEqualTo("AKID");
			assertThat(((AwsSessionCredentials) resolved).sessionToken()).isEqualTo("token");
			assertThat(context.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_CENTRAL_1);
		}
	}

	@Test
	void whatTheApplicationSetsWins() {
		System.setProperty(AwsSdkEnvironmentPostProcessor.HTTP_SERVICE_PROPERTY, "com.example.OwnHttpService");
		try (ConfigurableApplicationContext context = run(LAMBDA, "--serverless.spring.aws.http-client=apache")) {
			assertThat(System.getProperty(AwsSdkEnvironmentPostProcessor.HTTP_SERVICE_PROPERTY))
				.isEqualTo("com.example.OwnHttpService");
		}
		System.clearProperty(AwsSdkEnvironmentPostProcessor.HTTP_SERVICE_PROPERTY);
		try (ConfigurableApplicationContext context = run(LAMBDA, "--serverless.spring.aws.http-client=apache5")) {
			assertThat(System.getProperty(AwsSdkEnvironmentPostProcessor.HTTP_SERVICE_PROPERTY))
				.isEqualTo("software.amazon.awssdk.http.apache5.Apache5SdkHttpService");
		}
	}

	@Test
	void canBeTurnedOff() {
		try (ConfigurableApplicationContext context = run(LAMBDA, "--serverless.spring.aws.lambda-defaults=false")) {
			PROPERTIES.forEach((property) -> assertThat(System.getProperty(property)).as(property).isNull());
			assertThat(context.getBeansOfType(AwsCredentialsProvider.class)).isEmpty();
		}
	}

	@Test
	void offLambdaNothingIsSet() {
		try (ConfigurableApplicationContext context = run(Map.of("AWS_REGION", "eu-central-1"))) {
			PROPERTIES.forEach((property) -> assertThat(System.getProperty(property)).as(property).isNull());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
