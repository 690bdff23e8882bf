package dev.serverlessspring.test.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.serverlessspring.test.InvocationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Runtime API's protocol, driven by a plain HTTP client playing the runtime. The AWS
 * runtime interface client itself is driven in
 * {@link dev.serverlessspring.test.process.ManagedRuntimeProcessTests}.
 */
class RuntimeApiServerTests {

	private final RuntimeApiServer server = newServer();

	private final HttpClient runtime = HttpClient.newHttpClient();

	private static RuntimeApiServer newServer() {
		try {
			return new RuntimeApiServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void bindsTheLoopbackInterface() {
		assertThat(this.server.address()).isEqualTo("127.0.0.1:" + this.server.port());
		assertThat(this.server.port()).isPositive();
	}

	@Test
	void reportsAPortInUseClearly() {
		assertThatIOException().isThrownBy(() -> new RuntimeApiServer(this.server.port()))
			.withMessageContaining("Could not serve the Lambda Runtime API on 127.0.0.1:" + this.server.port());
	}

	@Test
	void handsTheEventToTheRuntimeWithLambdasHeaders() throws Exception {
		InvocationRequest request = InvocationRequest.builder("{\"a\":1}")
			.requestId("req-1")
			.timeout(Duration.ofSeconds(5))
			.invokedFunctionArn("arn:aws:lambda:eu-west-1:123456789012:function:orders:live")
			.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
			.clientContext("{\"custom\":{\"k\":\"v\"}}")
			.cognitoIdentity("{\"cognitoIdentityId\":\"id-1\"}")
			.tenantId("tenant-1")
			.build();
		CompletableFuture<InvocationResult> result = this.server.invoke(request);
		long before = System.currentTimeMillis();
		HttpResponse<String> next = get("invocation/next");
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.body()).isEqualTo("{\"a\":1}");
		assertThat(next.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
		assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
			.hasValue("arn:aws:lambda:eu-west-1:123456789012:function:orders:live");
		assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id"))
			.hasValue("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
		assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context")).hasValue("{\"custom\":{\"k\":\"v\"}}");
		assertThat(next.headers().firstValue("Lambda-Runtime-Cognito-Identity"))
			.hasValue("{\"cognitoIdentityId\":\"id-1\"}");
		assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Tenant-Id")).hasValue("tenant-1");
		long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
		assertThat(deadline).isBetween(before + 4_000, System.currentTimeMillis() + 5_000);
		assertThat(this.server.initialization()).isCompletedWithValue(Optional.empty());

		HttpResponse<String> posted = post("invocation/req-1/response", "{\"ok\":true}", null);
		assertThat(posted.statusCode()).isEqualTo(202);
		InvocationResult outcome = result.get(5, TimeUnit.SECONDS);
		assertThat(outcome.isFunctionError()).isFalse();
		assertThat(outcome.requestId()).isEqualTo("req-1");
		assertThat(outcome.payloadAsString()).isEqualTo("{\"ok\":true}");
	}

	@Test
	void leavesOutTheOptionalHeadersWhenTheInvocationHasNone() throws Exception {
		this.server.invoke(InvocationRequest.builder("{}").build());
		HttpResponse<String> next = get("invocation/next");
		assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context")).isEmpty();
		assertThat(next.headers().firstValue("Lambda-Runtime-Cognito-Identity")).isEmpty();
		assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Tenant-Id")).isEmpty();
		assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow())
			.matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
	}

	@Test
	void holdsNextUntilAnEventArrives() throws Exception {
		CompletableFuture<HttpResponse<String>> next = this.runtime
			.sendAsync(HttpRequest.newBuilder(uri("invocation/next")).build(), BodyHandlers.ofString());
		Thread.sleep(300);
		assertThat(next).isNotDone();
		this.server.invoke(InvocationRequest.builder("late").requestId("req-2").build());
		assertThat(next.get(5, TimeUnit.SECONDS).body()).isEqualTo("late");
	}

	@Test
	void runsOneInvocationAtATime() {
		this.server.invoke(InvocationRequest.builder("one").requestId("req-1").build());
		assertThatIllegalStateException().isThrownBy(() -> this.server.invoke(InvocationRequest.builder("two").build()))
			.withMessageContaining("req-1 is in progress");
	}

	@Test
	void takesTheErrorTypeFromTheHeaderWhenTheBodyHasNone() throws Exception {
		CompletableFuture<InvocationResult> result = this.server
			.invoke(InvocationRequest.builder("{}").requestId("req-3").build());
		get("invocation/next");
		HttpResponse<String> posted = post("invocation/req-3/error", "not json", "Runtime.Custom");
		assertThat(posted.statusCode()).isEqualTo(202);
		InvocationResult outcome = result.get(5, TimeUnit.SECONDS);
		assertThat(outcome.isFunctionError()).isTrue();
		assertThat(outcome.errorType()).isEqualTo("Runtime.Custom");
		assertThat(outcome.errorMessage()).isNull();
		assertThat(outcome.payloadAsString()).isEqualTo("not json");
	}

	@Test
	void rejectsAnswersForUnknownRequestIds() throws Exception {
		HttpResponse<String> posted = post("invocation/nope/response", "{}", null);
		assertThat(posted.statusCode()).isEqualTo(400);
		assertThat(posted.body()).contains("\"errorType\":\"InvalidRequestID\"");
	}

	@Test
	void failsAnInvocationPastItsDeadlineAndRefusesItsLateAnswer() throws Exception {
		CompletableFuture<InvocationResult> result = this.server
			.invoke(InvocationRequest.builder("{}").requestId("req-4").timeout(Duration.ofMillis(250)).build());
		get("invocation/next");
		InvocationResult outcome = result.get(5, TimeUnit.SECONDS);
		assertThat(outcome.errorType()).isEqualTo("Sandbox.Timedout");
		assertThat(outcome.errorMessage()).isEqualTo("RequestId: req-4 Error: Task timed out after 0.25 seconds");
		assertThat(outcome.payloadAsString()).isEqualTo(
				"{\"errorMessage\":\"RequestId: req-4 Error: Task timed out after 0.25 seconds\",\"errorType\":\"Sandbox.Timedout\"}");
		assertThat(post("invocation/req-4/response", "{}", null).statusCode()).isEqualTo(400);
		// The environment is spent: Lambda replaces it, and so must the caller.
		assertThatIllegalStateException().isThrownBy(() -> this.server.invoke(InvocationRequest.builder("{}").build()))
			.withMessageContaining("spent (Sandbox.Timedout)");
	}

	@Test
	void refusesAResponseOverSixMegabytesAndAcceptsTheRuntimesErrorReport() throws Exception {
		CompletableFuture<InvocationResult> result = this.server
			.invoke(InvocationRequest.builder("{}").requestId("req-5").build());
		get("invocation/next");
		HttpResponse<String> posted = post("invocation/req-5/response",
				"x".repeat(RuntimeApiServer.MAX_RESPONSE_BYTES + 1), null);
		assertThat(posted.statusCode()).isEqualTo(413);
		assertThat(posted.body()).isEqualTo(
				"{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
		InvocationResult outcome = result.get(5, TimeUnit.SECONDS);
		assertThat(outcome.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
		assertThat(outcome.payloadAsString()).isEqualTo(
				"{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}");
		// The AWS RIC then reports its failed post as the invocation's error, and carries
		// on.
		assertThat(post("invocation/req-5/error", "{\"errorType\":\"x\"}", "x").statusCode()).isEqualTo(202);
		CompletableFuture<InvocationResult> next = this.server
			.invoke(InvocationRequest.builder("{}").requestId("req-6").build());
		get("invocation/next");
		post("invocation/req-6/response", "fine", null);
		assertThat(next.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("fine");
	}

	@Test
	void reportsAnInitErrorToTheInitAndToAWaitingInvocation() throws Exception {
		CompletableFuture<InvocationResult> result = this.server.invoke(InvocationRequest.builder("{}").build());
		String error = "{\"errorMessage\":\"Class not found: x\",\"errorType\":\"java.lang.ClassNotFoundException\"}";
		assertThat(post("init/error", error, "Runtime.ClassNotFound").statusCode()).isEqualTo(202);
		LambdaError initError = this.server.initialization().get(5, TimeUnit.SECONDS).orElseThrow();
		assertThat(initError.errorType()).isEqualTo("java.lang.ClassNotFoundException");
		assertThat(initError.errorMessage()).isEqualTo("Class not found: x");
		assertThat(result.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo(error);
		assertThat(post("init/error", error, null).statusCode()).isEqualTo(403);
	}

	@Test
	void servesTheRestorePhase() throws Exception {
		assertThat(get("restore/next").statusCode()).isEqualTo(200);
		assertThat(post("restore/error", "{\"errorMessage\":\"hook failed\",\"errorType\":\"Runtime.AfterRestore\"}",
				"Runtime.AfterRestore")
			.statusCode()).isEqualTo(202);
		assertThat(this.server.initialization().get(5, TimeUnit.SECONDS)).get()
			.extracting(LambdaError::errorType)
			.isEqualTo("Runtime.AfterRestore");
	}

	@Test
	void failsTheInvocationOfARuntimeThatExited() throws Exception {
		CompletableFuture<InvocationResult> result = this.server
			.invoke(InvocationRequest.builder("{}").requestId("req-7").build());
		get("invocation/next");
		this.server.runtimeExited(1);
		InvocationResult outcome = result.get(5, TimeUnit.SECONDS);
		assertThat(outcome.errorType()).isEqualTo("Runtime.ExitError");
		assertThat(outcome.errorMessage())
			.isEqualTo("RequestId: req-7 Error: Runtime exited with error: exit status 1");
	}

	@Test
	void answersUnknownResourcesWithNotFound() throws Exception {
		assertThat(get("invocation/req-1/other").statusCode()).isEqualTo(404);
		assertThat(this.runtime
			.send(HttpRequest
				.newBuilder(URI.create("http://" + this.server.address() + "/2020-01-01/extension/register"))
				.POST(BodyPublishers.ofString("{}"))
				.build(), BodyHandlers.ofString())
			.statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.runtime.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(BodyPublishers.ofString(body));
		if (errorType != null) {
			request.header("Lambda-Runtime-Function-Error-Type", errorType);
		}
		return this.runtime.send(request.build(), BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://" + this.server.address() + "/2018-06-01/runtime/" + path);
	}

}
