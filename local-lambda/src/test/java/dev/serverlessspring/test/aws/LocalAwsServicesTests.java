package dev.serverlessspring.test.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.serverlessspring.test.config.ServerlessConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The local DynamoDB (dynalite on Node.js, installed on first use) with the tables of a
 * {@code serverless.yml}, read and written with the AWS SDK v2.
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
			assertThat(aws.environment()).containsEntry("AWS_ENDPOINT_URL_DYNAMODB", aws.endpoints().get("dynamodb").toString())
				.containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
			assertThat(dynamoDb.listTables().tableNames()).containsExactlyInAnyOrder("shop-dev-OrdersTable", "customers-dev");
			TableDescription orders = dynamoDb.describeTable((request) -> request.tableName("shop-dev-OrdersTable")).table();
			assertThat(orders.globalSecondaryIndexes()).singleElement()
				.satisfies((index) -> assertThat(index.indexName()).isEqualTo("byCustomer"));
			dynamoDb.putItem((request) -> request.tableName("shop-dev-OrdersTable")
				.item(Map.of("orderId", AttributeValue.fromS("o-1"), "customer", AttributeValue.fromS("c-1"))));
			assertThat(dynamoDb.getItem((request) -> request.tableName("shop-dev-OrdersTable")
				.key(Map.of("orderId", AttributeValue.fromS("o-1")))).item()).containsEntry("customer", AttributeValue.fromS("c-1"));
		}
	}

	@Test
	void startsNothingWithoutResourcesItServes() throws IOException {
		try (LocalAwsServices aws = LocalAwsServices.start(config("""
				resources:
				  Resources:
				    Topic:
				      Type: AWS::SNS::Topic
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
