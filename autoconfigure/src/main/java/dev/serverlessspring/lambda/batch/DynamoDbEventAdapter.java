package dev.serverlessspring.lambda.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the function with the item of each record of a DynamoDB Streams batch, as plain
 * JSON read into the function's input type, and answers with the sequence number of the
 * first record that failed.
 * <p>
 * The item is the new image; a {@code REMOVE} record, which has none, gives the old
 * image, and a stream of view type {@code KEYS_ONLY} gives the keys. The
 * {@link BatchHeaders#EVENT_NAME} header tells which change it was. As with Kinesis,
 * Lambda redelivers the stream from the reported record, so the batch stops there.
 */
public class DynamoDbEventAdapter extends RecordEventAdapter {

	private final AttributeValueConverter converter;

	public DynamoDbEventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		super(processor, objectMapper, "aws:dynamodb", FailureMode.FIRST_FAILED_ITEM);
		this.converter = new AttributeValueConverter(objectMapper.getNodeFactory());
	}

	@Override
	protected List<BatchRecord> records(JsonNode event) {
		List<BatchRecord> records = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			JsonNode change = record.path("dynamodb");
			String sequenceNumber = text(change, "SequenceNumber");
			JsonNode item = firstPresent(change.get("NewImage"), change.get("OldImage"), change.get("Keys"));
			records.add(record(sequenceNumber, (function) -> function.readInput(item(item)),
					BatchHeaders.EVENT_SOURCE_ARN, text(record, "eventSourceARN"), BatchHeaders.AWS_REGION,
					text(record, "awsRegion"), BatchHeaders.EVENT_ID, text(record, "eventID"), BatchHeaders.EVENT_NAME,
					text(record, "eventName"), BatchHeaders.SEQUENCE_NUMBER, sequenceNumber, BatchHeaders.DYNAMODB_KEYS,
					plain(change.get("Keys")), BatchHeaders.DYNAMODB_OLD_IMAGE, plain(change.get("OldImage"))));
		}
		return records;
	}

	private JsonNode item(@Nullable JsonNode item) {
		if (item == null) {
			throw new InvalidEventException("DynamoDB stream record has neither image nor keys", null);
		}
		return this.converter.toJson(item);
	}

	private @Nullable Map<?, ?> plain(@Nullable JsonNode item) {
		// Headers are built before the record's turn, so a malformed image must not throw
		// here.
		if (item == null || !item.isObject()) {
			return null;
		}
		try {
			return objectMapper().treeToValue(this.converter.toJson(item), Map.class);
		}
		catch (InvalidEventException ex) {
			return null;
		}
	}

	private static @Nullable JsonNode firstPresent(@Nullable JsonNode... candidates) {
		for (JsonNode candidate : candidates) {
			if (candidate != null && candidate.isObject()) {
				return candidate;
			}
		}
		return null;
	}

}
