package dev.serverlessspring.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.RecordedStream;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import dev.serverlessspring.test.runtime.InvocationRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's quote feed from its packages: on the custom runtime (the JVM
 * custom-runtime zip) it streams, each server-sent event as it is produced; on the
 * managed runtime (the AWS runtime interface client) it answers the whole feed at once,
 * after one warning at init.
 */
class StreamingIT {

	private static final String FEED_EVENT = """
			{"version":"2.0","routeKey":"$default","rawPath":"/","rawQueryString":"sku=BOOK-1&quantities=3",
			 "queryStringParameters":{"sku":"BOOK-1","quantities":"3"},"headers":{"accept":"text/event-stream"},
			 "requestContext":{"domainName":"feed.lambda-url.us-east-1.on.aws","http":{"method":"GET","path":"/"},
			   "requestId":"r1","routeKey":"$default","stage":"$default"},"isBase64Encoded":false}""";

	private static final String EVENTS = """
			data: {"sku":"BOOK-1","quantity":1,"total":12.50}

			data: {"sku":"BOOK-1","quantity":2,"total":25.00}

			data: {"sku":"BOOK-1","quantity":3,"total":37.50}

			""";

	@Test
	void theCustomRuntimeStreamsEachEventAsItIsProduced() {
		FunctionPackage customRuntime = FunctionPackage
			.find(Path.of("target"), "serverless-spring-example-*-custom-runtime.zip")
			.runtime("provided.al2023")
			.environment("JAVA_HOME", System.getProperty("java.home"))
			.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "quoteFeed")
			.functionName("quoteFeed")
			.memorySize(512)
			.timeout(Duration.ofSeconds(30));
		try (ManagedRuntimeProcess feed = new ManagedRuntimeProcess(customRuntime)) {
			RecordedStream stream = new RecordedStream();
			InvocationResult result = feed.invoke(request(customRuntime), stream);
			assertThat(result.isFunctionError()).as(feed.output()).isFalse();
			assertThat(stream.contentType()).isEqualTo("application/vnd.awslambda.http-integration-response");
			String received = stream.text();
			int body = received.indexOf("\0".repeat(8));
			JsonNode prelude = JsonMapper.shared().readTree(received.substring(0, body));
			assertThat(prelude.get("statusCode").asInt()).isEqualTo(200);
			assertThat(prelude.get("headers").get("Content-Type").asString()).isEqualTo("text/event-stream");
			assertThat(received.substring(body + 8)).isEqualTo(EVENTS);
			// The feed paces its quotes 100 ms apart: streamed, they arrive apart too (a
			// buffered answer arrives at once). Half a pace is the bound, as a loaded
			// machine may delay one arrival.
			assertThat(stream.arrivals()).hasSizeGreaterThanOrEqualTo(3);
			assertThat(stream.arrivals().get(stream.arrivals().size() - 1) - stream.arrivals().get(0))
				.isGreaterThan(Duration.ofMillis(50).toNanos());
		}
	}

	@Test
	void theManagedRuntimeAnswersTheWholeFeedAndWarnsOnceAtInit() {
		FunctionPackage managed = FunctionPackage.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
			.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
			.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "quoteFeed")
			.functionName("quoteFeed")
			.memorySize(512)
			.timeout(Duration.ofSeconds(30));
		try (ManagedRuntimeProcess feed = new ManagedRuntimeProcess(managed)) {
			for (int i = 0; i < 2; i++) {
				InvocationResult result = feed.invoke(request(managed), new RecordedStream());
				assertThat(result.isFunctionError()).as(feed.output()).isFalse();
				JsonNode response = JsonMapper.shared().readTree(result.payload());
				assertThat(response.get("statusCode").asInt()).isEqualTo(200);
				assertThat(response.get("headers").get("Content-Type").asString()).isEqualTo("text/event-stream");
				assertThat(response.get("body").asString()).isEqualTo(EVENTS);
			}
			String warning = "streams its response, but the managed Java runtime cannot stream";
			assertThat(feed.output().split(warning, -1)).as(feed.output()).hasSize(2);
		}
	}

	private static InvocationRequest request(FunctionPackage functionPackage) {
		return functionPackage.invocation(FEED_EVENT.getBytes(StandardCharsets.UTF_8)).build();
	}

}
