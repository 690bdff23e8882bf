package dev.serverlessspring.example;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.serverlessspring.example.OrderEventFunctionsTests.failures;
import static dev.serverlessspring.example.OrderEventFunctionsTests.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's batch functions in the packaged zip, run under the AWS runtime interface
 * client as Lambda's managed runtime runs them, with the events of
 * {@link OrderEventFunctionsTests}: the exact partial batch failure responses Lambda reads,
 * and the invocation error that makes Lambda retry an S3 event.
 */
class OrderEventFunctionsIT {

	private static ManagedRuntimeProcess orderPlaced;

	private static ManagedRuntimeProcess invoiceUploaded;

	@BeforeAll
	static void startFunctions() {
		// The same package and runtime settings as PackagedFunctionsIT.
		orderPlaced = new ManagedRuntimeProcess(PackagedFunctionsIT.function("orderPlaced")).start();
		invoiceUploaded = new ManagedRuntimeProcess(PackagedFunctionsIT.function("invoiceUploaded")).start();
	}

	@AfterAll
	static void stopFunctions() {
		orderPlaced.close();
		invoiceUploaded.close();
	}

	@Test
	void sqsBatchOfTenWithThreePoisonMessagesReportsExactlyThose() {
		List<String> ids = messageIds("events/sqs-orders-batch.json");
		InvocationResult result = orderPlaced.invoke(fixture("events/sqs-orders-batch.json"));
		assertThat(result.isFunctionError()).as(orderPlaced.output()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo(failures(ids.get(2), ids.get(5), ids.get(8)));
		assertThat(orderPlaced.output()).contains("Order order-10 accepted")
			.contains("Record " + ids.get(2) + " from aws:sqs cannot be read as " + OrderPlaced.class.getName())
			// Neither the malformed body nor the bodies of the rejected orders are logged.
			.doesNotContain("\"orderId\":\"order-3\"")
			.doesNotContain("\"orderId\":\"order-6\"")
			.doesNotContain("\"orderId\":\"order-9\"");
	}

	@Test
	void sqsFifoBatchReportsTheFailedMessageAndEveryLaterOne() {
		List<String> ids = messageIds("events/sqs-orders-fifo.json");
		InvocationResult result = orderPlaced.invoke(fixture("events/sqs-orders-fifo.json"));
		assertThat(result.isFunctionError()).as(orderPlaced.output()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo(failures(ids.get(1), ids.get(2), ids.get(3), ids.get(4)));
		assertThat(orderPlaced.output()).contains("Order order-101 accepted").doesNotContain("Order order-103 accepted");
	}

	@Test
	void kinesisBatchReportsTheFirstFailedSequenceNumber() {
		KinesisEvent event = EventLoader.loadKinesisEvent("events/kinesis-orders.json");
		InvocationResult result = orderPlaced.invoke(fixture("events/kinesis-orders.json"));
		assertThat(result.isFunctionError()).as(orderPlaced.output()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo(failures(event.getRecords().get(2).getKinesis().getSequenceNumber()));
	}

	@Test
	void s3EventIsProcessedAndAFailureFailsTheInvocationSoLambdaRetries() {
		InvocationResult filed = invoiceUploaded.invoke(fixture("events/s3-invoice.json"));
		assertThat(filed.isFunctionError()).as(invoiceUploaded.output()).isFalse();
		assertThat(invoiceUploaded.output()).contains("Invoice 2019/order-1 invoice.pdf (1305107 bytes) filed");

		String notPdf = new String(fixture("events/s3-invoice.json"), StandardCharsets.UTF_8).replace(".pdf", ".txt");
		InvocationResult failed = invoiceUploaded.invoke(notPdf);
		assertThat(failed.isFunctionError()).isTrue();
		assertThat(failed.errorType()).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(failed.errorMessage()).isEqualTo("Invoices are PDF files");
	}

	private static List<String> messageIds(String fixture) {
		SQSEvent event = EventLoader.loadSQSEvent(fixture);
		return event.getRecords().stream().map(SQSMessage::getMessageId).toList();
	}

}
