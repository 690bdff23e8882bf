package dev.serverlessspring.example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.serverlessspring.test.cli.LocalLambdaCli;
import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev loop's main starts the example behind the local Lambda and answers.
 */
class TestExampleApplicationTests {

	@Test
	void printsTheLocalAwsServicesAndStopsThemWithTheLocalLambda() throws Exception {
		URI dynamoDb;
		URI sqs;
		try (LocalLambda lambda = TestExampleApplication.start("--port", "0", "--invoke-port", "0")) {
			ByteArrayOutputStream banner = new ByteArrayOutputStream();
			LocalLambdaCli.printBanner(lambda, new PrintStream(banner, true, StandardCharsets.UTF_8));
			dynamoDb = lambda.aws().endpoints().get("dynamodb");
			sqs = lambda.aws().endpoints().get("sqs");
			assertThat(banner.toString(StandardCharsets.UTF_8))
				.contains("AWS dynamodb: " + dynamoDb + " (AWS_ENDPOINT_URL_DYNAMODB of the functions)")
				.contains("AWS sqs: " + sqs + " (AWS_ENDPOINT_URL_SQS of the functions)")
				.contains("SQS serverless-spring-example-dev-OrdersQueue -> orderPlaced (batch 10, ReportBatchItemFailures)")
				.contains("aws dynamodb scan --table-name serverless-spring-example-dev-OrdersTable --endpoint-url " + dynamoDb);
			assertThat(reachable(dynamoDb)).isTrue();
			assertThat(reachable(sqs)).isTrue();
		}
		assertThat(reachable(dynamoDb)).as("the local DynamoDB after the local Lambda stopped").isFalse();
		assertThat(reachable(sqs)).as("the local SQS after the local Lambda stopped").isFalse();
	}

	private static boolean reachable(URI endpoint) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Test
	void startsTheExampleAndAnswers() throws Exception {
		try (LocalLambda lambda = TestExampleApplication.start("--port", "0", "--invoke-port", "0")) {
			assertThat(lambda.config().service()).isEqualTo("serverless-spring-example");
			assertThat(lambda.routes()).containsEntry("POST /uppercase", "uppercase");
			HttpResponse<String> invoked = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(lambda.invokeEndpoint() + "/2015-03-31/functions/uppercase/invocations"))
					.POST(HttpRequest.BodyPublishers.ofString("\"hello\""))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(invoked.statusCode()).isEqualTo(200);
			assertThat(invoked.body()).isEqualTo("HELLO");
			HttpResponse<String> quote = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(lambda.invokeEndpoint() + "/2015-03-31/functions/quote/invocations"))
					.POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"BOOK-1\",\"quantity\":2}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(quote.statusCode()).isEqualTo(200);
			assertThat(quote.headers().firstValue("X-Amz-Function-Error")).isEmpty();
			assertThat(quote.body()).contains("\"sku\":\"BOOK-1\"").contains("25.00");
			// Through the HTTP front: API Gateway's payload 2.0 events, answered by the HTTP event adapter.
			HttpResponse<String> uppercased = lambda.send(HttpRequest.newBuilder(lambda.httpUrl().resolve("/uppercase"))
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.ofString("hello"))
				.build());
			assertThat(uppercased.statusCode()).isEqualTo(200);
			assertThat(uppercased.body()).isEqualTo("HELLO");
			HttpResponse<String> created = lambda.post("/orders", "{\"sku\":\"MUG-7\",\"quantity\":3}");
			assertThat(created.statusCode()).isEqualTo(201);
			String location = created.headers().firstValue("Location").orElseThrow();
			assertThat(location).startsWith("/orders/");
			HttpResponse<String> fetched = lambda.get(location);
			assertThat(fetched.statusCode()).isEqualTo(200);
			assertThat(fetched.body()).contains("\"sku\":\"MUG-7\"");
			HttpResponse<byte[]> receipt = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(lambda.httpUrl().resolve(location + "/receipt")).build(),
						HttpResponse.BodyHandlers.ofByteArray());
			assertThat(receipt.statusCode()).isEqualTo(200);
			assertThat(new String(receipt.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("3 x MUG-7")
				.contains("Total EUR 24.00");
			assertThat(lambda.get("/orders/nope").statusCode()).isEqualTo(404);
			assertThat(lambda.get("/unknown").statusCode()).isEqualTo(404);
		}
	}

}
