package dev.serverlessspring.test.local;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.app.FixtureApplication;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@LocalLambdaTest(config = "src/test/resources/local/serverless.yml", mainClass = FixtureApplication.class)
class InProcessLocalLambdaTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void invokesEachFunctionWithItsOwnEnvironment(LocalLambda lambda) {
		assertThat(lambda.mode()).isEqualTo(LocalLambda.Mode.IN_PROCESS);
		assertThat(lambda.invoke("uppercase", "\"hello\"").payloadAsString()).isEqualTo("HELLO");
		// provider GREETING (Hello, from ${self:custom.greeting}) overridden by the
		// function's own
		assertThat(lambda.invoke("greet", "\"Ada\"").payloadAsString()).isEqualTo("Bonjour Ada");
		// by deployed name too: <service>-<stage>-<function>
		assertThat(lambda.invoke("fixture-test-uppercase", "\"x\"").payloadAsString()).isEqualTo("X");
	}

	@Test
	void invokesWithAFixture(LocalLambda lambda) {
		InvocationResult result = lambda.invokeFixture("uppercase", "local/name.json");
		assertThat(result.isFunctionError()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo("GRACE");
		assertThat(result.log()).startsWith("START RequestId: " + result.requestId()).contains("REPORT RequestId: ");
	}

	@Test
	void contextCarriesTheClientContextAndCognitoIdentityAndLogsToTheInvocation(LocalLambda lambda) {
		LocalFunction caller = lambda.function("caller");
		InvocationResult result = caller.invoke(caller.invocation("\"hi\"".getBytes(StandardCharsets.UTF_8))
			.clientContext("{\"client\":{\"installation_id\":\"install-1\"},\"custom\":{\"tier\":\"gold\"}}")
			.cognitoIdentity("{\"cognitoIdentityId\":\"id-7\",\"cognitoIdentityPoolId\":\"pool-3\"}")
			.build());
		assertThat(result.isFunctionError()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo("fixture-test-caller 512 install-1 gold pool-3");
		assertThat(result.log()).contains("called by id-7\n");
	}

	@Test
	void functionErrorIsLambdasErrorDocument(LocalLambda lambda) {
		InvocationResult result = lambda.invoke("fail", "\"o-1\"");
		assertThat(result.isFunctionError()).isTrue();
		assertThat(result.errorType()).isEqualTo(IllegalArgumentException.class.getName());
		JsonNode error = JSON.readTree(result.payloadAsString());
		assertThat(error.get("errorMessage").asString()).isEqualTo("Bad order: o-1");
		assertThat(error.get("errorType").asString()).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(error.get("stackTrace").isArray()).isTrue();
	}

	@Test
	void eventInvocationAnswers202AndRunsInTheBackground(LocalLambda lambda) throws Exception {
		HttpResponse<String> response = lambda.send(
				HttpRequest.newBuilder(URI.create(lambda.invokeEndpoint() + "/2015-03-31/functions/record/invocations"))
					.header("X-Amz-Invocation-Type", "Event")
					.POST(HttpRequest.BodyPublishers.ofString("\"queued\""))
					.build());
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEmpty();
		assertThat(FixtureApplication.RECORDED.poll(30, TimeUnit.SECONDS)).isEqualTo("queued");
	}

	@Test
	void timeoutFailsTheInvocationAsLambdaReportsIt(LocalLambda lambda) {
		InvocationResult result = lambda.invoke("slow", "\"x\"");
		assertThat(result.isFunctionError()).isTrue();
		assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
		assertThat(result.errorMessage()).endsWith("Error: Task timed out after 1.00 seconds");
		assertThat(result.log()).contains("Task timed out after 1.00 seconds");
	}

	@Test
	void httpApiRouteGetsPayload2WithPathQueryAndCookies(LocalLambda lambda) throws Exception {
		HttpResponse<String> response = lambda
			.send(HttpRequest.newBuilder(lambda.httpUrl().resolve("/items/42?tag=a&tag=b&q=x%20y"))
				.header("Cookie", "c1=v1; c2=v2")
				.header("X-Custom", "one")
				.GET()
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Route")).hasValue("GET /items/{id}");
		assertThat(response.headers().allValues("Set-Cookie")).containsExactly("session=abc; Path=/", "theme=dark");
		JsonNode event = JSON.readTree(response.body());
		assertThat(event.get("version").asString()).isEqualTo("2.0");
		assertThat(event.get("routeKey").asString()).isEqualTo("GET /items/{id}");
		assertThat(event.get("rawPath").asString()).isEqualTo("/items/42");
		assertThat(event.get("rawQueryString").asString()).isEqualTo("tag=a&tag=b&q=x%20y");
		assertThat(event.at("/pathParameters/id").asString()).isEqualTo("42");
		assertThat(event.at("/queryStringParameters/tag").asString()).isEqualTo("a,b");
		assertThat(event.at("/queryStringParameters/q").asString()).isEqualTo("x y");
		assertThat(event.get("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
		assertThat(event.at("/headers/x-custom").asString()).isEqualTo("one");
		assertThat(event.at("/headers/cookie").isMissingNode()).isTrue();
		assertThat(event.at("/requestContext/http/method").asString()).isEqualTo("GET");
		assertThat(event.at("/requestContext/http/sourceIp").asString()).isEqualTo("127.0.0.1");
		assertThat(event.at("/requestContext/stage").asString()).isEqualTo("$default");
		assertThat(event.at("/requestContext/requestId").asString()).isNotBlank();
		assertThat(event.at("/requestContext/timeEpoch").asLong()).isPositive();
	}

	@Test
	void binaryBodiesAreBase64BothWays(LocalLambda lambda) {
		byte[] bytes = { 'z', 'i', 'p', 0, (byte) 0xff };
		HttpResponse<byte[]> response = sendBytes(lambda, lambda.httpUrl().resolve("/files/a/b.bin"), bytes);
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Route")).hasValue("POST /files/{proxy+}");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		// The function decodes the body, reads it as UTF-8 text and answers it
		// base64-encoded.
		assertThat(response.body())
			.isEqualTo(("got " + new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void restRouteGetsPayload1WithMultiValues(LocalLambda lambda) {
		HttpResponse<String> response = lambda
			.send(HttpRequest.newBuilder(lambda.httpUrl().resolve("/legacy/7?x=1&x=2"))
				.header("X-Twice", "a")
				.header("X-Twice", "b")
				.GET()
				.build());
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().allValues("X-Multi")).containsExactly("a", "b");
		JsonNode event = JSON.readTree(response.body());
		assertThat(event.get("resource").asString()).isEqualTo("/legacy/{id}");
		assertThat(event.get("path").asString()).isEqualTo("/legacy/7");
		assertThat(event.get("httpMethod").asString()).isEqualTo("GET");
		assertThat(event.at("/pathParameters/id").asString()).isEqualTo("7");
		assertThat(event.at("/queryStringParameters/x").asString()).isEqualTo("2");
		assertThat(event.at("/multiValueQueryStringParameters/x").toString()).isEqualTo("[\"1\",\"2\"]");
		assertThat(event.at("/multiValueHeaders/X-twice").toString()).isEqualTo("[\"a\",\"b\"]");
		assertThat(event.at("/requestContext/stage").asString()).isEqualTo("test");
		assertThat(event.at("/requestContext/path").asString()).isEqualTo("/test/legacy/7");
		assertThat(event.at("/requestContext/identity/sourceIp").asString()).isEqualTo("127.0.0.1");
	}

	@Test
	void plainFunctionsAnswerThroughTheHttpEventAdapter(LocalLambda lambda) {
		HttpResponse<String> response = lambda.send(HttpRequest.newBuilder(lambda.httpUrl().resolve("/uppercase"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("HELLO");
	}

	@Test
	void functionErrorsAndUnknownRoutesAnswerAsApiGateway(LocalLambda lambda) {
		HttpResponse<String> httpApi = lambda.post("/fail", "{}");
		assertThat(httpApi.statusCode()).isEqualTo(500);
		assertThat(httpApi.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
		HttpResponse<String> rest = lambda.post("/legacy/fail", "{}");
		assertThat(rest.statusCode()).isEqualTo(502);
		assertThat(rest.body()).isEqualTo("{\"message\":\"Internal server error\"}");
		assertThat(lambda.get("/nowhere").statusCode()).isEqualTo(404);
		assertThat(lambda.get("/items/1/more").statusCode()).isEqualTo(404);
	}

	private static HttpResponse<byte[]> sendBytes(LocalLambda lambda, URI uri, byte[] bytes) {
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(uri)
					.header("Content-Type", "application/octet-stream")
					.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
