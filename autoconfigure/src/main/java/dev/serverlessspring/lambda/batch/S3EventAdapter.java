package dev.serverlessspring.lambda.batch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import dev.serverlessspring.lambda.invoke.LambdaFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the function with an {@link S3ObjectReference} for each record of an S3 event
 * notification (or with the same properties read into the function's own input type).
 * <p>
 * S3 invokes asynchronously and has no partial failure response: the first failure fails
 * the invocation, and Lambda retries the event (twice by default), then hands it to the
 * function's on-failure destination or dead-letter queue. Later records are not processed
 * before the retry, so that it repeats as little as possible.
 */
public class S3EventAdapter extends RecordEventAdapter {

	public S3EventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		super(processor, objectMapper, "aws:s3", FailureMode.INVOCATION_ERROR);
	}

	@Override
	protected List<BatchRecord> records(JsonNode event) {
		List<BatchRecord> records = new ArrayList<>();
		for (JsonNode record : event.path("Records")) {
			JsonNode s3 = record.path("s3");
			JsonNode object = s3.path("object");
			String bucket = text(s3.path("bucket"), "name");
			String encodedKey = text(object, "key");
			String key = (encodedKey != null) ? URLDecoder.decode(encodedKey, StandardCharsets.UTF_8) : null;
			JsonNode size = object.get("size");
			S3ObjectReference reference = new S3ObjectReference(bucket, key,
					(size != null && size.isNumber()) ? size.asLong() : null, text(object, "eTag"),
					text(object, "versionId"));
			String id = "s3://" + bucket + "/" + key;
			records.add(record(id, (function) -> input(reference, function), BatchHeaders.EVENT_SOURCE_ARN,
					text(s3.path("bucket"), "arn"), BatchHeaders.AWS_REGION, text(record, "awsRegion"),
					BatchHeaders.EVENT_NAME, text(record, "eventName"), BatchHeaders.EVENT_TIME,
					text(record, "eventTime")));
		}
		return records;
	}

	private @Nullable Object input(S3ObjectReference reference, LambdaFunction function) {
		if (function.inputClass() == S3ObjectReference.class) {
			return reference;
		}
		return function.readInput(objectMapper().valueToTree(reference));
	}

}
