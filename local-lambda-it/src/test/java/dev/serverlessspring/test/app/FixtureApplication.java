package dev.serverlessspring.test.app;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.serverlessspring.lambda.LambdaHeaders;
import dev.serverlessspring.lambda.batch.S3ObjectReference;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * Functions for the local Lambda's in-process tests: plain ones, and HTTP ones that echo
 * the API Gateway event they received so a test can check how the front built it.
 */
@SpringBootApplication
public class FixtureApplication {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What the {@code record} function received, for tests of asynchronous invocations.
	 */
	public static final BlockingQueue<String> RECORDED = new LinkedBlockingQueue<>();

	@Bean
	public Function<String, String> uppercase() {
		return String::toUpperCase;
	}

	@Bean
	public Function<String, String> greet(@Value("${GREETING}") String greeting) {
		return (name) -> greeting + " " + name;
	}

	@Bean
	public Consumer<String> record() {
		return RECORDED::add;
	}

	@Bean
	public Function<String, String> fail() {
		return (event) -> {
			throw new IllegalArgumentException("Bad order: " + event);
		};
	}

	// Functions taking API Gateway's types get the raw event (the HTTP adapter steps
	// aside), so their exceptions reach the front.
	@Bean
	public Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> brokenHttpApi() {
		return (event) -> {
			throw new IllegalStateException("broken");
		};
	}

	@Bean
	public Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> brokenRest() {
		return (event) -> {
			throw new IllegalStateException("broken");
		};
	}

	@Bean
	public Function<String, String> slow() {
		return (event) -> {
			try {
				Thread.sleep(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "late";
		};
	}

	/**
	 * Answers with what its Lambda context says of the function and the caller, and logs
	 * through it.
	 */
	@Bean
	public Function<Message<String>, String> caller() {
		return (message) -> {
			Context context = message.getHeaders().get(LambdaHeaders.CONTEXT, Context.class);
			context.getLogger().log("called by " + context.getIdentity().getIdentityId() + "\n");
			return context.getFunctionName() + " " + context.getMemoryLimitInMB() + " "
					+ context.getClientContext().getClient().getInstallationId() + " "
					+ context.getClientContext().getCustom().get("tier") + " "
					+ context.getIdentity().getIdentityPoolId();
		};
	}

	@Bean
	public Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApiEcho() {
		return (event) -> {
			boolean file = event.getRawPath().startsWith("/files/");
			String body = file ? Base64.getEncoder()
				.encodeToString(
						("got " + new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8))
							.getBytes(StandardCharsets.UTF_8))
					: JSON.writeValueAsString(event);
			return APIGatewayV2HTTPResponse.builder()
				.withStatusCode(file ? 201 : 200)
				.withHeaders(Map.of("Content-Type", file ? "application/octet-stream" : "application/json", "X-Route",
						event.getRouteKey()))
				.withCookies(List.of("session=abc; Path=/", "theme=dark"))
				.withBody(body)
				.withIsBase64Encoded(file)
				.build();
		};
	}

	@Bean
	public Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> restEcho() {
		return (event) -> new APIGatewayProxyResponseEvent().withStatusCode(202)
			.withHeaders(Map.of("Content-Type", "application/json"))
			.withMultiValueHeaders(Map.of("X-Multi", List.of("a", "b")))
			.withBody(JSON.writeValueAsString(event));
	}

	/**
	 * For an {@code s3} event: copies each uploaded object, upper case, under
	 * {@code processed/}, with a client built as a function builds one, from the standard
	 * variables (the local S3's endpoint among them); at first use, so that the other
	 * functions do not pay for it.
	 */
	@Bean
	public Consumer<S3ObjectReference> processUpload() {
		return (object) -> {
			try (S3Client s3 = S3Client.create()) {
				String text = s3.getObjectAsBytes((request) -> request.bucket(object.bucket()).key(object.key()))
					.asUtf8String();
				s3.putObject((request) -> request.bucket(object.bucket()).key("processed/" + object.key()),
						RequestBody.fromString(text.toUpperCase(java.util.Locale.ROOT)));
			}
		};
	}

}
