package dev.serverlessspring.test.invoke;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import dev.serverlessspring.test.local.LocalLambda;
import dev.serverlessspring.test.process.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The AWS SDK's {@code LambdaClient} invokes, through our Invoke API, a function that
 * runs out of process from its zip under the AWS runtime interface client.
 */
class InvokeApiLambdaClientTests {

	@TempDir
	static Path directory;

	static LocalLambda lambda;

	static LambdaClient client;

	@BeforeAll
	static void start() throws IOException {
		Fixtures.zip(directory);
		Path config = Files.writeString(directory.resolve("serverless.yml"), """
				service: fixture
				provider:
				  name: aws
				  runtime: java21
				  memorySize: 256
				  environment:
				    SHARED: provider
				package:
				  artifact: fixture.zip
				functions:
				  echo:
				    handler: %s
				    timeout: 1
				""".formatted(Fixtures.HANDLER));
		lambda = LocalLambda.builder().config(config).start();
		client = LambdaClient.builder()
			.endpointOverride(lambda.invokeEndpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
		lambda.close();
	}

	private static InvokeResponse invoke(String function, String event) {
		return client.invoke((request) -> request.functionName(function).payload(SdkBytes.fromUtf8String(event)));
	}

	@Test
	void requestResponseReturnsThePayload() {
		assertThat(lambda.mode()).isEqualTo(LocalLambda.Mode.OUT_OF_PROCESS);
		InvokeResponse response = invoke("echo", "echo:hello");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.payload().asUtf8String()).isEqualTo("hello");
		assertThat(response.functionError()).isNull();
		assertThat(response.executedVersion()).isEqualTo("$LATEST");
		assertThat(response.logResult()).isNull();
	}

	@Test
	void functionNamesMayBeDeployedNamesOrArns() {
		assertThat(invoke("fixture-dev-echo", "echo:a").payload().asUtf8String()).isEqualTo("a");
		assertThat(invoke("arn:aws:lambda:us-east-1:012345678912:function:echo", "echo:b").payload().asUtf8String())
			.isEqualTo("b");
		assertThat(client
			.invoke((request) -> request.functionName("echo")
				.qualifier("$LATEST")
				.payload(SdkBytes.fromUtf8String("echo:c")))
			.payload()
			.asUtf8String()).isEqualTo("c");
	}

	@Test
	void contextCarriesTheFunctionsConfigurationAndTheClientContext() {
		String clientContext = Base64.getEncoder()
			.encodeToString("{\"client\":{\"installation_id\":\"install-1\"},\"custom\":{},\"env\":{}}"
				.getBytes(StandardCharsets.UTF_8));
		InvokeResponse response = client.invoke((request) -> request.functionName("echo")
			.clientContext(clientContext)
			.payload(SdkBytes.fromUtf8String("context")));
		assertThat(response.payload().asUtf8String()).contains("functionName=fixture-dev-echo\n")
			.contains("functionArn=arn:aws:lambda:us-east-1:012345678912:function:fixture-dev-echo\n")
			.contains("memoryLimit=256\n")
			.contains("clientContext=install-1\n");
	}

	@Test
	void aClientContextThatIsNotBase64IsRejected() {
		assertThatExceptionOfType(InvalidRequestContentException.class)
			.isThrownBy(() -> client.invoke((request) -> request.functionName("echo")
				.clientContext("not base64!")
				.payload(SdkBytes.fromUtf8String("echo:x"))))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
	}

	@Test
	void eventsOverSixMegabytesAreRejected() {
		assertThatExceptionOfType(RequestTooLargeException.class)
			.isThrownBy(() -> invoke("echo", "echo:" + "x".repeat(6_291_456)))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(413));
	}

	@Test
	void functionErrorIsUnhandledWithTheErrorDocument() {
		InvokeResponse response = invoke("echo", "fail:boom");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(response.payload().asUtf8String()).contains("\"errorMessage\":\"boom\"")
			.contains("\"errorType\":\"java.lang.IllegalStateException\"");
	}

	@Test
	void timeoutIsAnUnhandledSandboxTimeout() {
		InvokeResponse response = invoke("echo", "sleep:3000");
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(response.payload().asUtf8String()).contains("Sandbox.Timedout")
			.contains("Task timed out after 1.00 seconds");
		// A new environment serves the next invocation.
		assertThat(invoke("echo", "echo:again").payload().asUtf8String()).isEqualTo("again");
	}

	@Test
	void tailReturnsTheInvocationsLog() {
		InvokeResponse response = client.invoke((request) -> request.functionName("echo")
			.logType(LogType.TAIL)
			.payload(SdkBytes.fromUtf8String("log:marker")));
		String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
		assertThat(log).startsWith("START RequestId: ")
			.contains("stdout marker")
			.contains("logger marker")
			.contains("END RequestId: ")
			.contains("REPORT RequestId: ");
	}

	@Test
	void tailIsTheLast4KilobytesOfTheLog() {
		InvokeResponse response = client.invoke((request) -> request.functionName("echo")
			.logType(LogType.TAIL)
			.payload(SdkBytes.fromUtf8String("log:" + "y".repeat(6000))));
		byte[] log = Base64.getDecoder().decode(response.logResult());
		assertThat(log).hasSize(4096);
		assertThat(new String(log, StandardCharsets.UTF_8)).contains("REPORT RequestId: ");
	}

	@Test
	void eventIsAcceptedAndRunInTheBackground() {
		InvokeResponse response = client.invoke((request) -> request.functionName("echo")
			.invocationType(InvocationType.EVENT)
			.payload(SdkBytes.fromUtf8String("echo:later")));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.payload().asByteArray()).isEmpty();
	}

	@Test
	void dryRunOnlyChecksTheFunction() {
		InvokeResponse response = client.invoke((request) -> request.functionName("echo")
			.invocationType(InvocationType.DRY_RUN)
			.payload(SdkBytes.fromUtf8String("exit:3")));
		assertThat(response.statusCode()).isEqualTo(204);
	}

	@Test
	void unknownFunctionRaisesResourceNotFound() {
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> invoke("nope", "{}"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(404))
			.withMessageContaining("Function not found")
			.withMessageContaining("nope");
	}

	@Test
	void missingArtifactFailsClearly() throws IOException {
		Path config = Files.writeString(directory.resolve("missing.yml"), """
				service: fixture
				provider:
				  name: aws
				functions:
				  echo:
				    handler: %s
				    package:
				      artifact: target/nothing.zip
				""".formatted(Fixtures.HANDLER));
		assertThatIllegalStateException()
			.isThrownBy(() -> LocalLambda.builder().config(config).mode(LocalLambda.Mode.OUT_OF_PROCESS).start())
			.withMessageContaining("deployment package of function 'echo' is missing")
			.withMessageContaining("nothing.zip");
	}

	@Test
	void portInUseFailsClearly() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			assertThatIOException()
				.isThrownBy(() -> LocalLambda.builder()
					.config(directory.resolve("serverless.yml"))
					.httpPort(taken.getLocalPort())
					.start())
				.withMessageContaining("Could not serve the HTTP front on 127.0.0.1:" + taken.getLocalPort());
		}
	}

}
