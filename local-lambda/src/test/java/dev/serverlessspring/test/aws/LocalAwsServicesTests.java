package dev.serverlessspring.test.aws;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.serverlessspring.test.config.ServerlessConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The local DynamoDB (dynalite on Node.js, installed on first use) with the tables of a
 * {@code serverless.yml}, and the local S3 (s3rver) with its buckets, read and written
 * with the AWS SDK v2 and the AWS CLI.
 */
class LocalAwsServicesTests {

	@TempDir
	Path directory;

	private ServerlessConfig config(String resources) throws IOException {
		return ServerlessConfig.read(Files.writeString(this.directory.resolve("serverless.yml"), """
				service: shop
				provider:
				  name: aws
				  region: eu-west-1
				functions:
				  f:
				    handler: f
				""" + resources));
	}

	@Test
	void createsTheTablesOfTheResourcesAndServesThemToTheSdk() throws IOException {
		ServerlessConfig config = config("""
				resources:
				  Resources:
				    OrdersTable:
				      Type: AWS::DynamoDB::Table
				      Properties:
				        BillingMode: PAY_PER_REQUEST
				        AttributeDefinitions:
				          - AttributeName: orderId
				            AttributeType: S
				          - AttributeName: customer
				            AttributeType: S
				        KeySchema:
				          - AttributeName: orderId
				            KeyType: HASH
				        GlobalSecondaryIndexes:
				          - IndexName: byCustomer
				            KeySchema:
				              - AttributeName: customer
				                KeyType: HASH
				            Projection:
				              ProjectionType: ALL
				        # Accepted; dynalite has no DynamoDB Streams, so there is no stream to read.
				        StreamSpecification:
				          StreamViewType: NEW_AND_OLD_IMAGES
				    Customers:
				      Type: AWS::DynamoDB::Table
				      Properties:
				        TableName: customers-${sls:stage}
				        AttributeDefinitions:
				          - AttributeName: id
				            AttributeType: S
				        KeySchema:
				          - AttributeName: id
				            KeyType: HASH
				        ProvisionedThroughput:
				          ReadCapacityUnits: 5
				          WriteCapacityUnits: '5'
				""");
		try (LocalAwsServices aws = LocalAwsServices.start(config);
				DynamoDbClient dynamoDb = DynamoDbClient.builder()
					.endpointOverride(aws.endpoints().get("dynamodb"))
					.region(Region.EU_WEST_1)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
					.httpClient(UrlConnectionHttpClient.create())
					.build()) {
			assertThat(aws.endpoints().get("dynamodb").toString()).startsWith("http://127.0.0.1:");
			assertThat(aws.environment())
				.containsEntry("AWS_ENDPOINT_URL_DYNAMODB", aws.endpoints().get("dynamodb").toString())
				.containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
			assertThat(dynamoDb.listTables().tableNames()).containsExactlyInAnyOrder("shop-dev-OrdersTable",
					"customers-dev");
			TableDescription orders = dynamoDb.describeTable((request) -> request.tableName("shop-dev-OrdersTable"))
				.table();
			assertThat(orders.globalSecondaryIndexes()).singleElement()
				.satisfies((index) -> assertThat(index.indexName()).isEqualTo("byCustomer"));
			dynamoDb.putItem((request) -> request.tableName("shop-dev-OrdersTable")
				.item(Map.of("orderId", AttributeValue.fromS("o-1"), "customer", AttributeValue.fromS("c-1"))));
			assertThat(dynamoDb
				.getItem((request) -> request.tableName("shop-dev-OrdersTable")
					.key(Map.of("orderId", AttributeValue.fromS("o-1"))))
				.item()).containsEntry("customer", AttributeValue.fromS("c-1"));
		}
	}

	// f's s3 event names a bucket declared nowhere else: the framework creates it, and so
	// do we.
	private static final String BUCKETS = """
			    events:
			      - s3: photos-${sls:stage}
			resources:
			  Resources:
			    ReceiptsBucket:
			      Type: AWS::S3::Bucket
			      Properties:
			        BucketName: receipts-${sls:stage}
			    Uploads:
			      Type: AWS::S3::Bucket
			""";

