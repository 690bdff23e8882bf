package dev.serverlessspring.autoconfigure.aws;

import dev.serverlessspring.lambda.aws.LambdaCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Credentials and region beans for the AWS SDK v2 clients that take them (an
 * application's own builders, Spring Cloud AWS, whose auto-configuration backs off when
 * they exist): on Lambda, the function's own, read from its environment without a
 * provider chain ({@link LambdaCredentialsProvider}, {@code AWS_REGION}); elsewhere the
 * SDK's default chains. Clients built without them ({@code DynamoDbClient.create()}) get
 * the same region and the light HTTP client from {@link AwsSdkEnvironmentPostProcessor};
 * their credentials come from the SDK's default chain, which on Lambda stops at its
 * second link, the same variables (measured: no difference in cold-start time,
 * benchmarks/README.md).
 * <p>
 * Whether the application runs on Lambda is decided when the beans are used, not by a
 * condition, so that Spring AOT's build-time processing does not fix it. The switch is
 * {@code @ConditionalOnProperty}, not {@code @ConditionalOnBooleanProperty}: a value that
 * is no boolean keeps the configuration, whose properties then fail to bind and name it,
 * instead of turning the defaults off without a word.
 */
@AutoConfiguration(beforeName = { "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
		"io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration" })
@ConditionalOnClass({ AwsCredentialsProvider.class, AwsRegionProvider.class })
@ConditionalOnProperty(prefix = LambdaAwsSdkProperties.PREFIX, name = "lambda-defaults", matchIfMissing = true)
@EnableConfigurationProperties(LambdaAwsSdkProperties.class)
public class LambdaAwsSdkAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AwsCredentialsProvider awsCredentialsProvider(Environment environment) {
		return new LambdaCredentialsProvider(environment::getProperty);
	}

	@Bean
	@ConditionalOnMissingBean
	AwsRegionProvider awsRegionProvider(Environment environment) {
		return () -> {
			String region = environment.getProperty("AWS_REGION");
			return (region != null && !region.isBlank()) ? software.amazon.awssdk.regions.Region.of(region.strip())
					: DefaultAwsRegionProviderChain.builder().build().getRegion();
		};
	}

}
