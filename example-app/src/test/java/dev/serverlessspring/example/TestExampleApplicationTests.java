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
import java.time.Duration;

import dev.serverlessspring.test.cli.LocalLambdaCli;
import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev loop's main starts the example behind the local Lambda and answers.
 */
class TestExampleApplicationTests {

	@Test
	void printsTheLocalAwsServicesServesThemAndStopsThemWithTheLocalLambda() throws Exception {
		URI dynamoDb;
		URI sqs;
		URI s3;
		try (LocalLambda lambda = TestExampleApplication.start("--port", "0", "--invoke-port", "0")) {
			ByteArrayOutputStream banner = new ByteArrayOutputStream();
			LocalLambdaCli.printBanner(lambda, new PrintStream(banner, true, StandardCharsets.UTF_8));
			dynamoDb = lambda.aws().endpoints().get("dynamodb");
			sqs = lambda.aws().endpoints().get("sqs");
			s3 = lambda.aws().endpoints().get("s3");
			assertThat(banner.toString(StandardCharsets.UTF_8))
				.contains("AWS dynamodb: " + dynamoDb + " (AWS_ENDPOINT_URL_DYNAMODB of the functions)")
				.contains("AWS sqs: " + sqs + " (AWS_ENDPOINT_URL_SQS of the functions)")
				.contains(
						"SQS serverless-spring-example-dev-OrdersQueue -> orderPlaced (batch 10, ReportBatchItemFailures)")
				.contains("aws dynamodb scan --table-name serverless-spring-example-dev-OrdersTable --endpoint-url "
						+ dynamoDb)
				.contains("AWS s3: " + s3 + " (AWS_ENDPOINT_URL_S3 of the functions)")
				.contains("S3 serverless-spring-example-dev-invoices/*.pdf s3:ObjectCreated:* -> invoiceUploaded")
				.contains("aws s3 ls --endpoint-url " + s3);
			assertThat(reachable(dynamoDb)).isTrue();
			assertThat(reachable(sqs)).isTrue();
			assertThat(reachable(s3)).isTrue();
			uploadAnInvoice(lambda);
		}
		assertThat(reachable(dynamoDb)).as("the local DynamoDB after the local Lambda stopped").isFalse();
		assertThat(reachable(sqs)).as("the local SQS after the local Lambda stopped").isFalse();
		assertThat(reachable(s3)).as("the local S3 after the local Lambda stopped").isFalse();
	}

	// An invoice uploaded to the local bucket reaches invoiceUploaded through its s3
	// event.
	private static void uploadAnInvoice(LocalLambda lambda) throws InterruptedException {
		try (S3Client s3 = S3Client.builder()
			.endpointOverride(lambda.aws().endpoints().get("s3"))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.httpClient(UrlConnectionHttpClient.create())
			.build()) {
			String bucket = "serverless-spring-example-dev-invoices";
			// Not a PDF: the event's suffix rule keeps it from the function.
			s3.putObject((request) -> request.bucket(bucket).key("2026/notes.txt"), RequestBody.fromString("notes"));
			s3.putObject((request) -> request.bucket(bucket).key("2026/order-1.pdf").contentType("application/pdf"),
					RequestBody.fromString("%PDF-1.7 invoice"));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (lambda.s3EventNotifications().deliveries().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(lambda.s3EventNotifications().deliveries()).singleElement().satisfies((delivery) -> {
				assertThat(delivery.function()).isEqualTo("invoiceUploaded");
				assertThat(delivery.key()).isEqualTo("2026/order-1.pdf");
				assertThat(delivery.failed()).isFalse();
			});
		}
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
				.send(HttpRequest
					.newBuilder(URI.create(lambda.invokeEndpoint() + "/2015-03-31/functions/uppercase/invocations"))
					.POST(HttpRequest.BodyPublishers.ofString("\"hello\""))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(invoked.statusCode()).isEqualTo(200);
			assertThat(invoked.body()).isEqualTo("HELLO");
			HttpResponse<String> quote = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create(lambda.invokeEndpoint() + "/2015-03-31/functions/quote/invocations"))
					.POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"BOOK-1\",\"quantity\":2}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(quote.statusCode()).isEqualTo(200);
			assertThat(quote.headers().firstValue("X-Amz-Function-Error")).isEmpty();
			assertThat(quote.body()).contains("\"sku\":\"BOOK-1\"").contains("25.00");
			// Through the HTTP front: API Gateway's payload 2.0 events, answered by the
			// HTTP event adapter.
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