	@Test
	void createsTheBucketsOfTheResourcesAndServesThemToTheSdk() throws IOException, InterruptedException {
		ServerlessConfig config = config(BUCKETS);
		List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
		try (LocalAwsServices aws = LocalAwsServices.start(config)) {
			aws.s3().onEvent(events::add);
			assertThat(aws.environment()).containsEntry("AWS_ENDPOINT_URL_S3", aws.endpoints().get("s3").toString())
				.containsEntry("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
			// Path-style by the SDK's own endpoint rules, as the endpoint is an IP
			// address; forcing it changes nothing.
			for (boolean forcePathStyle : new boolean[] { false, true }) {
				try (S3Client s3 = S3Client.builder()
					.endpointOverride(aws.endpoints().get("s3"))
					.forcePathStyle(forcePathStyle)
					// As the functions' AWS_REQUEST_CHECKSUM_CALCULATION says: s3rver
					// reads no trailing checksums.
					.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
					.region(Region.EU_WEST_1)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "key")))
					.httpClient(UrlConnectionHttpClient.create())
					.build()) {
					assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
						.containsExactlyInAnyOrder("receipts-dev", "shop-dev-uploads", "photos-dev");
					// Larger than one aws-chunked chunk of the SDK's signed uploads over
					// HTTP.
					String large = "0123456789abcdef".repeat(20_000);
					String key = "orders/o-1-" + forcePathStyle + ".json";
					s3.putObject((request) -> request.bucket("receipts-dev").key(key).contentType("application/json"),
							RequestBody.fromString(large));
					assertThat(s3.getObjectAsBytes((request) -> request.bucket("receipts-dev").key(key)).asUtf8String())
						.isEqualTo(large);
					assertThat(
							s3.listObjectsV2((request) -> request.bucket("receipts-dev").prefix("orders/")).contents())
						.extracting(S3Object::key)
						.contains(key);
				}
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (events.size() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(events).hasSize(2);
			JsonNode record = events.get(0).path("Records").get(0);
			assertThat(record.path("eventSource").asString()).isEqualTo("aws:s3");
			assertThat(record.path("eventName").asString()).isEqualTo("ObjectCreated:Put");
			assertThat(record.path("awsRegion").asString()).isEqualTo("eu-west-1");
			assertThat(record.path("s3").path("bucket").path("arn").asString()).isEqualTo("arn:aws:s3:::receipts-dev");
			assertThat(record.path("s3").path("object").path("key").asString()).isEqualTo("orders/o-1-false.json");
			assertThat(record.path("s3").path("object").path("size").asInt()).isEqualTo(320_000);
		}
	}

	@Test
	void theAwsCliCopiesAndListsObjectsOfTheLocalS3() throws IOException, InterruptedException {
		Assumptions.assumeTrue(
				Stream.of(System.getenv("PATH").split(File.pathSeparator))
					.anyMatch((directory) -> Files.isExecutable(Path.of(directory, "aws"))),
				"The AWS CLI ('aws') is not on the PATH: install it (apt-get install awscli) to run this test");
		Path receipt = Files.writeString(this.directory.resolve("receipt.txt"), "order o-1: 2 x BOOK-1");
		try (LocalAwsServices aws = LocalAwsServices.start(config(BUCKETS))) {
			// The functions' variables: AWS_ENDPOINT_URL_S3 and credentials.
			Map<String, String> environment = aws.environment();
			assertThat(aws("cp", environment, receipt.toString(), "s3://receipts-dev/receipts/o-1.txt"))
				.contains("upload:");
			assertThat(aws("cp", environment, "s3://receipts-dev/receipts/o-1.txt", "-"))
				.isEqualTo("order o-1: 2 x BOOK-1");
			assertThat(aws("ls", Map.of(), "--endpoint-url", aws.endpoints().get("s3").toString(),
					"s3://receipts-dev/receipts/"))
				.contains("o-1.txt");
		}
	}

	private static String aws(String command, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of("aws", "s3", command));
		line.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("AWS_"));
		builder.environment()
			.putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_DEFAULT_REGION",
					"eu-west-1"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	@Test
	void startsNothingWithoutResourcesItServes() throws IOException {
		try (LocalAwsServices aws = LocalAwsServices.start(config("""
				resources:
				  Resources:
				    Topic:
				      Type: AWS::SNS::Topic
				    Stream:
				      Type: AWS::Kinesis::Stream
				"""))) {
			assertThat(aws.isEmpty()).isTrue();
			assertThat(aws.environment()).isEmpty();
		}
	}

	@Test
	void aTableDynamoDbRefusesFailsNamingTheResource() throws IOException {
		ServerlessConfig config = config("""
				resources:
				  Resources:
				    Broken:
				      Type: AWS::DynamoDB::Table
				      Properties:
				        KeySchema:
				          - AttributeName: id
				            KeyType: HASH
				""");
		assertThatIllegalStateException().isThrownBy(() -> LocalAwsServices.start(config).close())
			.withMessageContaining("resources.Resources.Broken")
			.withMessageContaining("@LocalLambdaTest(awsServices = false)");
	}

}
