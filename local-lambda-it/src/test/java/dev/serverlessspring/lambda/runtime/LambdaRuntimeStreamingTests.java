package dev.serverlessspring.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.http.HttpResponse;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolver;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import dev.serverlessspring.lambda.stream.ResponseStreams;
import dev.serverlessspring.lambda.stream.StreamingBody;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.RecordedStream;
import dev.serverlessspring.test.ResponseStreamConsumer;
import dev.serverlessspring.test.runtime.InvocationRequest;
import dev.serverlessspring.test.runtime.RuntimeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response streaming of the custom runtime's loop against serverless-spring-test's
 * Runtime API: {@code Lambda-Runtime-Function-Response-Mode: streaming}, chunked, the
 * HTTP prelude, errors before the first byte and in trailers after it, a caller that
 * leaves, and several loops streaming at once.
 */
class LambdaRuntimeStreamingTests {

	private static ConfigurableApplicationContext context;

	// Taken from the words function's second element until the test lets it go on.
	static volatile CountDownLatch secondWord = new CountDownLatch(0);

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	private RuntimeApiServer api;

	private LambdaRuntime runtime;

	@BeforeAll
	static void startApplication() {
		context = new SpringApplicationBuilder(Functions.class).properties("spring.main.banner-mode=off").run();
	}

	@AfterAll
	static void stopApplication() {
		context.close();
	}

	@BeforeEach
	void startRuntimeApi() throws Exception {
		this.api = new RuntimeApiServer();
		this.runtime = runtime(Map.of());
	}

	@AfterEach
	void stopRuntimeApi() {
		this.api.close();
	}

