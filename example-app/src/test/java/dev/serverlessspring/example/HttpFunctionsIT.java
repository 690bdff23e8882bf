package dev.serverlessspring.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.serverlessspring.lambda.http.HttpEvent;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.config.ServerlessConfig;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's order API behind API Gateway (REST and HTTP APIs), an ALB and a Function
 * URL: the packaged zip served by the AWS runtime interface client as one Lambda function
 * that routes ({@code httpRouter}), invoked with events shaped like AWS's samples.
 */
class HttpFunctionsIT {

	private static final ObjectMapper json = new ObjectMapper();

	private static LocalAwsServices aws;

	private static ManagedRuntimeProcess orders;

	@BeforeAll
	static void startFunction() {
		// The orders' table of serverless-local.yml, in a local DynamoDB, as the local
		// Lambda runs it.
		ServerlessConfig config = ServerlessConfig.read(Path.of("src/test/resources/serverless-local.yml"));
		aws = LocalAwsServices.start(config);
		Map<String, String> environment = new LinkedHashMap<>(config.function("orders").environment());
		environment.putAll(aws.environment());
		orders = new ManagedRuntimeProcess(
				FunctionPackage.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
					.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
					.functionName("orders")
					.environment(environment)
					.memorySize(512)
					// Generous: the build machine may be busy, and the cold start is not
					// what is
					// tested here.
					.timeout(Duration.ofSeconds(30)))
			.start();
	}

	@AfterAll
	static void stopFunction() {
		orders.close();
		aws.close();
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void createdOrderAnswers201AndCanBeFetchedAndDownloaded(HttpEvent source) {
		JsonNode created = invoke(source.request("POST", "/orders", "/orders", "{\"sku\":\"MUG-7\",\"quantity\":3}"));
		assertThat(created.get("statusCode").asInt()).isEqualTo(201);
		assertThat(header(created, "Content-Type")).isEqualTo("application/json");
		JsonNode order = json.readTree(created.get("body").asString());
		assertThat(order.get("total").decimalValue()).isEqualByComparingTo("24.00");
		String id = order.get("id").asString();
		assertThat(header(created, "Location")).isEqualTo("/orders/" + id);

		JsonNode fetched = invoke(get(source, "/orders/{id}", "/orders/" + id, id));
		assertThat(fetched.get("statusCode").asInt()).isEqualTo(200);
		assertThat(json.readTree(fetched.get("body").asString()).get("sku").asString()).isEqualTo("MUG-7");

		JsonNode receipt = invoke(get(source, "/orders/{id}/receipt", "/orders/" + id + "/receipt", id));
		assertThat(receipt.get("statusCode").asInt()).isEqualTo(200);
		assertThat(receipt.get("isBase64Encoded").asBoolean()).isTrue();
		assertThat(new String(Base64.getDecoder().decode(receipt.get("body").asString()), StandardCharsets.UTF_8))
			.contains("3 x MUG-7")
			.contains("Total EUR 24.00");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void invalidOrdersAnswer400Problems(HttpEvent source) {
		JsonNode invalid = invoke(source.request("POST", "/orders", "/orders", "{\"sku\":\"MUG-7\",\"quantity\":0}"));
		assertThat(problem(invalid, 400).get("detail").asString()).isEqualTo("quantity must be between 1 and 100");
		JsonNode unknown = invoke(source.request("POST", "/orders", "/orders", "{\"sku\":\"NOPE\",\"quantity\":1}"));
		assertThat(problem(unknown, 400).get("detail").asString()).isEqualTo("Unknown product NOPE");
		JsonNode malformed = invoke(source.request("POST", "/orders", "/orders", "{\"sku\":"));
		assertThat(problem(malformed, 400).get("detail").asString()).startsWith("The request body is not valid JSON");
		JsonNode mistyped = invoke(
				source.request("POST", "/orders", "/orders", "{\"sku\":\"MUG-7\",\"quantity\":\"x\"}"));
		assertThat(problem(mistyped, 400).get("detail").asString()).contains("'quantity'");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void unknownOrderAnswers404AndUnknownRouteToo(HttpEvent source) {
		assertThat(problem(invoke(get(source, "/orders/{id}", "/orders/none", "none")), 404).get("detail").asString())
			.isEqualTo("No order none");
		problem(invoke(source.request("GET", "/customers", "/customers", null)), 404);
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void knownPathWithAnUnroutedMethodAnswers405WithAllow(HttpEvent source) {
		JsonNode response = invoke(source.request("DELETE", "/quotes", "/quotes", null));
		assertThat(problem(response, 405).get("detail").asString())
			.isEqualTo("Method DELETE is not allowed on this path; allowed: POST");
		assertThat(header(response, "Allow")).isEqualTo("POST");
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void nonJsonBodyAnswers415(HttpEvent source) {
		problem(invoke(source.request("POST", "/orders", "/orders", Map.of(), "application/x-www-form-urlencoded",
				"sku=MUG-7&quantity=1", false)), 415);
	}

	@ParameterizedTest
	@EnumSource(HttpEvent.class)
	void unmappedExceptionAnswers500WithoutDetailAndIsLoggedWithTheRequestId(HttpEvent source) {
		// PriceList throws IllegalArgumentException for unknown products, which nothing
		// maps.
		InvocationResult result = orders
			.invoke(source.request("POST", "/quotes", "/quotes", "{\"sku\":\"SECRET-SKU\",\"quantity\":1}"));
		assertThat(result.isFunctionError()).as(orders.output()).isFalse();
		JsonNode response = json.readTree(result.payload());
		JsonNode problem = problem(response, 500);
		assertThat(problem.has("detail")).isFalse();
		assertThat(problem.get("requestId").asString()).isEqualTo(result.requestId());
		assertThat(response.get("body").asString()).doesNotContain("SECRET-SKU").doesNotContain("Exception");
		assertThat(orders.output()).contains("POST /quotes answered 500 (request id " + result.requestId() + ")")
			.contains("java.lang.IllegalArgumentException");
	}

	private static byte[] get(HttpEvent source, String route, String path, String id) {
		return source.request("GET", route, path, Map.of("id", id), null, null, false);
	}

	private static JsonNode invoke(byte[] event) {
		InvocationResult result = orders.invoke(event);
		assertThat(result.isFunctionError()).as(orders.output()).isFalse();
		return json.readTree(result.payload());
	}

	private static JsonNode problem(JsonNode response, int status) {
		assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(status);
		assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = json.readTree(response.get("body").asString());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(response.get("body").asString()).doesNotContain("\tat ");
		return problem;
	}

	private static String header(JsonNode response, String name) {
		return HttpEvent.responseHeader(response, name);
	}

}
