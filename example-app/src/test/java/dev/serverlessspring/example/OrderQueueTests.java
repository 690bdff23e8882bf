package dev.serverlessspring.example;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import dev.serverlessspring.test.local.LocalLambda;
import dev.serverlessspring.test.local.SqsEventSourceMapping;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders sent to the local SQS queue with the AWS SDK reach {@code orderPlaced} through
 * the local event source mapping, in batches, as on Lambda: each good order once, the
 * failing one (an unknown product) back in the queue after its visibility timeout, then
 * in the dead-letter queue after {@code maxReceiveCount} receives.
 */
@LocalLambdaTest(config = "src/test/resources/serverless-queues.yml")
class OrderQueueTests {

	private static final String QUEUE = "serverless-spring-example-dev-OrdersQueue";

	private static final String DEAD_LETTER_QUEUE = "serverless-spring-example-dev-OrdersDeadLetterQueue";

	@Test
	void goodOrdersAreProcessedOnceAndTheFailingOneEndsInTheDeadLetterQueue(LocalLambda lambda, LocalAwsServices aws) {
		// The cold start first: it would outlast the test queue's short visibility
		// timeout, and a batch that outlasts it comes back, on Lambda as here.
		assertThat(lambda.invokeFixture("orderPlaced", "events/sqs-orders-batch.json").isFunctionError()).isFalse();
		try (SqsClient sqs = SqsClient.builder()
			.endpointOverride(aws.endpoints().get("sqs"))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClient(UrlConnectionHttpClient.create())
			.build()) {
			String queueUrl = sqs.getQueueUrl((request) -> request.queueName(QUEUE)).queueUrl();
			List<String> good = new ArrayList<>();
			for (int i = 1; i <= 12; i++) {
				String body = "{\"orderId\":\"order-" + i + "\",\"sku\":\"MUG-7\",\"quantity\":" + i + "}";
				good.add(sqs.sendMessage((request) -> request.queueUrl(queueUrl).messageBody(body)).messageId());
			}
			String bad = sqs
				.sendMessage((request) -> request.queueUrl(queueUrl)
					.messageBody("{\"orderId\":\"order-x\",\"sku\":\"NOPE\",\"quantity\":1}"))
				.messageId();

			String deadLetterQueueUrl = sqs.getQueueUrl((request) -> request.queueName(DEAD_LETTER_QUEUE)).queueUrl();
			List<Message> deadLetters = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (deadLetters.isEmpty() && System.nanoTime() < deadline) {
				deadLetters
					.addAll(sqs.receiveMessage((request) -> request.queueUrl(deadLetterQueueUrl).waitTimeSeconds(1))
						.messages());
			}
			assertThat(deadLetters).singleElement().satisfies((message) -> assertThat(message.body()).contains("NOPE"));

			SqsEventSourceMapping mapping = lambda.eventSourceMappings().get(0);
			assertThat(mapping.source().function()).isEqualTo("orderPlaced");
			Map<String, List<SqsEventSourceMapping.Delivery>> deliveries = mapping.deliveries()
				.stream()
				.collect(Collectors.groupingBy(SqsEventSourceMapping.Delivery::messageId));
			for (String id : good) {
				assertThat(deliveries.get(id)).as("order " + id + " in " + mapping.deliveries())
					.singleElement()
					.satisfies((delivery) -> assertThat(delivery.failed()).isFalse());
			}
			assertThat(deliveries.get(bad))
				.extracting(SqsEventSourceMapping.Delivery::receiveCount, SqsEventSourceMapping.Delivery::failed)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(1, true),
						org.assertj.core.groups.Tuple.tuple(2, true));
			assertThat(sqs
				.getQueueAttributes((request) -> request.queueUrl(queueUrl)
					.attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
				.attributesAsStrings()).containsEntry("ApproximateNumberOfMessages", "0")
				.containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
		}
	}

}
