package dev.serverlessspring.example;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.serverlessspring.lambda.http.HttpEvent;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import dev.serverlessspring.test.local.LocalLambda;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order API of the packaged zip, under the AWS runtime interface client, keeps its
 * orders in the local DynamoDB that the local Lambda runs for serverless-local.yml's
 * {@code OrdersTable}: the AWS SDK v2 and the AWS CLI see what the function wrote, and an
 * order created in one execution environment is read in another.
 */
@LocalLambdaTest(config = "src/test/resources/serverless-local.yml", mode = LocalLambda.Mode.OUT_OF_PROCESS)
class OrderTableIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TABLE = "serverless-spring-example-dev-OrdersTable";

	@Test
	void theSdkReadsTheOrderTheFunctionWrote(LocalLambda lambda, LocalAwsServices aws) {
		String id = create(lambda, "{\"sku\":\"MUG-7\",\"quantity\":3}");
		try (DynamoDbClient dynamoDb = client(aws.endpoints().get("dynamodb"))) {
			Map<String, AttributeValue> item = dynamoDb
				.getItem((get) -> get.tableName(TABLE).key(Map.of("orderId", AttributeValue.fromS(id))))
				.item();
			assertThat(item).containsEntry("sku", AttributeValue.fromS("MUG-7"))
				.containsEntry("quantity", AttributeValue.fromN("3"))
				.containsEntry("total", AttributeValue.fromN("24"));
		}
	}

	@Test
	void anOrderCreatedInOneExecutionEnvironmentIsReadInAnother(LocalLambda lambda) {
		String id = create(lambda, "{\"sku\":\"BOOK-1\",\"quantity\":2}");
		// A second runtime process of the same function, with the same environment:
		// nothing shared but the table.
		try (ManagedRuntimeProcess other = new ManagedRuntimeProcess(
				ExampleZip.function("httpRouter").environment(lambda.function("orders").config().environment()))) {
			InvocationResult result = other.invoke(HttpEvent.HTTP_API.request("GET", "/orders/{id}", "/orders/" + id,
					Map.of("id", id), null, null, false));
			assertThat(result.isFunctionError()).as(result.toString()).isFalse();
			JsonNode response = JSON.readTree(result.payloadAsString());
			assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
			JsonNode order = JSON.readTree(response.get("body").asString());
			assertThat(order.get("id").asString()).isEqualTo(id);
			assertThat(order.get("sku").asString()).isEqualTo("BOOK-1");
			assertThat(order.get("total").decimalValue()).isEqualByComparingTo("25.00");
		}
		assertThat(lambda.get("/orders/" + id).statusCode()).isEqualTo(200);
		assertThat(lambda.get("/orders/no-such-order").statusCode()).isEqualTo(404);
	}

	@Test
	void theAwsCliScansTheOrdersTheFunctionWrote(LocalLambda lambda, LocalAwsServices aws)
			throws IOException, InterruptedException {
		Assumptions.assumeTrue(onPath("aws"),
				"The AWS CLI ('aws') is not on the PATH: install it (apt-get install awscli) to run this test");
		String id = create(lambda, "{\"sku\":\"BOOK-1\",\"quantity\":4}");
		List<String> command = new ArrayList<>(List.of("aws", "dynamodb", "scan", "--table-name", TABLE,
				"--endpoint-url", aws.endpoints().get("dynamodb").toString(), "--output", "json"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		// Any credentials and region: the local DynamoDB takes them all.
		builder.environment()
			.putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_DEFAULT_REGION",
					"us-east-1", "AWS_REGION", "us-east-1"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		JsonNode scan = JSON.readTree(output);
		assertThat(scan.get("Items")).anySatisfy((item) -> {
			assertThat(item.path("orderId").path("S").asString()).isEqualTo(id);
			assertThat(item.path("sku").path("S").asString()).isEqualTo("BOOK-1");
		});
	}

	private static String create(LocalLambda lambda, String order) {
		HttpResponse<String> created = lambda.post("/orders", order);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asString();
	}

	/**
	 * A client of the local DynamoDB, as a test reads it: any region and credentials do.
	 * @param endpoint the local DynamoDB
	 * @return the client
	 */
	static DynamoDbClient client(URI endpoint) {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

	static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(java.io.File.pathSeparator))
			.stream()
			.anyMatch((directory) -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(directory, command)));
	}

}
