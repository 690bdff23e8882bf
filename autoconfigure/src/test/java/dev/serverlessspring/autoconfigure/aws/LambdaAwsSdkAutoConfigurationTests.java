package dev.serverlessspring.autoconfigure.aws;

import dev.serverlessspring.lambda.aws.LambdaCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaAwsSdkAutoConfiguration}; {@code AwsSdkLambdaDefaultsTests}
 * covers the system properties every client gets.
 */
class LambdaAwsSdkAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaAwsSdkAutoConfiguration.class));

	@AfterEach
	void clearRegion() {
		System.clearProperty(AwsSdkEnvironmentPostProcessor.REGION_PROPERTY);
	}

	@Test
	void theCredentialsAndRegionAreTheFunctions() {
		this.contextRunner
			.withPropertyValues("AWS_REGION=eu-central-1", "AWS_ACCESS_KEY_ID=AKID", "AWS_SECRET_ACCESS_KEY=secret",
					"AWS_SESSION_TOKEN=token")
			.run((context) -> {
				assertThat(context).hasSingleBean(AwsCredentialsProvider.class).hasSingleBean(AwsRegionProvider.class);
				AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
				assertThat(credentials).isInstanceOf(LambdaCredentialsProvider.class);
				AwsCredentials resolved = credentials.resolveCredentials();
				assertThat(resolved.accessKeyId()).isEqualTo("AKID");
				assertThat(resolved.secretAccessKey()).isEqualTo("secret");
				assertThat(resolved).isInstanceOfSatisfying(AwsSessionCredentials.class,
						(session) -> assertThat(session.sessionToken()).isEqualTo("token"));
				assertThat(context.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_CENTRAL_1);
			});
	}

	@Test
	void theRegionIsReadWhenAskedFor() {
		// Decided when used, not when the context starts, so Spring AOT's build does not
		// fix it.
		this.contextRunner.run((context) -> {
			AwsRegionProvider regions = context.getBean(AwsRegionProvider.class);
			System.setProperty(AwsSdkEnvironmentPostProcessor.REGION_PROPERTY, "us-west-2");
			assertThat(regions.getRegion()).isEqualTo(Region.US_WEST_2);
		});
	}

	@Test
	void withoutAwsRegionTheSdksChainGivesTheRegion() {
		System.setProperty(AwsSdkEnvironmentPostProcessor.REGION_PROPERTY, "ap-southeast-2");
		this.contextRunner.withPropertyValues("AWS_REGION= ")
			.run((context) -> assertThat(context.getBean(AwsRegionProvider.class).getRegion())
				.isEqualTo(Region.AP_SOUTHEAST_2));
	}

	@Test
	void aCredentialsProviderOfTheApplicationReplacesOurs() {
		AwsCredentialsProvider own = AnonymousCredentialsProvider.create();
		this.contextRunner.withBean(AwsCredentialsProvider.class, () -> own)
			.run((context) -> assertThat(context).getBean(AwsCredentialsProvider.class).isSameAs(own));
	}

	@Test
	void aRegionProviderOfTheApplicationReplacesOurs() {
		AwsRegionProvider own = () -> Region.SA_EAST_1;
		this.contextRunner.withBean(AwsRegionProvider.class, () -> own)
			.withPropertyValues("AWS_REGION=eu-central-1")
			.run((context) -> assertThat(context.getBean(AwsRegionProvider.class).getRegion())
				.isEqualTo(Region.SA_EAST_1));
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withPropertyValues("serverless.spring.aws.lambda-defaults=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AwsCredentialsProvider.class)
				.doesNotHaveBean(AwsRegionProvider.class));
	}

	@Test
	void backsOffWithoutTheSdksAuthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AwsCredentialsProvider.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AwsCredentialsProvider.class)
				.doesNotHaveBean(AwsRegionProvider.class));
	}

	@Test
	void backsOffWithoutTheSdksRegionsModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AwsRegionProvider.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AwsCredentialsProvider.class)
				.doesNotHaveBean(AwsRegionProvider.class));
	}

	@Test
	void anHttpClientThatIsNotOneOfTheSdksFailsToBind() {
		this.contextRunner.withPropertyValues("serverless.spring.aws.http-client=jetty")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.aws")
				.rootCause()
				.hasMessageContaining("jetty"));
	}

	@Test
	void aLambdaDefaultsFlagThatIsNoBooleanFailsToBind() {
		this.contextRunner.withPropertyValues("serverless.spring.aws.lambda-defaults=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.aws")
				.rootCause()
				.hasMessageContaining("sometimes"));
	}

}
