package dev.serverlessspring.lambda.runtime;

import java.io.ByteArrayOutputStream;
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

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.LambdaHeaders;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.runtime.InvocationRequest;
import dev.serverlessspring.test.runtime.LambdaError;
import dev.serverlessspring.test.runtime.RuntimeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The custom runtime's event loop against serverless-spring-test's Runtime API.
 */
class LambdaRuntimeTests {

	private static final Map<String, String> ENVIRONMENT = Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders",
			"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512",
			"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders", "AWS_LAMBDA_LOG_STREAM_NAME", "stream-1");

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	private RuntimeApiServer api;

	private LambdaRuntime runtime;

	@BeforeEach
	void startRuntimeApi() throws Exception {
		this.api = new RuntimeApiServer();
		this.runtime = new LambdaRuntime(new LambdaRuntimeApiClient(this.api.address()), ENVIRONMENT,
				new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void stopRuntimeApi() {
		this.api.close();
		System.clearProperty(XRayTraceHeader.SYSTEM_PROPERTY);
	}

	@Test
	void answersAnEventWithTheFunctionsResult() throws Exception {
		InvocationResult result = serve("uppercase", InvocationRequest.builder("\"hello\"").build());
		assertThat(result.isFunctionError()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo("HELLO");
	}

	@Test
	void givesTheFunctionTheInvocationsContextAndTraceHeader() throws Exception {
		InvocationRequest request = InvocationRequest.builder("\"x\"")
			.requestId("req-42")
			.timeout(Duration.ofSeconds(30))
			.invokedFunctionArn("arn:aws:lambda:eu-west-1:123456789012:function:orders")
			.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
			.cognitoIdentity("{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}")
			.clientContext("{\"client\":{\"app_title\":\"shop\"},\"custom\":{\"tier\":\"gold\"},\"env\":{}}")
			.build();
		JsonNode seen = JsonMapper.shared().readTree(serve("context", request).payloadAsString());
		assertThat(seen.get("requestId").asString()).isEqualTo("req-42");
		assertThat(seen.get("arn").asString()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:orders");
		assertThat(seen.get("function").asString()).isEqualTo("orders/$LATEST/512");
		assertThat(seen.get("remaining").asInt()).isBetween(20_000, 30_000);
		assertThat(seen.get("identity").asString()).isEqualTo("id-1/pool-1");
		assertThat(seen.get("client").asString()).isEqualTo("shop/gold");
		assertThat(seen.get("trace").asString()).startsWith("Root=1-5759e988-bd862e3fe1be46a994272793");
		assertThat(seen.get("traceProperty").asString()).isEqualTo(seen.get("trace").asString());
	}

	@Test
	void servesAsManyInvocationsAtOnceAsMaxConcurrencySaysEachWithItsOwnTraceHeader() throws Exception {
		int loops = 4;
		this.api.close();
		this.api = new RuntimeApiServer(0, loops);
		Map<String, String> environment = new HashMap<>(ENVIRONMENT);
		environment.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(loops));
		LambdaRuntime concurrent = new LambdaRuntime(new LambdaRuntimeApiClient(this.api.address()), environment,
				new PrintStream(this.log, true, StandardCharsets.UTF_8));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "spring.cloud.function.definition=gate")
			.run()) {
			concurrent.startLoops(context.getBean(EventDispatcher.class));
			List<CompletableFuture<InvocationResult>> results = new ArrayList<>();
			for (int n = 0; n < loops; n++) {
				results.add(this.api.invoke(InvocationRequest.builder("\"x\"").traceId("Root=1-trace-" + n).build()));
			}
			// Each invocation waits until all are in flight: one loop at a time would
			// never answer.
			for (int n = 0; n < loops; n++) {
				InvocationResult result = results.get(n).get(10, TimeUnit.SECONDS);
				assertThat(result.isFunctionError()).as(result.toString()).isFalse();
				assertThat(result.payloadAsString()).isEqualTo("Root=1-trace-" + n);
			}
		}
		assertThat(this.log.toString(StandardCharsets.UTF_8))
			.contains("Starting 4 concurrent function handler threads.");
		assertThat(System.getProperty(XRayTraceHeader.SYSTEM_PROPERTY)).isNull();
	}

	@Test
	void reportsAFunctionsExceptionAsTheInvocationsErrorAndGoesOn() throws Exception {
		InvocationResult failed = serve("fail", InvocationRequest.builder("\"boom\"").build());
		assertThat(failed.isFunctionError()).isTrue();
		assertThat(failed.errorType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(failed.errorMessage()).isEqualTo("no boom today");
		JsonNode document = JsonMapper.shared().readTree(failed.payload());
		assertThat(document.get("stackTrace").isArray()).isTrue();
		assertThat(document.get("stackTrace").get(0).asString()).contains("LambdaRuntimeTests");
		assertThat(this.log.toString(StandardCharsets.UTF_8)).doesNotContain("\"boom\"");
	}

	@Test
	void reportsAnApplicationThatDoesNotStartAsAnInitError() throws Exception {
		LambdaRuntimeApiClient client = new LambdaRuntimeApiClient(this.api.address());
		client.postInitError(ErrorRequest.initError(new IllegalStateException("No function named 'nope'")));
		LambdaError error = this.api.initialization().get(10, TimeUnit.SECONDS).orElseThrow();
		assertThat(error.errorType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(error.errorMessage()).isEqualTo("No function named 'nope'");
	}

	private InvocationResult serve(String definition, InvocationRequest request) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "spring.cloud.function.definition=" + definition)
			.run()) {
			EventDispatcher dispatcher = context.getBean(EventDispatcher.class);
			CompletableFuture<InvocationResult> result = this.api.invoke(request);
			boolean goOn = this.runtime.serveOne(dispatcher);
			assertThat(goOn).isTrue();
			return result.get(10, TimeUnit.SECONDS);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		@Bean
		Function<String, String> uppercase() {
			return String::toUpperCase;
		}

		/** Answers with its trace header once four invocations are in flight. */
		@Bean
		Function<String, String> gate() {
			CountDownLatch inFlight = new CountDownLatch(4);
			return (text) -> {
				inFlight.countDown();
				try {
					if (!inFlight.await(5, TimeUnit.SECONDS)) {
						throw new IllegalStateException("not all four invocations were in flight at once");
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return XRayTraceHeader.current();
			};
		}

		@Bean
		Function<String, String> fail() {
			return (text) -> {
				throw new IllegalStateException("no " + text + " today");
			};
		}

		@Bean
		Function<Message<String>, Map<String, Object>> context() {
			return (message) -> {
				Context context = (Context) message.getHeaders().get(LambdaHeaders.CONTEXT);
				return Map.of("requestId", context.getAwsRequestId(), "arn", context.getInvokedFunctionArn(),
						"function",
						context.getFunctionName() + "/" + context.getFunctionVersion() + "/"
								+ context.getMemoryLimitInMB(),
						"remaining", context.getRemainingTimeInMillis(), "identity",
						context.getIdentity().getIdentityId() + "/" + context.getIdentity().getIdentityPoolId(),
						"client",
						context.getClientContext().getClient().getAppTitle() + "/"
								+ context.getClientContext().getCustom().get("tier"),
						"trace", context.getXrayTraceId(), "traceProperty",
						System.getProperty(XRayTraceHeader.SYSTEM_PROPERTY));
			};
		}

	}

}
