package dev.serverlessspring.lambda.batch;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the function with the data of each record of a Kinesis batch (decoded from
 * base64) and answers with the sequence number of the first record that failed.
 * <p>
 * Lambda checkpoints the shard just before the reported sequence number and delivers the
 * stream again from that record, so the batch stops there: records after it would be
 * delivered again anyway.
 */
public class KinesisEventAdapter extends RecordEventAdapter {

	public KinesisEventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		super(processor, objectMapper, "aws:kinesis", FailureMode.FIRST_FAILED_ITEM);
	}

	@Override
	protected List<BatchRecord> records(JsonNode event) {
		List<BatchRecord> records = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			JsonNode kinesis = record.path("kinesis");
			String sequenceNumber = text(kinesis, "sequenceNumber");
			String data = text(kinesis, "data");
			records.add(record(sequenceNumber, (function) -> function.readInput(decode(data)),
					BatchHeaders.EVENT_SOURCE_ARN, text(record, "eventSourceARN"), BatchHeaders.AWS_REGION,
					text(record, "awsRegion"), BatchHeaders.EVENT_ID, text(record, "eventID"),
					BatchHeaders.SEQUENCE_NUMBER, sequenceNumber, BatchHeaders.KINESIS_PARTITION_KEY,
					text(kinesis, "partitionKey"), BatchHeaders.KINESIS_ARRIVAL_TIME,
					arrivalTime(kinesis.get("approximateArrivalTimestamp"))));
		}
		return records;
	}

	private static byte[] decode(@Nullable String data) {
		try {
			return (data != null) ? Base64.getDecoder().decode(data) : new byte[0];
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventException("Kinesis record data is not base64", ex);
		}
	}

	private static @Nullable Instant arrivalTime(@Nullable JsonNode seconds) {
		if (seconds == null || !seconds.isNumber()) {
			return null;
		}
		// Seconds with a fraction, as in 1545084650.987.
		long millis = seconds.decimalValue().movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
		return Instant.ofEpochMilli(millis);
	}

}
