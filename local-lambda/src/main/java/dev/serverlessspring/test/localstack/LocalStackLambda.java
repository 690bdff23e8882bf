package dev.serverlessspring.test.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.runtime.LambdaError;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Deploys a deployment zip to LocalStack's Lambda (in a Testcontainers
 * {@link LocalStackContainer}) and invokes it with the AWS SDK: for teams with Docker and
 * a LocalStack licence who want LocalStack's Lambda rather than the Docker-free local
 * one. Needs {@code org.testcontainers:testcontainers-localstack} and
 * {@code software.amazon.awssdk:lambda} (with {@code url-connection-client}) on the test
 * class path; both are optional dependencies of this module. <pre class="code">
 * &#64;Container
 * static LocalStackContainer localStack = new LocalStackContainer("localstack/localstack:4").withServices("lambda");
 *
 * try (LocalStackLambda quote = LocalStackLambda.deploy(localStack, functionPackage)) {
 *     InvocationResult result = quote.invoke("{\"sku\":\"BOOK-1\"}");
 * }
 * </pre>
 */
public final class LocalStackLambda implements AutoCloseable {

	// LocalStack accepts any role in its default account.
	private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

	private final LambdaClient client;

	private final String functionName;

	private LocalStackLambda(LambdaClient client, String functionName) {
		this.client = client;
		this.functionName = functionName;
	}

	/**
	 * Create the function in LocalStack from a deployment zip and wait until it is
	 * active.
	 * @param localStack the running container, with the {@code lambda} service
	 * @param function the function: its zip, name, handler, runtime, environment, timeout
	 * and memory size are used
	 * @return the deployed function
	 */
	public static LocalStackLambda deploy(LocalStackContainer localStack, FunctionPackage function) {
		if (!Files.isRegularFile(function.source())) {
			throw new IllegalArgumentException("LocalStack deploys a zip, not " + function.source());
		}
		byte[] zip;
		try {
			zip = Files.readAllBytes(function.source());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		LambdaClient client = LambdaClient.builder()
			.endpointOverride(localStack.getEndpoint())
			.region(Region.of(localStack.getRegion()))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey())))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
		try {
			client.createFunction((request) -> request.functionName(function.functionName())
				.runtime(Runtime.fromValue(function.runtime()))
				.role(ROLE)
				.handler(function.handler())
				.timeout((int) function.timeout().toSeconds())
				.memorySize(function.memorySize())
				.environment((environment) -> environment.variables(function.environment()))
				.code((code) -> code.zipFile(SdkBytes.fromByteArray(zip))));
			client.waiter().waitUntilFunctionActiveV2((request) -> request.functionName(function.functionName()));
			return new LocalStackLambda(client, function.functionName());
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	/**
	 * Invoke the function synchronously, with its log's tail.
	 * @param event the event, usually JSON
	 * @return the result
	 */
	public InvocationResult invoke(String event) {
		long start = System.nanoTime();
		InvokeResponse response = this.client.invoke((request) -> request.functionName(this.functionName)
			.logType(LogType.TAIL)
			.payload(SdkBytes.fromUtf8String(event)));
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		byte[] payload = (response.payload() != null) ? response.payload().asByteArray() : new byte[0];
		String requestId = response.responseMetadata().requestId();
		InvocationResult result;
		if (response.functionError() != null) {
			LambdaError error = LambdaError.posted(payload, response.functionError());
			result = InvocationResult.functionError(requestId, payload, error.errorType(), error.errorMessage(),
					duration);
		}
		else {
			result = InvocationResult.success(requestId, payload, duration);
		}
		String log = (response.logResult() != null)
				? new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8) : "";
		return result.withLog(log);
	}

	/**
	 * Return the SDK client connected to LocalStack, for calls this class does not offer.
	 * @return the client
	 */
	public LambdaClient client() {
		return this.client;
	}

	/**
	 * Delete the function and close the client.
	 */
	@Override
	public void close() {
		try {
			this.client.deleteFunction((request) -> request.functionName(this.functionName));
		}
		finally {
			this.client.close();
		}
	}

}
