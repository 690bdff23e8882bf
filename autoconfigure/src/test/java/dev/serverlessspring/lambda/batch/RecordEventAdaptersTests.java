package dev.serverlessspring.lambda.batch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolver;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Record-by-record calls through the {@link EventDispatcher}, with events shaped like the
 * samples of the Lambda developer guide ({@code events/*.json}, the guide's samples
 * verbatim or with the bodies changed), read both raw (as Lambda sends them) and through
 * aws-lambda-java-tests' {@code @Event} (as AWS's own types read them, for the
 * expectations).
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordEventAdaptersTests {

	private static ConfigurableApplicationContext application;

	@BeforeAll
	static void start() {
		application = new SpringApplicationBuilder(Functions.class).properties("spring.main.banner-mode=off").run();
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@BeforeEach
	void forget() {
		Functions.seen.clear();
		Functions.headers.clear();
	}

	@ParameterizedTest
	@Event(value = "events/sqs-standard.json", type = SQSEvent.class)
	void sqsCallsTheFunctionWithEachBody(SQSEvent event) {
		String response = dispatch("text", "events/sqs-standard.json");
		assertThat(Functions.seen)
			.containsExactlyElementsOf(event.getRecords().stream().map(SQSMessage::getBody).toList());
		assertThat(response).isEqualTo("{\"batchItemFailures\":[]}");
	}

	@ParameterizedTest
	@Event(value = "events/sqs-orders.json", type = SQSEvent.class)
	void sqsReportsTheMalformedAndTheThrowingMessagesOnly(SQSEvent event, CapturedOutput output) {
		List<String> ids = event.getRecords().stream().map(SQSMessage::getMessageId).toList();
		String response = dispatch("order", "events/sqs-orders.json");
		assertThat(response).isEqualTo(failures(ids.get(1), ids.get(2)));
		assertThat(Functions.seen).extracting("orderId").containsExactly("o-1", "o-4");
		assertThat(output).contains("Record " + ids.get(1) + " from aws:sqs cannot be read as " + Order.class.getName())
			.contains("Record " + ids.get(2) + " from aws:sqs failed in function 'order'")
			.contains("OUT-OF-STOCK is not available") // the function's own exception
			.doesNotContain("\"o-2\"") // the malformed body
			.doesNotContain("\"o-3\""); // the throwing body
	}

	@ParameterizedTest
	@Event(value = "events/sqs-fifo-orders.json", type = SQSEvent.class)
	void sqsFifoStopsAtTheFirstFailureAndReportsEveryLaterMessage(SQSEvent event) {
		List<String> ids = event.getRecords().stream().map(SQSMessage::getMessageId).toList();
		String response = dispatch("order", "events/sqs-fifo-orders.json");
		assertThat(response).isEqualTo(failures(ids.get(1), ids.get(2), ids.get(3)));
		assertThat(Functions.seen).extracting("orderId").containsExactly("o-1");
	}

	@Test
	void developerGuideFifoSampleIsProcessed() {
		assertThat(dispatch("text", "events/sqs-fifo.json")).isEqualTo("{\"batchItemFailures\":[]}");
		assertThat(Functions.seen).containsExactly("Test message.");
	}

	@ParameterizedTest
	@Event(value = "events/sqs-orders.json", type = SQSEvent.class)
	void sqsMetadataIsInTheMessageHeaders(SQSEvent event) {
		dispatch("orderMessage", "events/sqs-orders.json");
		SQSMessage first = event.getRecords().get(0);
		Map<String, Object> headers = Functions.headers.get(0);
		assertThat(headers).containsEntry(BatchHeaders.EVENT_SOURCE, "aws:sqs")
			.containsEntry(BatchHeaders.RECORD_ID, first.getMessageId())
			.containsEntry(BatchHeaders.SQS_MESSAGE_ID, first.getMessageId())
			.containsEntry(BatchHeaders.SQS_RECEIPT_HANDLE, first.getReceiptHandle())
			.containsEntry(BatchHeaders.EVENT_SOURCE_ARN, first.getEventSourceArn())
			.containsEntry(BatchHeaders.AWS_REGION, "us-east-2")
			.containsEntry(BatchHeaders.SQS_ATTRIBUTES, first.getAttributes())
			.containsEntry(BatchHeaders.SQS_MESSAGE_ATTRIBUTES, Map.of("tenant", "acme"))
			.doesNotContainKey(BatchHeaders.SQS_MESSAGE_GROUP_ID)
			.containsKey("aws-context");
	}

	@Test
	void wholeEventFunctionsStillGetTheWholeEvent() {
		String response = dispatch("wholeBatch", "events/sqs-orders.json");
		assertThat(response).isEqualTo(failures("6f1ac0a4-0b5a-4a3e-9a55-8f0b6c1d0002"));
		assertThat(Functions.seen).hasSize(1).first().isInstanceOf(SQSEvent.class);
	}

	@Test
	void withoutReportedItemFailuresAFailureFailsTheInvocation() {
		LambdaEventCall call = new LambdaEventCall("order", new SqsEventAdapter(new RecordProcessor(false), mapper()));
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> call.dispatch("events/sqs-orders.json"));
		assertThat(Functions.seen).extracting("orderId").containsExactly("o-1");
	}

	@ParameterizedTest
	@Event(value = "events/sqs-orders.json", type = SQSEvent.class)
	void sqsStopsBeforeTheTimeoutAndReportsTheUnprocessedMessages(SQSEvent event, CapturedOutput output) {
		List<String> ids = event.getRecords().stream().map(SQSMessage::getMessageId).toList();
		LambdaEventCall call = new LambdaEventCall("order",
				new SqsEventAdapter(new RecordProcessor(true, Duration.ofSeconds(1)), mapper()));
		// Time is checked before the second and the third message.
		assertThat(call.dispatch("events/sqs-orders.json", remainingMillis(5_000, 900)))
			.isEqualTo(failures(ids.get(1), ids.get(2), ids.get(3)));
		assertThat(Functions.seen).extracting("orderId").containsExactly("o-1");
		assertThat(output).contains("Stopped with 2 records unprocessed, 900 ms before the function's timeout");
	}

	@ParameterizedTest
	@Event(value = "events/kinesis-orders.json", type = KinesisEvent.class)
	void recordOfOverlongUtf8IsABatchItemFailureNotDecoded(KinesisEvent event) {
		byte[] overlong = "{\"orderId\":\"o-1\",\"sku\":\"BOOK-1\u00C0\u00AF\",\"quantity\":1}"
			.getBytes(StandardCharsets.ISO_8859_1);
		String first = "eyJvcmRlcklkIjoiby0xIiwic2t1IjoiQk9PSy0xIiwicXVhbnRpdHkiOjF9";
		String fixture = new String(fixture("events/kinesis-orders.json"), StandardCharsets.UTF_8);
		assertThat(fixture).contains(first);
		byte[] changed = fixture.replace(first, Base64.getEncoder().encodeToString(overlong))
			.getBytes(StandardCharsets.UTF_8);

		assertThat(new LambdaEventCall("order", null).dispatch(changed, mock(Context.class)))
			.isEqualTo(failures(event.getRecords().get(0).getKinesis().getSequenceNumber()));
		assertThat(Functions.seen).isEmpty();
	}

	@ParameterizedTest
	@Event(value = "events/kinesis-orders.json", type = KinesisEvent.class)
	void streamsStopBeforeTheTimeoutAndReportTheFirstUnprocessedRecord(KinesisEvent event) {
		LambdaEventCall call = new LambdaEventCall("order",
				new KinesisEventAdapter(new RecordProcessor(true, Duration.ofSeconds(1)), mapper()));
		assertThat(call.dispatch("events/kinesis-orders.json", remainingMillis(900)))
			.isEqualTo(failures(event.getRecords().get(1).getKinesis().getSequenceNumber()));
		assertThat(Functions.seen).extracting("orderId").containsExactly("o-1");
	}

	@Test
	void asynchronousSourcesFailTheInvocationBeforeTheTimeout() {
		String twoObjects = new String(fixture("events/s3.json"), StandardCharsets.UTF_8)
			.replaceFirst("(?s)\\{\\s*\"Records\": \\[(.*)\\]\\s*\\}\\s*$", "{\"Records\": [$1, $1]}");
		EventDispatcher dispatcher = new EventDispatcher(application.getBean(FunctionResolver.class).resolve("object"),
				List.of(new S3EventAdapter(new RecordProcessor(true, Duration.ofSeconds(1)), mapper())), mapper());
		assertThatExceptionOfType(RecordProcessingException.class)
			.isThrownBy(() -> dispatcher.dispatch(twoObjects.getBytes(StandardCharsets.UTF_8), remainingMillis(900)))
			.withMessageContaining("failing the invocation so that Lambda retries the event");
		assertThat(Functions.seen).hasSize(1);
	}

	@Test
	void aFailedRecordWithoutIdentifierFailsTheWholeBatch() {
		String event = new String(fixture("events/sqs-orders.json"), StandardCharsets.UTF_8)
			.replace("\"messageId\": \"6f1ac0a4-0b5a-4a3e-9a55-8f0b6c1d0003\"", "\"messageId\": \"\"");
		assertThatExceptionOfType(RecordProcessingException.class)
			.isThrownBy(() -> dispatcher("order").dispatch(event.getBytes(StandardCharsets.UTF_8), mock(Context.class)))
			.withMessageContaining("has no identifier; failing the whole batch");
	}

	@Test
	void suppliersIgnoreTheBatch() {
		assertThat(dispatch("clock", "events/sqs-orders.json")).isEqualTo("tick");
	}

	@ParameterizedTest
	@Event(value = "events/sns.json", type = SNSEvent.class)
	void snsCallsTheFunctionWithTheMessage(SNSEvent event) {
		SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
		assertThat(dispatch("textMessage", "events/sns.json")).isNull();
		assertThat(Functions.seen).containsExactly(sns.getMessage());
		assertThat(Functions.headers.get(0)).containsEntry(BatchHeaders.EVENT_SOURCE, "aws:sns")
			.containsEntry(BatchHeaders.SNS_MESSAGE_ID, sns.getMessageId())
			.containsEntry(BatchHeaders.SNS_TOPIC_ARN, sns.getTopicArn())
			.containsEntry(BatchHeaders.SNS_SUBJECT, "TestInvoke")
			.containsEntry(BatchHeaders.SNS_TIMESTAMP, "2019-01-02T12:45:07.000Z")
			.containsEntry(BatchHeaders.SNS_MESSAGE_ATTRIBUTES,
					Map.of("Test", "TestString", "TestBinary", "TestBinary"))
			.containsEntry(BatchHeaders.EVENT_SOURCE_ARN, event.getRecords().get(0).getEventSubscriptionArn());
	}

	@Test
	void snsFailureFailsTheInvocationWithTheFunctionsException(CapturedOutput output) {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> dispatch("reject", "events/sns.json"))
			.withMessage("rejected");
		assertThat(output).contains("Record 95df01b4-ee98-5cb9-9903-4c221d41eb5e from aws:sns failed")
			.contains("failing the invocation so that Lambda retries the event");
	}

	@ParameterizedTest
	@Event(value = "events/s3.json", type = S3Event.class)
	void s3CallsTheFunctionWithTheObjectReference(S3Event event) {
		var record = event.getRecords().get(0);
		assertThat(dispatch("object", "events/s3.json")).isNull();
		assertThat(Functions.seen).containsExactly(
				new S3ObjectReference(record.getS3().getBucket().getName(), record.getS3().getObject().getKey(),
						record.getS3().getObject().getSizeAsLong(), record.getS3().getObject().geteTag(), null));
		assertThat(Functions.headers.get(0)).containsEntry(BatchHeaders.EVENT_NAME, "ObjectCreated:Put")
			.containsEntry(BatchHeaders.EVENT_TIME, "2019-09-03T19:37:27.192Z")
			.containsEntry(BatchHeaders.RECORD_ID, "s3://DOC-EXAMPLE-BUCKET/b21b84d653bb07b05b1e6b33684dc11b");
	}

	@Test
	void s3KeysAreUrlDecodedAndReadIntoTheFunctionsOwnType() {
		String event = new String(fixture("events/s3.json"), StandardCharsets.UTF_8).replace(
				"\"key\": \"b21b84d653bb07b05b1e6b33684dc11b\"", "\"key\": \"invoices/May+2024/%C3%A9t%C3%A9.pdf\"");
		dispatcher("upload").dispatch(event.getBytes(StandardCharsets.UTF_8), mock(Context.class));
		assertThat(Functions.seen)
			.containsExactly(new Upload("DOC-EXAMPLE-BUCKET", "invoices/May 2024/été.pdf", 1305107));
	}

	@ParameterizedTest
	@Event(value = "events/kinesis.json", type = KinesisEvent.class)
	void kinesisCallsTheFunctionWithTheDecodedData(KinesisEvent event) {
		assertThat(dispatch("textMessage", "events/kinesis.json")).isEqualTo("{\"batchItemFailures\":[]}");
		assertThat(Functions.seen).containsExactly("Hello, this is a test.", "This is only a test.");
		KinesisEvent.Record first = event.getRecords().get(0).getKinesis();
		assertThat(Functions.headers.get(0)).containsEntry(BatchHeaders.EVENT_SOURCE, "aws:kinesis")
			.containsEntry(BatchHeaders.SEQUENCE_NUMBER, first.getSequenceNumber())
			.containsEntry(BatchHeaders.RECORD_ID, first.getSequenceNumber())
			.containsEntry(BatchHeaders.KINESIS_PARTITION_KEY, first.getPartitionKey())
			.containsEntry(BatchHeaders.KINESIS_ARRIVAL_TIME, first.getApproximateArrivalTimestamp().toInstant())
			.containsEntry(BatchHeaders.EVENT_ID, event.getRecords().get(0).getEventID())
			.containsEntry(BatchHeaders.EVENT_SOURCE_ARN, event.getRecords().get(0).getEventSourceARN());
	}

	@ParameterizedTest
	@Event(value = "events/kinesis-orders.json", type = KinesisEvent.class)
	void kinesisReportsTheFirstFailedSequenceNumberAndStopsThere(KinesisEvent event) {
		String response = dispatch("order", "events/kinesis-orders.json");
		assertThat(response).isEqualTo(failures(event.getRecords().get(1).getKinesis().getSequenceNumber()));
		assertThat(Functions.seen).extracting("orderId").containsExactly("o-1");
	}

	@ParameterizedTest
	@Event(value = "events/dynamodb.json", type = DynamodbEvent.class)
	void dynamoDbCallsTheFunctionWithTheNewImageAsPlainJson(DynamodbEvent event) {
		assertThat(dispatch("item", "events/dynamodb.json")).isEqualTo("{\"batchItemFailures\":[]}");
		assertThat(Functions.seen).containsExactly(new Item(101, "New item!"), new Item(101, "This item has changed"));
		assertThat(Functions.headers.get(1)).containsEntry(BatchHeaders.EVENT_SOURCE, "aws:dynamodb")
			.containsEntry(BatchHeaders.EVENT_NAME, "MODIFY")
			.containsEntry(BatchHeaders.SEQUENCE_NUMBER, event.getRecords().get(1).getDynamodb().getSequenceNumber())
			.containsEntry(BatchHeaders.DYNAMODB_KEYS, Map.of("Id", 101))
			.containsEntry(BatchHeaders.DYNAMODB_OLD_IMAGE, Map.of("Id", 101, "Message", "New item!"));
	}

	@Test
	void dynamoDbAttributeValuesOfEveryTypeBecomePlainJsonAndRemovalsGiveTheOldImage() {
		dispatch("documentMessage", "events/dynamodb-types.json");
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("Id", 102);
		expected.put("Message", "All types");
		expected.put("Price", new BigDecimal("12.50"));
		expected.put("Big", new BigInteger("123456789012345678901234567890"));
		expected.put("Active", true);
		expected.put("Nothing", null);
		expected.put("Tags", List.of("red", "blue"));
		expected.put("Scores", List.of(1, new BigDecimal("2.5")));
		expected.put("Blob", "aGVsbG8=");
		expected.put("Address", Map.of("City", "Graz", "Zip", 8010));
		expected.put("History", List.of("created", 7));
		assertThat(Functions.seen.get(0)).isEqualTo(expected);
		assertThat(Functions.seen.get(1)).isEqualTo(Map.of("Id", 101, "Message", "This item has changed"));
		assertThat(Functions.headers.get(1)).containsEntry(BatchHeaders.EVENT_NAME, "REMOVE");
	}

	@ParameterizedTest
	@Event(value = "events/eventbridge.json", type = ScheduledEvent.class)
	void eventBridgeCallsTheFunctionWithTheTypedDetail(ScheduledEvent event) {
		assertThat(dispatch("rdsEvent", "events/eventbridge.json")).isEqualTo("Finished DB Instance backup");
		assertThat(Functions.seen)
			.containsExactly(new RdsEvent("DB_INSTANCE", "Finished DB Instance backup", List.of("backup")));
		assertThat(Functions.headers.get(0)).containsEntry(BatchHeaders.EVENT_SOURCE, event.getSource())
			.containsEntry(BatchHeaders.EVENTBRIDGE_ID, event.getId())
			.containsEntry(BatchHeaders.EVENTBRIDGE_DETAIL_TYPE, event.getDetailType())
			.containsEntry(BatchHeaders.EVENTBRIDGE_ACCOUNT, event.getAccount())
			.containsEntry(BatchHeaders.EVENTBRIDGE_TIME, "2020-04-28T07:20:20Z")
			.containsEntry(BatchHeaders.EVENTBRIDGE_RESOURCES, event.getResources())
			.containsEntry(BatchHeaders.AWS_REGION, event.getRegion());
	}

	@Test
	void scheduledEventsRunSuppliersAndRunnableCompositionsAndGiveAnEmptyDetail() {
		assertThat(dispatch("clock", "events/scheduled.json")).isEqualTo("tick");
		assertThat(dispatch("clock|text", "events/scheduled.json")).isNull();
		assertThat(Functions.seen).containsExactly("tick");
		dispatch("documentMessage", "events/scheduled.json");
		assertThat(Functions.seen).last().isEqualTo(Map.of());
		assertThat(Functions.headers.get(0)).containsEntry(BatchHeaders.EVENTBRIDGE_DETAIL_TYPE, "Scheduled Event")
			.containsEntry(BatchHeaders.EVENTBRIDGE_RESOURCES,
					List.of("arn:aws:events:us-east-2:123456789012:rule/my-schedule"));
	}

	@Test
	void wholeScheduledEventFunctionsStillGetTheWholeEvent() {
		assertThat(dispatch("wholeSchedule", "events/scheduled.json")).isEqualTo("Scheduled Event");
	}

	private static String failures(String... ids) {
		StringBuilder json = new StringBuilder("{\"batchItemFailures\":[");
		for (int i = 0; i < ids.length; i++) {
			json.append((i > 0) ? "," : "").append("{\"itemIdentifier\":\"").append(ids[i]).append("\"}");
		}
		return json.append("]}").toString();
	}

	private static String dispatch(String definition, String fixture) {
		return new LambdaEventCall(definition, null).dispatch(fixture);
	}

	private static EventDispatcher dispatcher(String definition) {
		return new EventDispatcher(application.getBean(FunctionResolver.class).resolve(definition),
				application.getBeanProvider(EventAdapter.class).orderedStream().toList(), mapper());
	}

	private static ObjectMapper mapper() {
		return application.getBean(PayloadConverter.class).objectMapper();
	}

	static byte[] fixture(String path) {
		try (InputStream in = RecordEventAdaptersTests.class.getClassLoader().getResourceAsStream(path)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Context remainingMillis(int first, int... then) {
		Context context = mock(Context.class);
		given(context.getRemainingTimeInMillis()).willReturn(first,
				Arrays.stream(then).boxed().toArray(Integer[]::new));
		return context;
	}

	/** One function served with the application's adapters, or with the one given. */
	record LambdaEventCall(String definition, EventAdapter adapter) {

		String dispatch(String fixture) {
			return dispatch(fixture, mock(Context.class));
		}

		String dispatch(String fixture, Context context) {
			return dispatch(fixture(fixture), context);
		}

		String dispatch(byte[] event, Context context) {
			EventDispatcher dispatcher = (this.adapter != null)
					? new EventDispatcher(application.getBean(FunctionResolver.class).resolve(this.definition),
							List.of(this.adapter), mapper())
					: dispatcher(this.definition);
			byte[] response = dispatcher.dispatch(event, context);
			return (response != null) ? new String(response, StandardCharsets.UTF_8) : null;
		}

	}

	record Order(String orderId, String sku, int quantity) {
	}

	record Upload(String bucket, String key, long size) {
	}

	record Item(@JsonProperty("Id") long id, @JsonProperty("Message") String message) {
	}

	record RdsEvent(@JsonProperty("SourceType") String sourceType, @JsonProperty("Message") String message,
			@JsonProperty("EventCategories") List<String> eventCategories) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		static final List<Object> seen = new CopyOnWriteArrayList<>();

		static final List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();

		static void remember(Message<?> message) {
			seen.add(message.getPayload());
			headers.add(message.getHeaders());
		}

		@Bean
		Consumer<String> text() {
			return seen::add;
		}

		@Bean
		Consumer<Message<String>> textMessage() {
			return Functions::remember;
		}

		@Bean
		Consumer<String> reject() {
			return (text) -> {
				throw new IllegalStateException("rejected");
			};
		}

		@Bean
		Consumer<Order> order() {
			return (order) -> {
				if (order.sku().equals("OUT-OF-STOCK")) {
					throw new IllegalStateException(order.sku() + " is not available");
				}
				seen.add(order);
			};
		}

		@Bean
		Consumer<Message<Order>> orderMessage() {
			return (message) -> headers.add(message.getHeaders());
		}

		@Bean
		Function<SQSEvent, SQSBatchResponse> wholeBatch() {
			return (event) -> {
				seen.add(event);
				List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
				failures.add(new SQSBatchResponse.BatchItemFailure(event.getRecords().get(1).getMessageId()));
				return new SQSBatchResponse(failures);
			};
		}

		@Bean
		Function<ScheduledEvent, String> wholeSchedule() {
			return ScheduledEvent::getDetailType;
		}

		@Bean
		Consumer<Message<S3ObjectReference>> object() {
			return Functions::remember;
		}

		@Bean
		Consumer<Upload> upload() {
			return seen::add;
		}

		@Bean
		Consumer<Message<Item>> item() {
			return Functions::remember;
		}

		@Bean
		Consumer<Message<Map<String, Object>>> documentMessage() {
			return Functions::remember;
		}

		@Bean
		Function<Message<RdsEvent>, String> rdsEvent() {
			return (message) -> {
				remember(message);
				return message.getPayload().message();
			};
		}

		@Bean
		Supplier<String> clock() {
			return () -> "tick";
		}

	}

}
