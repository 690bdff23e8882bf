package dev.serverlessspring.test.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerlessConfigTests {

	@TempDir
	Path directory;

	private ServerlessConfig read(String yaml, String stage) throws IOException {
		return ServerlessConfig.read(Files.writeString(this.directory.resolve("serverless.yml"), yaml), stage);
	}

	@Test
	void readsFunctionsWithProviderDefaultsAndVariables() throws IOException {
		ServerlessConfig config = read("""
				service: orders
				custom:
				  table: ${self:service}-${sls:stage}-orders
				  level: ${env:LOCAL_LAMBDA_UNSET_VARIABLE, 'INFO'}
				provider:
				  name: aws
				  runtime: java21
				  stage: ${opt:stage, 'dev'}
				  region: eu-central-1
				  memorySize: 512
				  timeout: 20
				  environment:
				    TABLE: ${self:custom.table}
				    LEVEL: ${self:custom.level}
				    RETRIES: 3
				package:
				  artifact: target/app-aws.zip
				functions:
				  quote:
				    handler: dev.serverlessspring.lambda.FunctionHandler::handleRequest
				    environment:
				      SPRING_CLOUD_FUNCTION_DEFINITION: quote
				      LEVEL: DEBUG
				    events:
				      - httpApi:
				          method: post
				          path: /quotes
				      - http: 'GET quotes/{id}'
				  uppercase:
				    handler: uppercase
				    name: shouting
				    runtime: java25
				    memorySize: 1024
				    timeout: 3
				    package:
				      artifact: other.zip
				    events:
				      - httpApi: '*'
				      - sqs: arn:aws:sqs:eu-central-1:123456789012:queue
				""", "prod");
		assertThat(config.service()).isEqualTo("orders");
		assertThat(config.stage()).isEqualTo("prod");
		assertThat(config.region()).isEqualTo("eu-central-1");
		FunctionConfig quote = config.function("quote");
		assertThat(quote.deployedName()).isEqualTo("orders-prod-quote");
		assertThat(quote.arn()).isEqualTo("arn:aws:lambda:eu-central-1:012345678912:function:orders-prod-quote");
		assertThat(quote.runtime()).isEqualTo("java21");
		assertThat(quote.memorySize()).isEqualTo(512);
		assertThat(quote.timeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(quote.environment()).containsEntry("TABLE", "orders-prod-orders")
			.containsEntry("LEVEL", "DEBUG")
			.containsEntry("RETRIES", "3")
			.containsEntry("SPRING_CLOUD_FUNCTION_DEFINITION", "quote");
		assertThat(quote.artifact())
			.isEqualTo(this.directory.resolve("target/app-aws.zip").toAbsolutePath().normalize());
		assertThat(quote.httpEvents()).containsExactly(new HttpEvent(HttpEvent.Api.HTTP_API, "POST", "/quotes"),
				new HttpEvent(HttpEvent.Api.REST, "GET", "/quotes/{id}"));
		FunctionConfig uppercase = config.function("shouting");
		assertThat(uppercase.name()).isEqualTo("uppercase");
		assertThat(uppercase.handler()).isEqualTo(ServerlessConfig.FUNCTION_HANDLER);
		assertThat(uppercase.environment()).containsEntry("SPRING_CLOUD_FUNCTION_DEFINITION", "uppercase")
			.containsEntry("LEVEL", "INFO");
		assertThat(uppercase.runtime()).isEqualTo("java25");
		assertThat(uppercase.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(uppercase.artifact().getFileName().toString()).isEqualTo("other.zip");
		assertThat(uppercase.httpEvents()).containsExactly(new HttpEvent(HttpEvent.Api.HTTP_API, "ANY", null));
	}

	@Test
	void appliesTheServerlessFrameworksDefaults() throws IOException {
		ServerlessConfig config = read("""
				service: s
				provider:
				  name: aws
				functions:
				  f:
				    handler: f
				""", null);
		FunctionConfig function = config.function("f");
		assertThat(config.stage()).isEqualTo("dev");
		assertThat(config.region()).isEqualTo("us-east-1");
		assertThat(function.memorySize()).isEqualTo(1024);
		assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(6));
		assertThat(function.artifact()).isNull();
	}

	@Test
	void readsCloudFormationShortFormsAndIgnoresOtherEvents() throws IOException {
		ServerlessConfig config = read("""
				service: orders
				configValidationMode: error
				provider:
				  name: aws
				functions:
				  orderPlaced:
				    handler: orderPlaced
				    snapStart: true
				    events:
				      - sqs:
				          arn: !GetAtt OrdersQueue.Arn
				      - sns:
				          arn: !Ref PaymentsTopic
				          topicName: ${self:service}-${sls:stage}-payments
				      - schedule: cron(0 2 * * ? *)
				resources:
				  Resources:
				    OrdersQueue:
				      Type: AWS::SQS::Queue
				      Properties:
				        RedrivePolicy:
				          deadLetterTargetArn: !GetAtt OrdersDeadLetterQueue.Arn
				          unused: ${ssm:/not/read}
				""", null);
		assertThat(config.function("orderPlaced").httpEvents()).isEmpty();
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("""
				service: s
				provider:
				  environment:
				    QUEUE_ARN: !GetAtt OrdersQueue.Arn
				functions:
				  f:
				    handler: f
				""", null))
			.withMessageContaining("provider.environment.QUEUE_ARN")
			.withMessageContaining("CloudFormation functions");
	}

	@Test
	void readsResourcesWithLocalNamesAndResolvesRefAndGetAttToThem() throws IOException {
		ServerlessConfig config = read("""
				service: orders
				provider:
				  name: aws
				  region: eu-west-1
				  environment:
				    ORDERS_TABLE: !Ref OrdersTable
				    ORDERS_TABLE_ARN: !GetAtt OrdersTable.Arn
				    QUEUE_URL: !Ref OrdersQueue
				    QUEUE_ARN: !GetAtt [OrdersFifoQueue, Arn]
				    TOPIC_ARN: !Ref PaymentsTopic
				    BUCKET: !Ref InvoicesBucket
				functions:
				  f:
				    handler: f
				resources:
				  Resources:
				    OrdersTable:
				      Type: AWS::DynamoDB::Table
				      Properties:
				        KeySchema:
				          - AttributeName: orderId
				            KeyType: HASH
				    OrdersQueue:
				      Type: AWS::SQS::Queue
				    OrdersFifoQueue:
				      Type: AWS::SQS::Queue
				      Properties:
				        FifoQueue: true
				    PaymentsTopic:
				      Type: AWS::SNS::Topic
				      Properties:
				        TopicName: ${self:service}-${sls:stage}-payments
				    InvoicesBucket:
				      Type: AWS::S3::Bucket
				""", "prod");
		assertThat(config.resources()).containsOnlyKeys("OrdersTable", "OrdersQueue", "OrdersFifoQueue",
				"PaymentsTopic", "InvoicesBucket");
		CloudFormationResource table = config.resources().get("OrdersTable");
		assertThat(table.type()).isEqualTo(CloudFormationResource.DYNAMODB_TABLE);
		assertThat(table.name()).isEqualTo("orders-prod-OrdersTable");
		assertThat(table.properties()).containsKey("KeySchema");
		assertThat(config.function("f").environment()).containsEntry("ORDERS_TABLE", "orders-prod-OrdersTable")
			.containsEntry("ORDERS_TABLE_ARN", "arn:aws:dynamodb:eu-west-1:012345678912:table/orders-prod-OrdersTable")
			.containsEntry("QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/012345678912/orders-prod-OrdersQueue")
			.containsEntry("QUEUE_ARN", "arn:aws:sqs:eu-west-1:012345678912:orders-prod-OrdersFifoQueue.fifo")
			.containsEntry("TOPIC_ARN", "arn:aws:sns:eu-west-1:012345678912:orders-prod-payments")
			.containsEntry("BUCKET", "orders-prod-invoicesbucket");
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("""
				service: s
				provider:
				  environment:
				    TABLE: !GetAtt OrdersTable.Nope
				functions:
				  f:
				    handler: f
				resources:
				  Resources:
				    OrdersTable:
				      Type: AWS::DynamoDB::Table
				""", null))
			.withMessageContaining("provider.environment.TABLE")
			.withMessageContaining("resolve locally");
	}

	@Test
	void readsS3EventsAndMatchesNotificationsAsS3Does() throws IOException {
		ServerlessConfig config = read("""
				service: shop
				provider:
				  name: aws
				functions:
				  thumbnail:
				    handler: thumbnail
				    events:
				      - s3: photos-${sls:stage}
				      - s3:
				          bucket: !Ref Uploads
				          event: s3:ObjectRemoved:*
				          rules:
				            - prefix: in/
				            - suffix: .jpg
				          existing: true
				resources:
				  Resources:
				    Uploads:
				      Type: AWS::S3::Bucket
				""", null);
		assertThat(config.s3EventSources()).containsExactly(
				new S3EventSource("thumbnail", "photos-dev", List.of("s3:ObjectCreated:*"), "", "", false),
				new S3EventSource("thumbnail", "shop-dev-uploads", List.of("s3:ObjectRemoved:*"), "in/", ".jpg", true));
		S3EventSource photos = config.s3EventSources().get(0);
		assertThat(photos.matches("photos-dev", "ObjectCreated:Put", "a.png")).isTrue();
		assertThat(photos.matches("photos-dev", "ObjectRemoved:Delete", "a.png")).isFalse();
		assertThat(photos.matches("other", "ObjectCreated:Put", "a.png")).isFalse();
		S3EventSource uploads = config.s3EventSources().get(1);
		assertThat(uploads.matches("shop-dev-uploads", "ObjectRemoved:Delete", "in/cat.jpg")).isTrue();
		assertThat(uploads.matches("shop-dev-uploads", "ObjectRemoved:Delete", "out/cat.jpg")).isFalse();
		assertThat(uploads.matches("shop-dev-uploads", "ObjectRemoved:Delete", "in/cat.png")).isFalse();
	}

	@Test
	void unresolvableVariableNamesTheKey() {
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("""
				service: s
				provider:
				  environment:
				    SECRET: ${ssm:/path/to/secret}
				functions:
				  f:
				    handler: f
				""", null)).withMessageContaining("provider.environment.SECRET").withMessageContaining("not supported");
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("""
				service: s
				provider:
				  environment:
				    MISSING: ${self:custom.nothing}
				functions:
				  f:
				    handler: f
				""", null)).withMessageContaining("provider.environment.MISSING").withMessageContaining("has no value");
	}

	@Test
	void badFilesFailClearly() {
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("service: [unclosed", null))
			.withMessageContaining("is not valid YAML");
		assertThatExceptionOfType(ServerlessConfigException.class)
			.isThrownBy(() -> ServerlessConfig.read(this.directory.resolve("absent.yml")))
			.withMessageContaining("No serverless.yml at");
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("""
				service: s
				functions:
				  f:
				    timeout: 3
				""", null)).withMessageContaining("functions.f.handler is missing");
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("""
				service: s
				functions:
				  f:
				    handler: f
				    timeout: soon
				""", null)).withMessageContaining("functions.f.timeout must be a whole number");
	}

	@Test
	void readsFunctionUrlsAndTheirInvokeMode() throws IOException {
		ServerlessConfig config = read("""
				service: feeds
				provider:
				  name: aws
				  runtime: provided.al2023
				functions:
				  feed:
				    handler: feed
				    url:
				      invokeMode: RESPONSE_STREAM
				  plain:
				    handler: plain
				    url: true
				  none:
				    handler: none
				""", null);
		assertThat(config.function("feed").url().isStreaming()).isTrue();
		assertThat(config.function("plain").url().invokeMode()).isEqualTo(FunctionUrl.InvokeMode.BUFFERED);
		assertThat(config.function("none").url()).isNull();
	}

	@Test
	void anUnknownInvokeModeIsRefusedWithWhereItIs() {
		assertThatExceptionOfType(ServerlessConfigException.class).isThrownBy(() -> read("""
				service: feeds
				provider:
				  name: aws
				functions:
				  feed:
				    handler: feed
				    url:
				      invokeMode: STREAMING
				""", null))
			.withMessageContaining(
					"functions.feed.url.invokeMode must be BUFFERED or RESPONSE_STREAM, not 'STREAMING'");
	}

}
