package dev.serverlessspring.lambda.aws;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The credentials of a Lambda function's execution role, where Lambda puts them: the
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}
 * variables, read at each resolution (no chain of providers is tried first); under
 * SnapStart, which gives no such variables, the container credentials endpoint
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), whose credentials the SDK refreshes. Off
 * Lambda, the SDK's default chain.
 */
public final class LambdaCredentialsProvider implements AwsCredentialsProvider {

	private final Function<String, @Nullable String> environment;

	private volatile @Nullable AwsCredentialsProvider fallback;

	/**
	 * Create the provider.
	 * @param environment the function's environment variables, such as the Spring
	 * environment's {@code getProperty}
	 */
	public LambdaCredentialsProvider(Function<String, @Nullable String> environment) {
		this.environment = environment;
	}

	@Override
	public AwsCredentials resolveCredentials() {
		String accessKeyId = this.environment.apply("AWS_ACCESS_KEY_ID");
		String secretAccessKey = this.environment.apply("AWS_SECRET_ACCESS_KEY");
		if (accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null && !secretAccessKey.isBlank()) {
			String sessionToken = this.environment.apply("AWS_SESSION_TOKEN");
			return (sessionToken != null && !sessionToken.isBlank())
					? AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken)
					: software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKeyId, secretAccessKey);
		}
		return fallback().resolveCredentials();
	}

	private AwsCredentialsProvider fallback() {
		AwsCredentialsProvider provider = this.fallback;
		if (provider == null) {
			String containerUri = this.environment.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI");
			provider = (containerUri != null && !containerUri.isBlank())
					? ContainerCredentialsProvider.builder().build() : DefaultCredentialsProvider.builder().build();
			this.fallback = provider;
		}
		return provider;
	}

	@Override
	public String toString() {
		return "LambdaCredentialsProvider";
	}

}
