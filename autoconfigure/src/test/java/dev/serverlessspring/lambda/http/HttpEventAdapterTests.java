package dev.serverlessspring.lambda.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolver;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import dev.serverlessspring.lambda.invoke.TestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP adapter in a Spring application, driven through the {@link EventDispatcher}
 * with the developer guides' sample events of every HTTP source.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpEventAdapterTests {

	private static ConfigurableApplicationContext context;

	private static final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "logging.level.dev.serverlessspring=INFO",
					"serverless.spring.http.routes.createOrder=POST /orders",
					"serverless.spring.http.routes.getOrder=GET /orders/{id}, HEAD /orders/{id}",
					"serverless.spring.http.routes.files=/files/{path+}",
					"serverless.spring.http.routes.catalog=GET /orders/special",
					"serverless.spring.http.exception-status.[java.util.NoSuchElementException]=404")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void createdAnswers201WithLocationAndJson(HttpEvent source) {
		JsonNode response = dispatch("createOrder", source.asIs());
		assertThat(response.get("statusCode").asInt()).isEqualTo(201);
		assertThat(header(response, "Location")).startsWith("/orders/");
		assertThat(header(response, "Content-Type")).isEqualTo("application/json");
		assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
		JsonNode order = json.readTree(response.get("body").asString());
		assertThat(order.get("sku").asString()).isEqualTo("BOOK-1");
		assertThat(order.get("quantity").asInt()).isEqualTo(2);
	}

	@Test
	void responseShapeFollowsTheSource() {
		JsonNode rest = dispatch("createOrder", HttpEvent.REST_API.asIs());
		assertThat(rest.has("cookies")).isFalse();
		assertThat(rest.has("statusDescription")).isFalse();
		JsonNode httpApi = dispatch("createOrder", HttpEvent.HTTP_API.asIs());
		assertThat(httpApi.has("multiValueHeaders")).isFalse();
		assertThat(httpApi.has("statusDescription")).isFalse();
		JsonNode alb = dispatch("createOrder", HttpEvent.ALB.asIs());
		assertThat(alb.get("statusDescription").asString()).isEqualTo("201 Created");
		assertThat(alb.has("headers")).isTrue();
		assertThat(alb.has("multiValueHeaders")).isFalse();
		JsonNode albMulti = dispatch("createOrder", HttpEvent.ALB_MULTI_VALUE.asIs());
		assertThat(albMulti.get("multiValueHeaders").get("Location").get(0).asString()).startsWith("/orders/");
		assertThat(albMulti.has("headers")).isFalse();
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void malformedJsonIs400ProblemWithoutInternals(HttpEvent source, CapturedOutput output) {
		JsonNode response = dispatch("createOrder",
				source.request("POST", "/orders", "/orders", "{\"sku\": \"BOOK-1\","));
		JsonNode problem = assertProblem(response, 400, "/orders");
		assertThat(problem.get("detail").asString()).contains("not valid JSON").doesNotContain("CreateOrder");
		assertThat(response.get("body").asString()).doesNotContain("Exception").doesNotContain("at dev.");
		assertThat(output).contains("POST /orders answered 400 (request id req-http)");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void base64BodyOfOverlongUtf8Is400(HttpEvent source) {
		// "\u00C0\u00AF" goes out as the bytes 0xC0 0xAF: an overlong '/', which Jackson
		// alone would decode.
		JsonNode response = dispatch("createOrder", source.request("POST", "/orders", "/orders", Map.of(),
				"application/json", "{\"sku\":\"BOOK-1\u00C0\u00AF\",\"quantity\":1}", true));
		JsonNode problem = assertProblem(response, 400, "/orders");
		assertThat(problem.get("detail").asString()).isEqualTo("The request body is not valid UTF-8");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void wronglyTypedJsonIs400NamingTheField(HttpEvent source) {
		JsonNode response = dispatch("createOrder",
				source.request("POST", "/orders", "/orders", "{\"sku\":\"BOOK-1\",\"quantity\":\"many\"}"));
		JsonNode problem = assertProblem(response, 400, "/orders");
		assertThat(problem.get("detail").asString())
			.isEqualTo("The request body has an invalid or missing value at 'quantity'");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void wellFormedJsonOfTheWrongShapeIs400SayingSo(HttpEvent source) {
		JsonNode response = dispatch("createOrder", source.request("POST", "/orders", "/orders", "\"hello\""));
		JsonNode problem = assertProblem(response, 400, "/orders");
		assertThat(problem.get("detail").asString())
			.isEqualTo("The request body is well-formed JSON but not of the expected shape");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void nonJsonContentTypeIs415(HttpEvent source) {
		JsonNode response = dispatch("createOrder",
				source.request("POST", "/orders", "/orders", Map.of(), "text/plain", "sku=BOOK-1", false));
		assertThat(assertProblem(response, 415, "/orders").get("detail").asString()).contains("application/json");
	}

	@Test
	void jsonSuffixAndMissingContentTypeAreJson() {
		String body = "{\"sku\":\"BOOK-1\",\"quantity\":1}";
		assertThat(dispatch("createOrder",
				HttpEvent.HTTP_API.request("POST", "/orders", "/orders", Map.of(),
						"application/vnd.orders+json; charset=utf-8", body, false))
			.get("statusCode")
			.asInt()).isEqualTo(201);
		assertThat(dispatch("createOrder",
				HttpEvent.HTTP_API.request("POST", "/orders", "/orders", Map.of(), null, body, false))
			.get("statusCode")
			.asInt()).isEqualTo(201);
	}

	@Test
	void postWithoutBodyIs400() {
		JsonNode response = dispatch("createOrder", HttpEvent.REST_API.request("POST", "/orders", "/orders", null));
		assertThat(assertProblem(response, 400, "/orders").get("detail").asString()).contains("no body");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void annotatedExceptionMapsToItsStatus(HttpEvent source, CapturedOutput output) {
		JsonNode response = dispatch("createOrder",
				source.request("POST", "/orders", "/orders", "{\"sku\":\"BOOK-1\",\"quantity\":0}"));
		assertThat(assertProblem(response, 422, "/orders").get("detail").asString())
			.isEqualTo("Quantity must be at least 1");
		// The exception's message may quote the request: the log names only its type.
		assertThat(output)
			.contains("POST /orders answered 422 (request id req-http): " + InvalidOrderException.class.getName())
			.doesNotContain("Quantity must be at least 1");
	}

	@ParameterizedTest
	@EnumSource(value = HttpEvent.class, names = { "REST_API", "HTTP_API" })
	void getWithoutBodyBindsPathParametersAndMapsNotFound(HttpEvent source, CapturedOutput output) {
		JsonNode response = dispatch("getOrder",
				source.request("GET", "/orders/{id}", "/orders/404", Map.of("id", "404"), null, null, false));
		assertThat(assertProblem(response, 404, "/orders/404").get("detail").asString()).isEqualTo("No order 404");
		// API Gateway's route template is logged, not the path with its parameter values.
		assertThat(output).contains("GET /orders/{id} answered 404 (request id req-http)")
			.doesNotContain("/orders/404");
		JsonNode found = dispatch("getOrder",
				source.request("GET", "/orders/{id}", "/orders/7", Map.of("id", "7"), null, null, false));
		assertThat(found.get("statusCode").asInt()).isEqualTo(200);
		assertThat(json.readTree(found.get("body").asString()).get("id").asString()).isEqualTo("7");
	}

	@Test
	void parametersAreConvertedToTheFieldTypes() {
		JsonNode response = dispatch("page", HttpEvent.REST_API.request("GET", "/pages/{number}", "/pages/7",
				Map.of("number", "7"), null, null, false));
		assertThat(response.get("body").asString()).isEqualTo("8");
		JsonNode invalid = dispatch("page", HttpEvent.REST_API.request("GET", "/pages/{number}", "/pages/x",
				Map.of("number", "x"), null, null, false));
		assertThat(assertProblem(invalid, 400, "/pages/x").get("detail").asString()).contains("'number'");
	}

	@Test
	void getWithoutBodyBindsDecodedQueryParameters() {
		JsonNode response = dispatch("search", HttpEvent.ALB.request("GET", "/search", "/search", null));
		assertThat(response.get("body").asString()).isEqualTo("1234ABCD hello world");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void unexpectedExceptionIs500WithoutDetailAndIsLoggedWithRequestId(HttpEvent source, CapturedOutput output) {
		JsonNode response = dispatch("explode", source.request("POST", "/explode", "/explode", "{}"));
		JsonNode problem = assertProblem(response, 500, "/explode");
		assertThat(problem.has("detail")).isFalse();
		assertThat(response.get("body").asString()).doesNotContain("database password");
		assertThat(output).contains("POST /explode answered 500 (request id req-http)")
			.contains("IllegalStateException: database password is wrong")
			.doesNotContain("BOOK-1");
	}

	@Test
	void exceptionMappedByPropertyIncludingSubclassesAndCauses() {
		JsonNode response = dispatch("lookup",
				HttpEvent.HTTP_API.request("GET", "/lookup", "/lookup", Map.of(), null, null, false));
		assertThat(assertProblem(response, 404, "/lookup").get("detail").asString()).isEqualTo("nothing here");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void binaryBodiesTravelAsBase64(HttpEvent source) {
		byte[] event = source.request("POST", "/reverse", "/reverse", Map.of(), "application/octet-stream",
				"\u0000\u00ff\u0010", true);
		JsonNode response = dispatch("reverse", event);
		assertThat(response.get("statusCode").asInt()).isEqualTo(200);
		assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
		assertThat(header(response, "Content-Type")).isEqualTo("application/octet-stream");
		assertThat(Base64.getDecoder().decode(response.get("body").asString())).containsExactly((byte) 0x10,
				(byte) 0xff, (byte) 0x00);
	}

	@Test
	void invalidBase64Is400() {
		byte[] event = HttpEvent.HTTP_API.request("POST", "/reverse", "/reverse", Map.of(), "application/octet-stream",
				null, false);
		String broken = new String(event, StandardCharsets.UTF_8).replace("\"isBase64Encoded\":false",
				"\"isBase64Encoded\":true,\"body\":\"%%%\"");
		assertProblem(dispatch("reverse", broken.getBytes(StandardCharsets.UTF_8)), 400, "/reverse");
	}

	@Test
	void stringFunctionTakesAnyTextAndAnswersPlainText() {
		JsonNode response = dispatch("uppercase", HttpEvent.FUNCTION_URL.request("POST", "/", "/", Map.of(),
				"text/plain; charset=utf-8", "hello", false));
		assertThat(response.get("body").asString()).isEqualTo("HELLO");
		assertThat(header(response, "Content-Type")).isEqualTo("text/plain;charset=UTF-8");
	}

	@Test
	void restApiRequestIsVisibleAsMessageHeaders() {
		Map<String, Object> seen = seen(HttpEvent.REST_API.asIs());
		assertThat(seen).containsEntry("method", "POST")
			.containsEntry("path", "/orders")
			.containsEntry("routeKey", "POST /orders")
			.containsEntry("source", "API_GATEWAY_REST")
			.containsEntry("header", "headerValue")
			.containsEntry("multivalueName", List.of("you", "me"))
			.containsEntry("cookies", Map.of("s_fid", "7AABXMPL1AFD9BBF-0643XMPL09956DE2", "regStatus", "pre-register"))
			.containsEntry("claims.email", "jane@example.com")
			.containsEntry("requestContext.stage", "testStage")
			.containsEntry("event.resource", "/orders")
			.containsEntry("awsRequestId", "req-http")
			.containsEntry("payload", "BOOK-1");
	}

	@Test
	void httpApiRequestIsVisibleAsMessageHeaders() {
		Map<String, Object> seen = seen(HttpEvent.HTTP_API.asIs());
		assertThat(seen).containsEntry("routeKey", "POST /orders")
			.containsEntry("source", "API_GATEWAY_HTTP")
			.containsEntry("parameter1", List.of("value1", "value2"))
			.containsEntry("parameter2", List.of("café"))
			.containsEntry("cookies", Map.of("s_fid", "7AABXMPL1AFD9BBF-0643XMPL09956DE2", "regStatus", "pre-register"))
			.containsEntry("claims.sub", "7d8ca528-4931-4254-9273-ea5ee853f271")
			.containsEntry("authorizer", "jwt");
	}

	@Test
	void functionUrlRequestIsVisibleAsMessageHeaders() {
		Map<String, Object> seen = seen(HttpEvent.FUNCTION_URL.asIs());
		assertThat(seen).containsEntry("source", "FUNCTION_URL")
			.containsEntry("routeKey", "$default")
			.containsEntry("header", null)
			.containsEntry("cookies", Map.of("cookie1", "value1", "cookie2", "value2"))
			.containsEntry("authorizer", "iam")
			.containsEntry("claims.email", null);
	}

	@Test
	void albRequestIsVisibleAsMessageHeadersWithQueryDecoded() {
		Map<String, Object> seen = seen(HttpEvent.ALB.asIs());
		assertThat(seen).containsEntry("source", "ALB")
			.containsEntry("routeKey", null)
			.containsEntry("greeting", List.of("hello world"))
			.containsEntry("cookies",
					Map.of("s_fid", "7AABXMPL1AFD9BBF-0643XMPL09956DE2", "regStatus", "pre-register"));
		assertThat(seen(HttpEvent.ALB_MULTI_VALUE.asIs())).containsEntry("myKey", List.of("val1", "val2"))
			.containsEntry("cookies", Map.of("name1", "value1", "name2", "value2"));
	}

	@Test
	void messageResultSetsStatusHeadersAndCookiesPerShape() {
		JsonNode rest = dispatch("accepted", HttpEvent.REST_API.asIs());
		assertThat(rest.get("statusCode").asInt()).isEqualTo(202);
		assertThat(rest.get("headers").get("X-Single").asString()).isEqualTo("one");
		assertThat(rest.get("headers").get("Content-Type").asString()).isEqualTo("application/json");
		assertThat(strings(rest.get("multiValueHeaders").get("X-Multi"))).containsExactly("a", "b");
		assertThat(strings(rest.get("multiValueHeaders").get("Set-Cookie"))).containsExactly("a=1; Path=/",
				"b=2; HttpOnly");
		assertThat(rest.get("headers").properties()).extracting(Map.Entry::getKey)
			.allMatch((name) -> !name.startsWith("http-") && !name.startsWith("aws-") && !name.equals("id")
					&& !name.equals("timestamp"));
		JsonNode httpApi = dispatch("accepted", HttpEvent.HTTP_API.asIs());
		assertThat(httpApi.get("headers").get("X-Multi").asString()).isEqualTo("a,b");
		assertThat(strings(httpApi.get("cookies"))).containsExactly("a=1; Path=/", "b=2; HttpOnly");
		assertThat(httpApi.get("headers").has("Set-Cookie")).isFalse();
		JsonNode alb = dispatch("accepted", HttpEvent.ALB_MULTI_VALUE.asIs());
		assertThat(alb.get("statusDescription").asString()).isEqualTo("202 Accepted");
		assertThat(strings(alb.get("multiValueHeaders").get("Set-Cookie"))).containsExactly("a=1; Path=/",
				"b=2; HttpOnly");
	}

	@Test
	void invalidStatusHeaderIs500(CapturedOutput output) {
		assertProblem(dispatch("badStatus", HttpEvent.HTTP_API.asIs()), 500, "/orders");
		assertThat(output).contains("http-status header is 'often', not an HTTP status");
	}

	@Test
	void httpResponseGivesNoContentAndRedirects() {
		JsonNode noContent = dispatch("remove", HttpEvent.HTTP_API.request("DELETE", "/orders/{id}", "/orders/1",
				Map.of("id", "1"), null, null, false));
		assertThat(noContent.get("statusCode").asInt()).isEqualTo(204);
		assertThat(noContent.has("body")).isFalse();
		JsonNode redirect = dispatch("moved",
				HttpEvent.REST_API.request("GET", "/old", "/old", Map.of(), null, null, false));
		assertThat(redirect.get("statusCode").asInt()).isEqualTo(301);
		assertThat(header(redirect, "Location")).isEqualTo("/new");
	}

	@Test
	void supplierAndConsumerServeGetAndPost() {
		JsonNode list = dispatch("catalog", HttpEvent.ALB.request("GET", "/catalog", "/catalog", null));
		assertThat(list.get("statusCode").asInt()).isEqualTo(200);
		assertThat(json.readTree(list.get("body").asString()).size()).isEqualTo(2);
		JsonNode consumed = dispatch("audit", HttpEvent.ALB.request("POST", "/audit", "/audit", "{\"event\":\"x\"}"));
		assertThat(consumed.get("statusCode").asInt()).isEqualTo(204);
		assertThat(consumed.get("statusDescription").asString()).isEqualTo("204 No Content");
	}

	@Test
	void awsResponseTypeReturnedByPlainFunctionIsTheResponseItself() {
		// Spring Cloud Function issue 1328: the AWS response must not become the body of
		// another.
		JsonNode response = dispatch("legacy", HttpEvent.REST_API.asIs());
		assertThat(response.get("statusCode").asInt()).isEqualTo(418);
		assertThat(response.get("body").asString()).isEqualTo("teapot BOOK-1");
		assertThat(response.get("headers").get("X-Legacy").asString()).isEqualTo("yes");
	}

	@Test
	void awsResponseTypeAsMessagePayloadIsTheResponseItself() {
		JsonNode response = dispatch("albLegacy", HttpEvent.ALB.asIs());
		assertThat(response.get("statusCode").asInt()).isEqualTo(200);
		assertThat(response.get("statusDescription").asString()).isEqualTo("200 OK");
		assertThat(response.get("body").asString()).isEqualTo("<h1>BOOK-1</h1>");
		assertThat(response.get("headers").get("Content-Type").asString()).isEqualTo("text/html");
	}

	@ParameterizedTest
	@EnumSource(value = HttpEvent.class, names = { "HTTP_API", "FUNCTION_URL" })
	void awsEventFunctionGetsTheWholeEventAndAnswersAsIs(HttpEvent source) {
		JsonNode response = dispatch("raw", source.asIs());
		assertThat(response.get("statusCode").asInt()).isEqualTo(200);
		assertThat(response.get("body").asString()).isEqualTo("POST /orders");
		assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
		assertThat(strings(response.get("cookies"))).containsExactly("seen=1");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void routerSendsEachRouteToItsFunctionWithPathParameters(HttpEvent source) {
		assertThat(dispatch("httpRouter", source.asIs()).get("statusCode").asInt()).isEqualTo(201);
		JsonNode found = dispatch("httpRouter",
				source.request("GET", "/orders/{id}", "/orders/9", Map.of("id", "9"), null, null, false));
		assertThat(found.get("statusCode").asInt()).isEqualTo(200);
		assertThat(json.readTree(found.get("body").asString()).get("id").asString()).isEqualTo("9");
		JsonNode greedy = dispatch("httpRouter", source.request("GET", "/files/{path+}", "/files/a/b.txt",
				Map.of("path", "a/b.txt"), null, null, false));
		assertThat(greedy.get("body").asString()).isEqualTo("a/b.txt");
		assertProblem(dispatch("httpRouter", source.request("GET", "/nowhere", "/nowhere", null)), 404, "/nowhere");
	}

	@Test
	void routerPrefersTheMostSpecificPatternAndMatchesAnyMethodForBarePaths() {
		// "GET /orders/{id}" and "/files/{path+}" (any method) are routes; the path
		// decides for ALB events.
		JsonNode byId = dispatch("httpRouter", HttpEvent.ALB.request("GET", "/orders/{id}", "/orders/3", null));
		assertThat(json.readTree(byId.get("body").asString()).get("id").asString()).isEqualTo("3");
		JsonNode special = dispatch("httpRouter",
				HttpEvent.ALB.request("GET", "/orders/special", "/orders/special", null));
		assertThat(json.readTree(special.get("body").asString()).isArray()).isTrue();
		JsonNode deleteFile = dispatch("httpRouter",
				HttpEvent.ALB.request("DELETE", "/files/{path+}", "/files/x", null));
		assertThat(deleteFile.get("body").asString()).isEqualTo("x");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void routerAnswers405WithAllowWhenOnlyTheMethodDoesNotMatch(HttpEvent source) {
		// "GET /orders/{id}, HEAD /orders/{id}" are routes; nothing routes PUT.
		JsonNode response = dispatch("httpRouter", source.request("PUT", "/orders/{id}", "/orders/3", "{}"));
		assertThat(assertProblem(response, 405, "/orders/3").get("detail").asString())
			.isEqualTo("Method PUT is not allowed on this path; allowed: GET, HEAD");
		assertThat(header(response, "Allow")).isEqualTo("GET, HEAD");
		JsonNode unknown = dispatch("httpRouter", source.request("GET", "/nowhere", "/nowhere", null));
		assertThat(assertProblem(unknown, 404, "/nowhere").get("detail").asString())
			.isEqualTo("No route matches GET on this path");
	}

	@Test
	void routerStripsTheStageOfNamedHttpApiStages() {
		String event = new String(
				HttpEvent.HTTP_API.request("GET", "/orders/{id}", "/prod/orders/5", Map.of(), null, null, false),
				StandardCharsets.UTF_8)
			.replace("\"stage\":\"$default\"", "\"stage\":\"prod\"")
			.replace("\"routeKey\":\"GET /orders/{id}\"", "\"routeKey\":\"$default\"");
		JsonNode found = dispatch("httpRouter", event.getBytes(StandardCharsets.UTF_8));
		assertThat(json.readTree(found.get("body").asString()).get("id").asString()).isEqualTo("5");
	}

	@Test
	void httpRouterOutsideHttpFailsClearly() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> dispatcher("httpRouter").dispatch("{}".getBytes(StandardCharsets.UTF_8),
					new TestContext("req-http")))
			.withMessageContaining("serverless.spring.http.routes");
	}

	@Test
	void lambdaAuthorizerEventsAreNoHttpRequests() {
		byte[] event = HttpEvent
			.json(EventLoader.loadAPIGatewayV2CustomAuthorizerEvent("http/apigateway-http-authorizer-event.json"));
		JsonNode response = dispatch("authorize", event);
		assertThat(response.properties()).extracting(Map.Entry::getKey).containsExactly("isAuthorized");
		assertThat(response.get("isAuthorized").asBoolean()).isTrue();
	}

	@Test
	void disabledAdapterHandsTheWholeEventToTheFunction() {
		try (ConfigurableApplicationContext plain = new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "serverless.spring.http.enabled=false",
					"spring.cloud.function.definition=echoEvent")
			.run()) {
			byte[] result = plain.getBean(EventDispatcher.class)
				.dispatch(HttpEvent.HTTP_API.asIs(), new TestContext("req-http"));
			assertThat(json.readTree(result).get("routeKey").asString()).isEqualTo("POST /orders");
		}
	}

	private static Map<String, Object> seen(byte[] event) {
		Functions.lastSeen.clear();
		JsonNode response = dispatch("inspect", event);
		assertThat(response.get("statusCode").asInt()).isEqualTo(200);
		return Functions.lastSeen;
	}

	private static JsonNode assertProblem(JsonNode response, int status, String instance) {
		assertThat(response.get("statusCode").asInt()).isEqualTo(status);
		assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = json.readTree(response.get("body").asString());
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotEmpty();
		assertThat(problem.get("instance").asString()).isEqualTo(instance);
		assertThat(problem.get("requestId").asString()).isEqualTo("req-http");
		return problem;
	}

	private static String header(JsonNode response, String name) {
		return HttpEvent.responseHeader(response, name);
	}

	private static List<String> strings(JsonNode array) {
		List<String> list = new ArrayList<>();
		array.forEach((item) -> list.add(item.asString()));
		return list;
	}

	static JsonNode dispatch(String definition, byte[] event) {
		byte[] result = dispatcher(definition).dispatch(event, new TestContext("req-http"));
		return json.readTree(result);
	}

	private static EventDispatcher dispatcher(String definition) {
		return new EventDispatcher(context.getBean(FunctionResolver.class).resolve(definition),
				List.of(context.getBean(HttpEventAdapter.class)),
				context.getBean(PayloadConverter.class).objectMapper());
	}

	record CreateOrder(String sku, int quantity) {
	}

	record Order(String id, String sku, int quantity) {
	}

	record OrderQuery(String id) {
	}

	record FilePath(String path) {
	}

	record Search(String query, String greeting) {
	}

	record Page(int number) {
	}

	@ResponseStatus(422)
	static class InvalidOrderException extends RuntimeException {

		InvalidOrderException(String message) {
			super(message);
		}

	}

	@ResponseStatus(404)
	static class OrderNotFoundException extends RuntimeException {

		OrderNotFoundException(String id) {
			super("No order " + id);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		static final Map<String, Object> lastSeen = Collections.synchronizedMap(new HashMap<>());

		private final AtomicInteger ids = new AtomicInteger();

		@Bean
		Function<CreateOrder, HttpResponse<Order>> createOrder() {
			return (request) -> {
				if (request.quantity() < 1) {
					throw new InvalidOrderException("Quantity must be at least 1");
				}
				Order order = new Order(String.valueOf(this.ids.incrementAndGet()), request.sku(), request.quantity());
				return HttpResponse.created("/orders/" + order.id(), order);
			};
		}

		@Bean
		Function<OrderQuery, Order> getOrder() {
			return (query) -> {
				if (query.id().equals("404")) {
					throw new OrderNotFoundException(query.id());
				}
				return new Order(query.id(), "BOOK-1", 1);
			};
		}

		@Bean
		Function<Page, String> page() {
			return (page) -> String.valueOf(page.number() + 1);
		}

		@Bean
		Function<Search, String> search() {
			return (search) -> search.query() + " " + search.greeting();
		}

		@Bean
		Function<OrderQuery, HttpResponse<Void>> remove() {
			return (query) -> HttpResponse.noContent();
		}

		@Bean
		Function<OrderQuery, HttpResponse<Void>> moved() {
			return (query) -> HttpResponse.redirect(301, "/new");
		}

		@Bean
		Function<FilePath, String> files() {
			return FilePath::path;
		}

		@Bean
		Function<Map<String, Object>, String> explode() {
			return (input) -> {
				throw new IllegalStateException("database password is wrong");
			};
		}

		@Bean
		Function<Map<String, Object>, String> lookup() {
			return (input) -> {
				throw new RuntimeException("wrapped", new NoSuchElementException("nothing here") {
				});
			};
		}

		@Bean
		Function<byte[], byte[]> reverse() {
			return (bytes) -> {
				byte[] reversed = new byte[bytes.length];
				for (int i = 0; i < bytes.length; i++) {
					reversed[i] = bytes[bytes.length - 1 - i];
				}
				return reversed;
			};
		}

		@Bean
		Function<String, String> uppercase() {
			return String::toUpperCase;
		}

		@Bean
		Supplier<List<Order>> catalog() {
			return () -> List.of(new Order("1", "BOOK-1", 1), new Order("2", "MUG-7", 3));
		}

		@Bean
		Consumer<Map<String, Object>> audit() {
			return (event) -> {
			};
		}

		@Bean
		@SuppressWarnings("unchecked")
		Function<Message<CreateOrder>, Order> inspect() {
			return (message) -> {
				Map<String, Object> headers = message.getHeaders();
				lastSeen.put("payload", message.getPayload().sku());
				put("method", headers.get(HttpMessageHeaders.METHOD));
				put("path", headers.get(HttpMessageHeaders.PATH));
				put("routeKey", headers.get(HttpMessageHeaders.ROUTE_KEY));
				put("source", String.valueOf(headers.get(HttpMessageHeaders.EVENT_SOURCE)));
				MultiValueMap<String, String> http = (MultiValueMap<String, String>) headers
					.get(HttpMessageHeaders.HEADERS);
				put("header", http.getFirst("HEADERNAME"));
				MultiValueMap<String, String> query = (MultiValueMap<String, String>) headers
					.get(HttpMessageHeaders.QUERY_PARAMETERS);
				query.forEach(lastSeen::put);
				put("cookies", headers.get(HttpMessageHeaders.COOKIES));
				Map<String, Object> claims = (Map<String, Object>) headers.get(HttpMessageHeaders.CLAIMS);
				put("claims.email", (claims != null) ? claims.get("email") : null);
				put("claims.sub", (claims != null) ? claims.get("sub") : null);
				Map<String, Object> authorizer = (Map<String, Object>) headers.get(HttpMessageHeaders.AUTHORIZER);
				put("authorizer", (authorizer != null) ? String.join(",", authorizer.keySet()) : null);
				put("requestContext.stage",
						((JsonNode) headers.get(HttpMessageHeaders.REQUEST_CONTEXT)).path("stage").asString());
				put("event.resource", ((JsonNode) headers.get(HttpMessageHeaders.EVENT)).path("resource").asString());
				put("awsRequestId", headers.get("aws-request-id"));
				return new Order("1", message.getPayload().sku(), message.getPayload().quantity());
			};
		}

		private static void put(String key, Object value) {
			lastSeen.put(key, value);
		}

		@Bean
		Function<Message<CreateOrder>, Message<Order>> accepted() {
			return (message) -> MessageBuilder.withPayload(new Order("1", "BOOK-1", 2))
				.copyHeaders(message.getHeaders())
				.setHeader(HttpMessageHeaders.STATUS, 202)
				.setHeader("X-Single", "one")
				.setHeader("X-Multi", List.of("a", "b"))
				.setHeader("Set-Cookie", List.of("a=1; Path=/", "b=2; HttpOnly"))
				.build();
		}

		@Bean
		Function<CreateOrder, Message<String>> badStatus() {
			return (order) -> MessageBuilder.withPayload("x").setHeader(HttpMessageHeaders.STATUS, "often").build();
		}

		@Bean
		Function<CreateOrder, APIGatewayProxyResponseEvent> legacy() {
			return (order) -> new APIGatewayProxyResponseEvent().withStatusCode(418)
				.withHeaders(Map.of("X-Legacy", "yes"))
				.withBody("teapot " + order.sku());
		}

		@Bean
		Function<CreateOrder, Message<ApplicationLoadBalancerResponseEvent>> albLegacy() {
			return (order) -> {
				ApplicationLoadBalancerResponseEvent response = new ApplicationLoadBalancerResponseEvent();
				response.setStatusCode(200);
				response.setStatusDescription("200 OK");
				response.setHeaders(Map.of("Content-Type", "text/html"));
				response.setBody("<h1>" + order.sku() + "</h1>");
				return MessageBuilder.withPayload(response).setHeader(HttpMessageHeaders.STATUS, 500).build();
			};
		}

		@Bean
		Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> raw() {
			return (event) -> APIGatewayV2HTTPResponse.builder()
				.withStatusCode(200)
				.withBody(event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath())
				.withCookies(List.of("seen=1"))
				.build();
		}

		@Bean
		Function<Map<String, Object>, Map<String, Object>> authorize() {
			return (event) -> Map.of("isAuthorized", event.get("routeArn") != null);
		}

		@Bean
		Function<Map<String, Object>, Map<String, Object>> echoEvent() {
			return (event) -> new LinkedHashMap<>(event);
		}

	}

}
