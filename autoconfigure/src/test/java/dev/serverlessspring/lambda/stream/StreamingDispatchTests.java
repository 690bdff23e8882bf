package dev.serverlessspring.lambda.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.http.HttpResponse;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolutionException;
import dev.serverlessspring.lambda.invoke.LambdaResponse;
import dev.serverlessspring.lambda.invoke.TestContext;
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
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Streaming results through the dispatcher: how elements are framed, the buffered answer
 * of the managed runtimes (6 MB at most), and the context a stream's elements are
 * produced in.
 */
class StreamingDispatchTests {

	private static final String FUNCTION_URL_EVENT = """
			{"version":"2.0","routeKey":"$default","rawPath":"/","rawQueryString":"","headers":{},
			 "requestContext":{"domainName":"f.lambda-url.us-east-1.on.aws","http":{"method":"GET","path":"/"},
			   "requestId":"r1","routeKey":"$default","stage":"$default"},"isBase64Encoded":false}""";

	@Test
	void objectsAreJsonLinesAndTheManagedRuntimeGetsThemWhole() {
		try (ConfigurableApplicationContext context = run("greetings")) {
			LambdaResponse response = dispatcher(context).respond(bytes("\"Ada\""), new TestContext("req-1"));
			assertThat(response.isStreaming()).isTrue();
			assertThat(response.stream().contentType()).isEqualTo("application/x-ndjson");
			assertThat(text(dispatcher(context).dispatch(bytes("\"Ada\""), new TestContext("req-1"))))
				.isEqualTo("{\"text\":\"Hello Ada\"}\n{\"text\":\"Bye Ada\"}\n");
		}
	}

	@Test
	void theJsonDelimiterIsConfigurable() {
		try (ConfigurableApplicationContext context = run("greetings",
				"serverless.spring.streaming.json-delimiter=;")) {
			assertThat(text(dispatcher(context).dispatch(bytes("\"Ada\""), new TestContext("req-1"))))
				.isEqualTo("{\"text\":\"Hello Ada\"};{\"text\":\"Bye Ada\"};");
		}
	}

	@Test
	void eventStreamsFrameEachElementAsAServerSentEvent() {
		try (ConfigurableApplicationContext context = run("events")) {
			JsonNode response = JsonMapper.shared()
				.readTree(dispatcher(context).dispatch(bytes(FUNCTION_URL_EVENT), new TestContext("req-1")));
			assertThat(response.get("statusCode").asInt()).isEqualTo(200);
			assertThat(response.get("headers").get("Content-Type").asString()).isEqualTo("text/event-stream");
			assertThat(response.get("body").asString())
				.isEqualTo("data: two\ndata: lines\n\ndata: {\"text\":\"hi\"}\n\n");
		}
	}

	@Test
	void onlyFunctionUrlsAndStreamingRestApisGetAStream() {
		String httpApiEvent = FUNCTION_URL_EVENT.replace("f.lambda-url.us-east-1.on.aws",
				"api.execute-api.us-east-1.amazonaws.com");
		String restApiEvent = """
				{"resource":"/","path":"/","httpMethod":"GET","headers":{},"requestContext":{"requestId":"r1","stage":"dev"},
				 "isBase64Encoded":false}""";
		try (ConfigurableApplicationContext context = run("events")) {
			EventDispatcher dispatcher = dispatcher(context);
			assertThat(dispatcher.respond(bytes(FUNCTION_URL_EVENT), new TestContext("req-1")).isStreaming()).isTrue();
			LambdaResponse httpApi = dispatcher.respond(bytes(httpApiEvent), new TestContext("req-1"));
			assertThat(httpApi.isStreaming()).isFalse();
			assertThat(text(httpApi.payload())).contains("\"statusCode\":200").contains("data: two");
			assertThat(dispatcher.respond(bytes(restApiEvent), new TestContext("req-1")).isStreaming()).isFalse();
		}
		try (ConfigurableApplicationContext context = run("events", "serverless.spring.streaming.rest-api=true")) {
			assertThat(dispatcher(context).respond(bytes(restApiEvent), new TestContext("req-1")).isStreaming())
				.isTrue();
		}
	}

	@Test
	void theStreamRunsInTheInvocationsContext() throws Exception {
		try (ConfigurableApplicationContext context = run("requestIds")) {
			LambdaResponse response = dispatcher(context).respond(bytes("\"x\""), new TestContext("req-7"));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			response.stream().writeTo(out);
			assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("req-7 req-7 ");
		}
	}

	@Test
	void aBufferedStreamStopsAtSixMegabytesWithAnErrorNamingTheLimit() {
		try (ConfigurableApplicationContext context = run("huge")) {
			assertThatExceptionOfType(StreamingResponse.ResponseTooLargeException.class)
				.isThrownBy(() -> dispatcher(context).dispatch(bytes("\"x\""), new TestContext("req-1")))
				.withMessageContaining("6291556 bytes")
				.withMessageContaining("custom runtime");
		}
	}

	@Test
	void aSupplierStreamsToo() {
		try (ConfigurableApplicationContext context = run("countdown")) {
			assertThat(text(dispatcher(context).dispatch(bytes("{}"), new TestContext("req-1")))).isEqualTo("321");
		}
	}

	@Test
	void aFunctionTakingAFluxIsRefusedWithWhy() {
		assertThatException().isThrownBy(() -> run("echoes").getBean(EventDispatcher.class))
			.havingRootCause()
			.isInstanceOf(FunctionResolutionException.class)
			.withMessageContaining("takes a Flux/Mono")
			.withMessageContaining("return a Flux to stream");
	}

	private static ConfigurableApplicationContext run(String definition, String... properties) {
		return new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "spring.cloud.function.definition=" + definition)
			.properties(properties)
			.run();
	}

	private static EventDispatcher dispatcher(ConfigurableApplicationContext context) {
		return context.getBean(EventDispatcher.class);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	record Greeting(String text) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		@Bean
		Function<String, Flux<Greeting>> greetings() {
			return (name) -> Flux.just(new Greeting("Hello " + name), new Greeting("Bye " + name));
		}

		@Bean
		Function<String, HttpResponse<Flux<Object>>> events() {
			return (request) -> HttpResponse.status(200)
				.contentType("text/event-stream")
				.body(Flux.just("two\nlines", new Greeting("hi")));
		}

		@Bean
		Function<String, Flux<String>> requestIds() {
			return (event) -> Flux.range(0, 2).map((n) -> LambdaContextHolder.requireContext().getAwsRequestId() + " ");
		}

		@Bean
		Function<String, StreamingBody> huge() {
			return (event) -> (out) -> {
				byte[] megabyte = new byte[1024 * 1024];
				for (int i = 0; i < 7; i++) {
					out.write(megabyte);
					out.flush();
				}
			};
		}

		@Bean
		Supplier<Flux<String>> countdown() {
			return () -> Flux.just("3", "2", "1");
		}

		@Bean
		Function<Flux<String>, String> echoes() {
			return (flux) -> "never";
		}

	}

}
