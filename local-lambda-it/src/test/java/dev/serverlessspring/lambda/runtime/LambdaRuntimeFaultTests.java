package dev.serverlessspring.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.runtime.InvocationRequest;
import dev.serverlessspring.test.runtime.RuntimeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Our event loop against a failing Runtime API, matched with what the AWS runtime
 * interface client 2.10.1 does in the same case (measured by {@code RuntimeApiFaultTests}
 * of the test module, see docs/reliability.md). A runtime that cannot go on ends its
 * process: Lambda then reports {@code Runtime.ExitError} and starts a new environment.
 */
class LambdaRuntimeFaultTests {

	private static ConfigurableApplicationContext context;

	private static EventDispatcher dispatcher;

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	private RuntimeApiServer api;

	private LambdaRuntime runtime;

	@BeforeAll
	static void startApplication() {
		context = new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "spring.cloud.function.definition=repeat")
			.run();
		dispatcher = context.getBean(EventDispatcher.class);
	}

	@AfterAll
	static void stopApplication() {
		context.close();
	}

	@BeforeEach
	void startRuntimeApi() throws Exception {
		this.api = new RuntimeApiServer();
		this.runtime = new LambdaRuntime(new LambdaRuntimeApiClient(this.api.address()), Map.of(),
				new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void stopRuntimeApi() {
		this.api.close();
	}

	// The RIC's single loop does not retry either: its first failed next ends the
	// process.
	@Test
	void aFailedNextEndsTheLoop() {
		this.api.failNextPolls(1);
		assertThatExceptionOfType(LambdaRuntimeApiException.class).isThrownBy(() -> this.runtime.serveOne(dispatcher))
			.withMessage("Failed to GET /2018-06-01/runtime/invocation/next: the Runtime API answered 500 "
					+ "ServiceException: The Runtime API failed (injected fault)")
			.satisfies((ex) -> {
				assertThat(ex.getPath()).isEqualTo("/2018-06-01/runtime/invocation/next");
				assertThat(ex.getStatus()).isEqualTo(500);
				assertThat(ex.getErrorType()).isEqualTo("ServiceException");
				assertThat(ex.isRefused()).isFalse();
			});
	}

	// What main() runs before it exits the process: the loop ends with one line that says
	// why.
	@Test
	void aFailedNextEndsServingWithOneLogLine() {
		this.api.failNextPolls(1);
		this.runtime.serve(dispatcher);
		assertThat(this.log.toString(StandardCharsets.UTF_8).lines()).containsExactly("Runtime loop "
				+ Thread.currentThread().getName() + " ended: Failed to GET /2018-06-01/runtime/invocation/next: "
				+ "the Runtime API answered 500 ServiceException: The Runtime API failed (injected fault)");
	}

	// The RIC's loops retry when several run at once: five tries, 100 ms apart and
	// growing.
	@Test
	void concurrentLoopsRetryAFailedNextAndServeTheEvent() throws Exception {
		LambdaRuntime concurrent = concurrentRuntime();
		this.api.failNextPolls(2);
		CompletableFuture<InvocationResult> result = this.api.invoke(InvocationRequest.builder("\"x:2\"").build());
		assertThat(concurrent.serveOne(dispatcher)).isTrue();
		assertThat(result.get(10, TimeUnit.SECONDS).payloadAsString()).isEqualTo("xx");
		assertThat(this.log.toString(StandardCharsets.UTF_8))
			.contains("Failed to fetch the next invocation (try 2 of 5)");
	}

	@Test
	void concurrentLoopsGiveUpOnARuntimeApiThatKeepsFailing() {
		LambdaRuntime concurrent = concurrentRuntime();
		this.api.failNextPolls(5);
		assertThatExceptionOfType(LambdaRuntimeApiException.class).isThrownBy(() -> concurrent.serveOne(dispatcher))
			.withMessageContaining("invocation/next");
		assertThat(this.log.toString(StandardCharsets.UTF_8)).contains("(try 4 of 5)").doesNotContain("(try 5 of 5)");
	}

	private LambdaRuntime concurrentRuntime() {
		return new LambdaRuntime(new LambdaRuntimeApiClient(this.api.address()),
				Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "2"), new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

	@Test
	void aVanishingRuntimeApiEndsTheLoop() {
		this.api.close();
		assertThatExceptionOfType(LambdaRuntimeApiException.class).isThrownBy(() -> this.runtime.serveOne(dispatcher))
			.withMessageStartingWith("Failed to GET /2018-06-01/runtime/invocation/next: ")
			.satisfies((ex) -> assertThat(ex.isRefused()).isFalse());
	}

	// Neither our client nor the RIC's has a timeout on posting a response: a slow API
	// delays, not loses, it.
	@Test
	void aSlowResponseEndpointIsWaitedFor() throws Exception {
		this.api.delayResponses(Duration.ofMillis(1500));
		long started = System.nanoTime();
		InvocationResult result = serve("x:3");
		assertThat(result.isFunctionError()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo("xxx");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
	}

	// As the RIC: the refused response (413) becomes the invocation's error and the loop
	// goes on.
	@Test
	void aResponseOverSixMegabytesIsTheInvocationsErrorAndTheLoopGoesOn() throws Exception {
		InvocationResult oversized = serve("x:" + (RuntimeApiServer.MAX_RESPONSE_BYTES + 1));
		assertThat(oversized.isFunctionError()).isTrue();
		assertThat(oversized.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
		assertThat(this.log.toString(StandardCharsets.UTF_8))
			.contains("Failed to POST /2018-06-01/runtime/invocation/" + oversized.requestId()
					+ "/response: the Runtime API answered 413 RequestEntityTooLarge")
			.doesNotContain("could not report");
		InvocationResult next = serve("y:2");
		assertThat(next.isFunctionError()).isFalse();
		assertThat(next.payloadAsString()).isEqualTo("yy");
	}

	// An expired or unknown request id: the API refuses the response and its error (400);
	// both go to the log, the loop goes on and polls again, and the Runtime API's 500 on
	// that poll ends it.
	@Test
	void aRefusedResponseAndErrorAreLoggedAndTheLoopGoesOn() throws Exception {
		AtomicInteger polls = new AtomicInteger();
		HttpServer faulty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		faulty.createContext("/2018-06-01/runtime/invocation/", (exchange) -> {
			try (exchange) {
				exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
				String path = exchange.getRequestURI().getPath();
				if (path.endsWith("/next") && polls.incrementAndGet() == 1) {
					exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "expired-1");
					answer(exchange, 200, "\"x:2\"");
				}
				else if (path.endsWith("/next")) {
					answer(exchange, 500, "{\"errorType\":\"Runtime.ContainerError\",\"errorMessage\":\"gone\"}");
				}
				else {
					answer(exchange, 400,
							"{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"Invalid request ID\"}");
				}
			}
		});
		faulty.start();
		try {
			LambdaRuntime runtime = new LambdaRuntime(
					new LambdaRuntimeApiClient("127.0.0.1:" + faulty.getAddress().getPort()), Map.of(),
					new PrintStream(this.log, true, StandardCharsets.UTF_8));
			runtime.serve(dispatcher);
		}
		finally {
			faulty.stop(0);
		}
		assertThat(polls).hasValue(2);
		assertThat(this.log.toString(StandardCharsets.UTF_8).lines()).containsExactly(
				"Invocation expired-1: Failed to POST /2018-06-01/runtime/invocation/expired-1/response: "
						+ "the Runtime API answered 400 InvalidRequestID: Invalid request ID",
				"Invocation expired-1: could not report its error (Runtime.ResponseRefused: Failed to POST "
						+ "/2018-06-01/runtime/invocation/expired-1/response: the Runtime API answered 400 "
						+ "InvalidRequestID: Invalid request ID): Failed to POST /2018-06-01/runtime/invocation/expired-1/error: "
						+ "the Runtime API answered 400 InvalidRequestID: Invalid request ID",
				"Runtime loop " + Thread.currentThread().getName() + " ended: Failed to GET "
						+ "/2018-06-01/runtime/invocation/next: the Runtime API answered 500 Runtime.ContainerError: gone");
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private InvocationResult serve(String event) throws Exception {
		CompletableFuture<InvocationResult> result = this.api.invoke(InvocationRequest.builder(event).build());
		assertThat(this.runtime.serveOne(dispatcher)).isTrue();
		return result.get(10, TimeUnit.SECONDS);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		// "x:3" answers "xxx": responses of any size from a small event.
		@Bean
		Function<String, String> repeat() {
			return (event) -> event.substring(0, event.indexOf(':'))
				.repeat(Integer.parseInt(event.substring(event.indexOf(':') + 1)));
		}

	}

}