	private LambdaRuntime runtime(Map<String, String> environment) {
		return new LambdaRuntime(new LambdaRuntimeApiClient(this.api.address()), environment,
				new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

	private static EventDispatcher dispatcher(String definition) {
		return new EventDispatcher(context.getBean(FunctionResolver.class).resolve(definition),
				context.getBeanProvider(EventAdapter.class).orderedStream().toList(),
				context.getBean(PayloadConverter.class).objectMapper(), List.of(),
				context.getBean(ResponseStreams.class));
	}

	@Test
	void streamsEachElementOfAFluxAsItIsProduced() throws Exception {
		secondWord = new CountDownLatch(1);
		RecordedStream chunks = new RecordedStream();
		CompletableFuture<InvocationResult> result = this.api.invoke(InvocationRequest.builder("\"a b c\"").build(),
				chunks);
		CompletableFuture<Boolean> served = CompletableFuture
			.supplyAsync(() -> this.runtime.serveOne(dispatcher("words")));
		// The first word arrives while the function has not produced its second.
		assertThat(chunks.awaitText("a\n", Duration.ofSeconds(10))).isTrue();
		assertThat(result).isNotDone();
		secondWord.countDown();
		InvocationResult done = result.get(10, TimeUnit.SECONDS);
		assertThat(done.isFunctionError()).as(done.toString()).isFalse();
		assertThat(chunks.text()).isEqualTo("a\nb\nc\n");
		assertThat(chunks.contentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(served.get(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void writesObjectsAsJsonLinesFromAJavaStream() throws Exception {
		RecordedStream chunks = new RecordedStream();
		InvocationResult result = serve("numbers", "3", chunks);
		assertThat(result.isFunctionError()).isFalse();
		assertThat(chunks.text()).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
		assertThat(chunks.contentType()).isEqualTo("application/x-ndjson");
	}

	@Test
	void streamsWhatABodyWriterWrites() throws Exception {
		RecordedStream chunks = new RecordedStream();
		InvocationResult result = serve("report", "\"2026-12\"", chunks);
		assertThat(result.isFunctionError()).isFalse();
		assertThat(chunks.text()).isEqualTo("month,total\n2026-12,1\n2026-12,2\n");
	}

	@Test
	void anErrorAfterTheFirstByteIsReportedInTheTrailers() throws Exception {
		RecordedStream chunks = new RecordedStream();
		InvocationResult result = serve("failingMidway", "\"x\"", chunks);
		assertThat(chunks.text()).isEqualTo("one\n");
		assertThat(result.isFunctionError()).isTrue();
		assertThat(result.errorType()).isEqualTo("java.lang.IllegalStateException");
		assertThat(result.errorMessage()).isEqualTo("the feed broke");
		// The loop goes on.
		assertThat(serve("words", "\"d\"", new RecordedStream()).isFunctionError()).isFalse();
	}

	@Test
	void anErrorBeforeTheFirstByteIsAnOrdinaryInvocationError() throws Exception {
		RecordedStream chunks = new RecordedStream();
		InvocationResult result = serve("failingAtOnce", "\"x\"", chunks);
		assertThat(chunks.contentType()).isNull();
		assertThat(result.isFunctionError()).isTrue();
		assertThat(result.errorMessage()).isEqualTo("no feed today");
	}

	@Test
	void anHttpEventGetsThePreludeThenTheServerSentEvents() throws Exception {
		RecordedStream chunks = new RecordedStream();
		InvocationResult result = serve("events", functionUrlEvent(), chunks);
		assertThat(result.isFunctionError()).isFalse();
		assertThat(chunks.contentType()).isEqualTo("application/vnd.awslambda.http-integration-response");
		byte[] bytes = chunks.bytes();
		int nul = indexOfEightNuls(bytes);
		assertThat(nul).isPositive();
		JsonNode prelude = JsonMapper.shared().readTree(new String(bytes, 0, nul, StandardCharsets.UTF_8));
		assertThat(prelude.get("statusCode").asInt()).isEqualTo(200);
		assertThat(prelude.get("headers").get("Content-Type").asString()).isEqualTo("text/event-stream");
		assertThat(prelude.get("cookies").get(0).asString()).isEqualTo("feed=1");
		assertThat(new String(bytes, nul + 8, bytes.length - nul - 8, StandardCharsets.UTF_8))
			.isEqualTo("data: tick 1\n\ndata: tick 2\n\n");
	}

	@Test
	void aCallerThatLeavesDoesNotHangTheLoop() throws Exception {
		ResponseStreamConsumer leaving = (contentType) -> new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				throw new IOException("caller gone");
			}

		};
		CompletableFuture<InvocationResult> result = this.api.invoke(InvocationRequest.builder("100000").build(),
				leaving);
		assertThat(this.runtime.serveOne(dispatcher("endless"))).isTrue();
		assertThat(result.get(10, TimeUnit.SECONDS).errorType()).isEqualTo("Runtime.StreamCut");
		assertThat(this.log.toString(StandardCharsets.UTF_8)).contains("the response stream was cut");
		assertThat(serve("words", "\"e\"", new RecordedStream()).isFunctionError()).isFalse();
	}

	@Test
	void invokedWithoutAStreamTheResponseIsBuffered() throws Exception {
		CompletableFuture<InvocationResult> result = this.api.invoke(InvocationRequest.builder("\"f g\"").build());
		assertThat(this.runtime.serveOne(dispatcher("words"))).isTrue();
		assertThat(result.get(10, TimeUnit.SECONDS).payloadAsString()).isEqualTo("f\ng\n");
	}

	// A caller that buffers gets at most 6 MB: the Runtime API answers the whole stream
	// with 413, which becomes the invocation's error (as a buffered response's), and the
	// loop goes on.
	@Test
	void aStreamOverSixMegabytesToABufferingCallerIsTheInvocationsErrorAndTheLoopGoesOn() throws Exception {
		CompletableFuture<InvocationResult> result = this.api.invoke(InvocationRequest.builder("7").build());
		assertThat(this.runtime.serveOne(dispatcher("megabytes"))).isTrue();
		InvocationResult oversized = result.get(10, TimeUnit.SECONDS);
		assertThat(oversized.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
		assertThat(this.log.toString(StandardCharsets.UTF_8))
			.contains("Failed to POST /2018-06-01/runtime/invocation/" + oversized.requestId()
					+ "/response: the Runtime API answered 413 RequestEntityTooLarge")
			.doesNotContain("could not report")
			.doesNotContain("stream was cut");
		assertThat(serve("words", "\"h\"", new RecordedStream()).isFunctionError()).isFalse();
	}

	@Test
	void concurrentLoopsStreamIndependently() throws Exception {
		this.api.close();
		this.api = new RuntimeApiServer(0, 2);
		Map<String, String> environment = new HashMap<>();
		environment.put("AWS_LAMBDA_MAX_CONCURRENCY", "2");
		LambdaRuntime concurrent = runtime(environment);
		Functions.bothStarted = new CountDownLatch(2);
		concurrent.startLoops(dispatcher("relay"));
		List<RecordedStream> chunks = List.of(new RecordedStream(), new RecordedStream());
		List<CompletableFuture<InvocationResult>> results = new ArrayList<>();
		for (int n = 0; n < 2; n++) {
			results.add(this.api.invoke(InvocationRequest.builder("\"s" + n + "\"").build(), chunks.get(n)));
		}
		// Each stream waits for the other's first element: one loop at a time would never
		// finish.
		for (int n = 0; n < 2; n++) {
			InvocationResult result = results.get(n).get(10, TimeUnit.SECONDS);
			assertThat(result.isFunctionError()).as(result.toString()).isFalse();
			assertThat(chunks.get(n).text()).isEqualTo("s" + n + "-first\ns" + n + "-second\n");
		}
	}

	private InvocationResult serve(String function, String event, RecordedStream chunks) throws Exception {
		CompletableFuture<InvocationResult> result = this.api.invoke(InvocationRequest.builder(event).build(), chunks);
		assertThat(this.runtime.serveOne(dispatcher(function))).isTrue();
		return result.get(10, TimeUnit.SECONDS);
	}

	static String functionUrlEvent() {
		return """
				{"version":"2.0","routeKey":"$default","rawPath":"/events","rawQueryString":"",
				 "headers":{"accept":"text/event-stream"},
				 "requestContext":{"domainName":"abc.lambda-url.us-east-1.on.aws","http":{"method":"GET","path":"/events"},
				   "requestId":"r1","routeKey":"$default","stage":"$default"},
				 "isBase64Encoded":false}""";
	}

	private static int indexOfEightNuls(byte[] bytes) {
		for (int i = 0; i + 8 <= bytes.length; i++) {
			boolean nuls = true;
			for (int j = 0; j < 8 && nuls; j++) {
				nuls = bytes[i + j] == 0;
			}
			if (nuls) {
				return i;
			}
		}
		return -1;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		static volatile CountDownLatch bothStarted = new CountDownLatch(0);

		@Bean
		Function<String, Flux<String>> words() {
			return (text) -> Flux.fromArray(text.split(" ")).index().map((word) -> {
				if (word.getT1() == 1) {
					await(secondWord);
				}
				return word.getT2() + "\n";
			});
		}

		@Bean
		Function<Integer, Stream<Map<String, Integer>>> numbers() {
			return (count) -> IntStream.rangeClosed(1, count).mapToObj((n) -> Map.of("n", n));
		}

		@Bean
		Function<String, StreamingBody> report() {
			return (month) -> (out) -> {
				out.write("month,total\n".getBytes(StandardCharsets.UTF_8));
				out.flush();
				for (int total = 1; total <= 2; total++) {
					out.write((month + "," + total + "\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
			};
		}

		@Bean
		Function<String, Flux<String>> failingMidway() {
			return (event) -> Flux.concat(Flux.just("one\n"), Flux.error(new IllegalStateException("the feed broke")));
		}

		@Bean
		Function<String, Flux<String>> failingAtOnce() {
			return (event) -> Flux.error(new IllegalStateException("no feed today"));
		}

		@Bean
		Function<String, HttpResponse<Flux<String>>> events() {
			return (request) -> HttpResponse.status(200)
				.contentType("text/event-stream")
				.cookie("feed=1")
				.body(Flux.just("tick 1", "tick 2"));
		}

		// 100 KB elements until the caller stops taking them.
		@Bean
		Function<Integer, Stream<byte[]>> endless() {
			return (size) -> Stream.generate(() -> new byte[size]);
		}

		@Bean
		Function<Integer, Stream<byte[]>> megabytes() {
			return (count) -> Stream.generate(() -> new byte[1024 * 1024]).limit(count);
		}

		@Bean
		Function<String, Flux<String>> relay() {
			return (name) -> Flux.just(name + "-first\n", name + "-second\n").index().map((element) -> {
				if (element.getT1() == 1) {
					bothStarted.countDown();
					await(bothStarted);
				}
				return element.getT2();
			});
		}

		private static void await(CountDownLatch latch) {
			try {
				if (!latch.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("Waited in vain");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
