package dev.serverlessspring.example;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolver;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The example's batch functions in-process, with events shaped like the samples of the
 * Lambda developer guide ({@code events/*.json}); {@code OrderEventFunctionsIT} sends the
 * same events to the packaged zip under the AWS runtime interface client.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrderEventFunctionsTests {

	private static ConfigurableApplicationContext application;

	@BeforeAll
	static void start() {
		application = new SpringApplicationBuilder(ExampleApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@ParameterizedTest
	@Event(value = "events/sqs-orders-batch.json", type = SQSEvent.class)
	void sqsBatchOfTenReportsItsThreePoisonMessagesOnly(SQSEvent event, CapturedOutput output) {
		List<String> ids = event.getRecords().stream().map(SQSMessage::getMessageId).toList();
		assertThat(dispatch("orderPlaced", "events/sqs-orders-batch.json"))
			.isEqualTo(failures(ids.get(2), ids.get(5), ids.get(8)));
		for (int order : List.of(1, 2, 4, 5, 7, 8, 10)) {
			assertThat(output).contains("Order order-" + order + " accepted");
		}
		assertThat(output).doesNotContain("Order order-3 accepted")
			.doesNotContain("Order order-6 accepted")
			.doesNotContain("Order order-9 accepted")
			.contains("Record " + ids.get(2) + " from aws:sqs cannot be read as " + OrderPlaced.class.getName())
			.contains("Unknown product DESK-9")
			.contains("Quantity must be at least 1");
	}

	@ParameterizedTest
	@Event(value = "events/sqs-orders-fifo.json", type = SQSEvent.class)
	void sqsFifoBatchReportsTheFailedMessageAndEveryLaterOne(SQSEvent event, CapturedOutput output) {
		List<String> ids = event.getRecords().stream().map(SQSMessage::getMessageId).toList();
		assertThat(dispatch("orderPlaced", "events/sqs-orders-fifo.json"))
			.isEqualTo(failures(ids.get(1), ids.get(2), ids.get(3), ids.get(4)));
		assertThat(output).contains("Order order-101 accepted").doesNotContain("Order order-103 accepted");
	}

	@ParameterizedTest
	@Event(value = "events/kinesis-orders.json", type = KinesisEvent.class)
	void kinesisBatchReportsTheFirstFailedSequenceNumber(KinesisEvent event, CapturedOutput output) {
		assertThat(dispatch("orderPlaced", "events/kinesis-orders.json"))
			.isEqualTo(failures(event.getRecords().get(2).getKinesis().getSequenceNumber()));
		assertThat(output).contains("Order order-202 accepted").doesNotContain("Order order-204 accepted");
	}

	@Test
	void snsS3DynamoDbEventBridgeAndScheduleEvents(CapturedOutput output) {
		assertThat(dispatch("paymentReceived", "events/sns-payment.json")).isNull();
		assertThat(dispatch("invoiceUploaded", "events/s3-invoice.json")).isNull();
		assertThat(dispatch("orderChanged", "events/dynamodb-orders.json")).isEqualTo("{\"batchItemFailures\":[]}");
		assertThat(dispatch("orderShipped", "events/eventbridge-order-shipped.json"))
			.isEqualTo("Order order-1 is on its way with DHL, tracking number JD014600006281234567");
		assertThat(dispatch("nightlyReport", "events/schedule-nightly.json")).isEqualTo("Nightly report done");
		assertThat(output)
			.contains("Payment for order order-1 received (SNS message 95df01b4-ee98-5cb9-9903-4c221d41eb5e)")
			.contains("Invoice 2019/order-1 invoice.pdf (1305107 bytes) filed")
			.contains("Order order-1 INSERT (now PLACED)")
			.contains("Order order-1 MODIFY (now PAID)");
	}

	static String failures(String... ids) {
		StringBuilder json = new StringBuilder("{\"batchItemFailures\":[");
		for (int i = 0; i < ids.length; i++) {
			json.append((i > 0) ? "," : "").append("{\"itemIdentifier\":\"").append(ids[i]).append("\"}");
		}
		return json.append("]}").toString();
	}

	static byte[] fixture(String path) {
		try (InputStream in = OrderEventFunctionsTests.class.getClassLoader().getResourceAsStream(path)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String dispatch(String definition, String fixture) {
		EventDispatcher dispatcher = new EventDispatcher(
				application.getBean(FunctionResolver.class).resolve(definition),
				application.getBeanProvider(EventAdapter.class).orderedStream().toList(),
				application.getBean(PayloadConverter.class).objectMapper());
		byte[] response = dispatcher.dispatch(fixture(fixture), mock(Context.class));
		return (response != null) ? new String(response, StandardCharsets.UTF_8) : null;
	}

}
