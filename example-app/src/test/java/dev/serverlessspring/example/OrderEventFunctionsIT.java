package dev.serverlessspring.example;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's batch functions in the packaged zip, run under the AWS runtime interface
 * client as Lambda's managed runtime runs them, one per event source of the root
 * {@code serverless.yml}, with the events of {@link OrderEventFunctionsTests}: the exact
 * partial batch failure responses Lambda reads (SQS, Kinesis, DynamoDB Streams), and the
 * invocation error that makes Lambda retry an S3, SNS or EventBridge event.
 */
class OrderEventFunctionsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ManagedRuntimeProcess orderPlaced;

	private static ManagedRuntimeProcess invoiceUploaded;

	private static ManagedRuntimeProcess orderChanged;

	private static ManagedRuntimeProcess paymentReceived;

	private static ManagedRuntimeProcess orderShipped;

	private static ManagedRuntimeProcess nightlyReport;

	@BeforeAll
	static void startFunctions() {
		// The same package and runtime settings as PackagedFunctionsIT.
		orderPlaced = new ManagedRuntimeProcess(PackagedFunctionsIT.function("orderPlaced")).start();
		invoiceUploaded = new ManagedRuntimeProcess(PackagedFunctionsIT.function("invoiceUploaded")).start();
		orderChanged = new ManagedRuntimeProcess(PackagedFunctionsIT.function("orderChanged")).start();
		paymentReceived = new ManagedRuntimeProcess(PackagedFunctionsIT.function("paymentReceived")).start();
		orderShipped = new ManagedRuntimeProcess(PackagedFunctionsIT.function("orderShipped")).start();
		nightlyReport = new ManagedRuntimeProcess(PackagedFunctionsIT.function("nightlyReport")).start();
	}

	@AfterAll
	static void stopFunctions() {
		orderPlaced.close();
		invoiceUploaded.close();
		orderChanged.close();
		paymentReceived.close();
		orderShipped.close();
		nightlyReport.close();
	}

	@Test
	void sqsBatchOfTenWithThreePoisonMessagesReportsExactlyThose() {
		List<String> ids = messageIds("events/sqs-orders-batch.json");
		InvocationResult result = orderPlaced.invoke(OrderEventFunctionsTests.fixture("events/sqs-orders-batch.json"));
		assertThat(result.isFunctionError()).as(orderPlaced.output()).isFalse();
		assertThat(result.payloadAsString())
			.isEqualTo(OrderEventFunctionsTests.failures(ids.get(2), ids.get(5), ids.get(8)));
		assertThat(orderPlaced.output()).contains("Order order-10 accepted")
			.contains("Record " + ids.get(2) + " from aws:sqs cannot be read as " + OrderPlaced.class.getName())
			// Neither the malformed body nor the bodies of the rejected orders are
			// logged.
			.doesNotContain("\"orderId\":\"order-3\"")
			.doesNotContain("\"orderId\":\"order-6\"")
			.doesNotContain("\"orderId\":\"order-9\"");
	}

	@Test
	void sqsFifoBatchReportsTheFailedMessageAndEveryLaterOne() {
		List<String> ids = messageIds("events/sqs-orders-fifo.json");
		InvocationResult result = orderPlaced.invoke(OrderEventFunctionsTests.fixture("events/sqs-orders-fifo.json"));
		assertThat(result.isFunctionError()).as(orderPlaced.output()).isFalse();
		assertThat(result.payloadAsString())
			.isEqualTo(OrderEventFunctionsTests.failures(ids.get(1), ids.get(2), ids.get(3), ids.get(4)));
		assertThat(orderPlaced.output()).contains("Order order-101 accepted")
			.doesNotContain("Order order-103 accepted");
	}

	@Test
	void kinesisBatchReportsTheFirstFailedSequenceNumber() {
		KinesisEvent event = EventLoader.loadKinesisEvent("events/kinesis-orders.json");
		InvocationResult result = orderPlaced.invoke(OrderEventFunctionsTests.fixture("events/kinesis-orders.json"));
		assertThat(result.isFunctionError()).as(orderPlaced.output()).isFalse();
		assertThat(result.payloadAsString())
			.isEqualTo(OrderEventFunctionsTests.failures(event.getRecords().get(2).getKinesis().getSequenceNumber()));
	}

	@Test
	void s3EventIsProcessedAndAFailureFailsTheInvocationSoLambdaRetries() {
		InvocationResult filed = invoiceUploaded.invoke(OrderEventFunctionsTests.fixture("events/s3-invoice.json"));
		assertThat(filed.isFunctionError()).as(invoiceUploaded.output()).isFalse();
		assertThat(invoiceUploaded.output()).contains("Invoice 2019/order-1 invoice.pdf (1305107 bytes) filed");

		String notPdf = new String(OrderEventFunctionsTests.fixture("events/s3-invoice.json"), StandardCharsets.UTF_8)
			.replace(".pdf", ".txt");
		assertInvocationError(invoiceUploaded.invoke(notPdf), IllegalArgumentException.class, "Invoices are PDF files");
	}

	@Test
	void dynamoDbStreamBatchIsProcessedInOrderAndAnswersNoFailure() {
		InvocationResult result = orderChanged.invoke(OrderEventFunctionsTests.fixture("events/dynamodb-orders.json"));
		assertThat(result.isFunctionError()).as(orderChanged.output()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo(OrderEventFunctionsTests.failures());
		assertThat(result.log()).containsSubsequence("Order order-1 INSERT (now PLACED)",
				"Order order-1 MODIFY (now PAID)");
	}

	@Test
	void dynamoDbStreamBatchReportsTheFailedSequenceNumberAloneAndStopsThere() {
		DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/dynamodb-orders.json");
		String paid = event.getRecords().get(1).getDynamodb().getSequenceNumber();
		// INSERT, then a MODIFY whose quantity is a word (not an OrderRow), then a valid
		// MODIFY.
		byte[] batch = fixtureWith("events/dynamodb-orders.json", (orders) -> {
			ArrayNode records = (ArrayNode) orders.get("Records");
			ObjectNode shipped = (ObjectNode) records.get(1).deepCopy();
			shipped.put("eventID", "3");
			((ObjectNode) shipped.get("dynamodb")).put("SequenceNumber", "333");
			((ObjectNode) shipped.at("/dynamodb/NewImage")).putObject("status").put("S", "SHIPPED");
			records.add(shipped);
			((ObjectNode) records.get(1).at("/dynamodb/NewImage")).putObject("quantity").put("S", "twelve");
		});
		InvocationResult result = orderChanged.invoke(batch);
		assertThat(result.isFunctionError()).as(orderChanged.output()).isFalse();
		// Lambda redelivers the shard from the reported record: the later one was not
		// processed.
		assertThat(result.payloadAsString()).isEqualTo(OrderEventFunctionsTests.failures(paid));
		assertThat(result.log()).contains("Order order-1 INSERT (now PLACED)")
			.contains("Record " + paid + " from aws:dynamodb cannot be read as " + OrderRow.class.getName()
					+ "; reporting it as a batch item failure")
			.doesNotContain("(now PAID)")
			.doesNotContain("(now SHIPPED)")
			.doesNotContain("twelve");
	}

	@Test
	void snsMessageIsProcessedAndAFailureFailsTheInvocationSoLambdaRetries() {
		SNSEvent event = EventLoader.loadSNSEvent("events/sns-payment.json");
		String messageId = event.getRecords().get(0).getSNS().getMessageId();
		InvocationResult received = paymentReceived.invoke(OrderEventFunctionsTests.fixture("events/sns-payment.json"));
		assertThat(received.isFunctionError()).as(paymentReceived.output()).isFalse();
		// SNS has no partial failure response: the adapter answers nothing.
		assertThat(received.payloadAsString()).isEmpty();
		assertThat(received.log()).contains("Payment for order order-1 received (SNS message " + messageId + ")");

		byte[] notAPayment = fixtureWith("events/sns-payment.json",
				(payment) -> ((ObjectNode) payment.at("/Records/0/Sns")).put("Message",
						"{\"orderId\": \"order-1\", \"amount\": \"twelve\"}"));
		InvocationResult failed = paymentReceived.invoke(notAPayment);
		// The message names the type and the field, never the value.
		assertInvocationError(failed, InvalidEventException.class, "Could not read the event as "
				+ PaymentReceived.class.getName() + ": invalid or missing value at 'amount'");
		assertThat(failed.log())
			.contains("Record " + messageId + " from aws:sns cannot be read as " + PaymentReceived.class.getName()
					+ "; failing the invocation so that Lambda retries the event")
			.doesNotContain("Payment for order")
			.doesNotContain("twelve");
	}

	@Test
	void eventBridgeDetailIsTheInputAndAFailureFailsTheInvocationSoLambdaRetries() {
		String eventId = EventLoader.loadScheduledEvent("events/eventbridge-order-shipped.json").getId();
		InvocationResult notified = orderShipped
			.invoke(OrderEventFunctionsTests.fixture("events/eventbridge-order-shipped.json"));
		assertThat(notified.isFunctionError()).as(orderShipped.output()).isFalse();
		// The function's result is the invocation's response.
		assertThat(notified.payloadAsString())
			.isEqualTo("Order order-1 is on its way with DHL, tracking number JD014600006281234567");

		byte[] notAShipment = fixtureWith("events/eventbridge-order-shipped.json",
				(shipment) -> ((ObjectNode) shipment.get("detail")).putObject("trackingNumber").put("twelve", 12));
		InvocationResult failed = orderShipped.invoke(notAShipment);
		assertInvocationError(failed, InvalidEventException.class, "Could not read the event as "
				+ OrderShipped.class.getName() + ": invalid or missing value at 'trackingNumber'");
		assertThat(failed.log())
			.contains("Record " + eventId + " from com.example.warehouse cannot be read as "
					+ OrderShipped.class.getName() + "; failing the invocation so that Lambda retries the event")
			.doesNotContain("twelve");
	}

	@Test
	void scheduledEventRunsTheSupplier() {
		InvocationResult result = nightlyReport
			.invoke(OrderEventFunctionsTests.fixture("events/schedule-nightly.json"));
		assertThat(result.isFunctionError()).as(nightlyReport.output()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo("Nightly report done");
	}

	/**
	 * Assert that the invocation failed with the error document Lambda hands to the
	 * retry, the on-failure destination or the caller: {@code errorType} and
	 * {@code errorMessage}.
	 * @param result the invocation's result
	 * @param type the exception the function failed with
	 * @param message its message
	 */
	private static void assertInvocationError(InvocationResult result, Class<? extends Exception> type,
			String message) {
		assertThat(result.isFunctionError()).as(result.log()).isTrue();
		JsonNode error = JSON.readTree(result.payload());
		assertThat(error.path("errorType").asString()).isEqualTo(type.getName());
		assertThat(error.path("errorMessage").asString()).isEqualTo(message);
	}

	/**
	 * Return a fixture with a change.
	 * @param path the fixture's class path location
	 * @param change changes the event
	 * @return the changed event's bytes
	 */
	private static byte[] fixtureWith(String path, Consumer<ObjectNode> change) {
		ObjectNode event = (ObjectNode) JSON.readTree(OrderEventFunctionsTests.fixture(path));
		change.accept(event);
		return JSON.writeValueAsBytes(event);
	}

	private static List<String> messageIds(String fixture) {
		SQSEvent event = EventLoader.loadSQSEvent(fixture);
		return event.getRecords().stream().map(SQSMessage::getMessageId).toList();
	}

}
