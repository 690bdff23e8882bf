package dev.serverlessspring.lambda.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the function with the message of an SNS notification.
 * <p>
 * SNS invokes asynchronously and has no partial failure response: a failure fails the
 * invocation, and Lambda retries the notification (twice by default), then hands it to the
 * function's on-failure destination or dead-letter queue. SNS delivers one message per
 * invocation, so a retry repeats nothing that succeeded.
 */
public class SnsEventAdapter extends RecordEventAdapter {

	static final String EVENT_SOURCE = "aws:sns";

	public SnsEventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		super(processor, objectMapper);
	}

	@Override
	protected boolean matches(JsonNode event) {
		return isRecordsFrom(event, EVENT_SOURCE);
	}

	@Override
	protected FailureMode failureMode(JsonNode event) {
		return FailureMode.INVOCATION_ERROR;
	}

	@Override
	protected List<BatchRecord> records(JsonNode event) {
		List<BatchRecord> records = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			JsonNode sns = record.path("Sns");
			String messageId = text(sns, "MessageId");
			String message = text(sns, "Message");
			records.add(new BatchRecord(messageId,
					headers(BatchHeaders.EVENT_SOURCE, EVENT_SOURCE, BatchHeaders.RECORD_ID, messageId,
							BatchHeaders.EVENT_SOURCE_ARN, text(record, "EventSubscriptionArn"), BatchHeaders.SNS_MESSAGE_ID,
							messageId, BatchHeaders.SNS_TOPIC_ARN, text(sns, "TopicArn"), BatchHeaders.SNS_SUBJECT,
							text(sns, "Subject"), BatchHeaders.SNS_TIMESTAMP, text(sns, "Timestamp"),
							BatchHeaders.SNS_MESSAGE_ATTRIBUTES, messageAttributes(sns.get("MessageAttributes"))),
					(function) -> function.readInput((message != null) ? message.getBytes(StandardCharsets.UTF_8) : new byte[0])));
		}
		return records;
	}

	private static Map<String, String> messageAttributes(JsonNode messageAttributes) {
		Map<String, String> values = new LinkedHashMap<>();
		if (messageAttributes != null) {
			for (Map.Entry<String, JsonNode> attribute : messageAttributes.properties()) {
				String value = text(attribute.getValue(), "Value");
				if (value != null) {
					values.put(attribute.getKey(), value);
				}
			}
		}
		return values;
	}

}
