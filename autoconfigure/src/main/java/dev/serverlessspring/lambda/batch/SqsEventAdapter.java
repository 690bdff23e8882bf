package dev.serverlessspring.lambda.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the function with the body of each message of an SQS batch and answers with the
 * messages that failed, by message id.
 * <p>
 * In a FIFO queue (an ARN ending in {@code .fifo}, or messages with a
 * {@code MessageGroupId}) the batch stops at the first failure, which is reported
 * together with every later message, so that no message overtakes one before it.
 */
public class SqsEventAdapter extends RecordEventAdapter {

	public SqsEventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		super(processor, objectMapper, "aws:sqs", FailureMode.EACH_FAILED_ITEM);
	}

	@Override
	protected FailureMode failureMode(JsonNode event) {
		for (JsonNode message : event.path("Records")) {
			String arn = text(message, "eventSourceARN");
			if ((arn != null && arn.endsWith(".fifo")) || text(message.path("attributes"), "MessageGroupId") != null) {
				return FailureMode.FIRST_FAILED_AND_REMAINING_ITEMS;
			}
		}
		return FailureMode.EACH_FAILED_ITEM;
	}

	@Override
	protected List<BatchRecord> records(JsonNode event) {
		List<BatchRecord> records = new ArrayList<>();
		for (JsonNode message : event.path("Records")) {
			String messageId = text(message, "messageId");
			String body = text(message, "body");
			Map<String, String> attributes = strings(message.get("attributes"));
			Map<String, String> messageAttributes = attributeValues(message.get("messageAttributes"), "stringValue",
					"binaryValue");
			records.add(record(messageId, (function) -> function.readInput(utf8(body)), BatchHeaders.EVENT_SOURCE_ARN,
					text(message, "eventSourceARN"), BatchHeaders.AWS_REGION, text(message, "awsRegion"),
					BatchHeaders.SQS_MESSAGE_ID, messageId, BatchHeaders.SQS_RECEIPT_HANDLE,
					text(message, "receiptHandle"), BatchHeaders.SQS_ATTRIBUTES, attributes,
					BatchHeaders.SQS_MESSAGE_ATTRIBUTES, messageAttributes, BatchHeaders.SQS_MESSAGE_GROUP_ID,
					attributes.get("MessageGroupId")));
		}
		return records;
	}

}
