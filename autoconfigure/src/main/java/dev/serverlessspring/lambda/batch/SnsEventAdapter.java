package dev.serverlessspring.lambda.batch;

import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the function with the message of an SNS notification.
 * <p>
 * SNS invokes asynchronously and has no partial failure response: a failure fails the
 * invocation, and Lambda retries the notification (twice by default), then hands it to
 * the function's on-failure destination or dead-letter queue. SNS delivers one message
 * per invocation, so a retry repeats nothing that succeeded.
 */
public class SnsEventAdapter extends RecordEventAdapter {

	public SnsEventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		super(processor, objectMapper, "aws:sns", FailureMode.INVOCATION_ERROR);
	}

	@Override
	protected List<BatchRecord> records(JsonNode event) {
		List<BatchRecord> records = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			JsonNode sns = record.path("Sns");
			String messageId = text(sns, "MessageId");
			String message = text(sns, "Message");
			records.add(record(messageId, (function) -> function.readInput(utf8(message)),
					BatchHeaders.EVENT_SOURCE_ARN, text(record, "EventSubscriptionArn"), BatchHeaders.SNS_MESSAGE_ID,
					messageId, BatchHeaders.SNS_TOPIC_ARN, text(sns, "TopicArn"), BatchHeaders.SNS_SUBJECT,
					text(sns, "Subject"), BatchHeaders.SNS_TIMESTAMP, text(sns, "Timestamp"),
					BatchHeaders.SNS_MESSAGE_ATTRIBUTES, attributeValues(sns.get("MessageAttributes"), "Value")));
		}
		return records;
	}

}
