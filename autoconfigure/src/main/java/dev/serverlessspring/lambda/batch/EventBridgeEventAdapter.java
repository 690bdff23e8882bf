package dev.serverlessspring.lambda.batch;

import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.lambda.batch.RecordProcessor.BatchResult;
import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import dev.serverlessspring.lambda.invoke.LambdaFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls the function with the {@code detail} of an EventBridge event (including scheduled
 * events, whose detail is {@code {}}), read into the function's input type; the
 * envelope's fields are {@link BatchHeaders headers}. A {@code Supplier} bound to a
 * schedule needs no adapter: it just runs.
 * <p>
 * EventBridge invokes asynchronously: a failure fails the invocation, and Lambda retries
 * the event (twice by default), then hands it to the function's on-failure destination or
 * dead-letter queue. The function's result is the invocation's response, which Lambda
 * discards for asynchronous invocations but a direct invocation sees.
 */
public class EventBridgeEventAdapter extends RecordEventAdapter {

	public EventBridgeEventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		super(processor, objectMapper, null, FailureMode.INVOCATION_ERROR);
	}

	@Override
	protected boolean matches(JsonNode event) {
		return text(event, "detail-type") != null && text(event, "source") != null && text(event, "id") != null
				&& event.has("detail");
	}

	@Override
	protected List<BatchRecord> records(JsonNode event) {
		String id = text(event, "id");
		List<String> resources = new ArrayList<>();
		for (JsonNode resource : event.path("resources")) {
			resources.add(resource.asString());
		}
		JsonNode detail = event.get("detail");
		return List.of(record(id, (function) -> function.readInput(detail), BatchHeaders.EVENT_SOURCE,
				text(event, "source"), BatchHeaders.AWS_REGION, text(event, "region"), BatchHeaders.EVENTBRIDGE_ID, id,
				BatchHeaders.EVENTBRIDGE_DETAIL_TYPE, text(event, "detail-type"), BatchHeaders.EVENTBRIDGE_ACCOUNT,
				text(event, "account"), BatchHeaders.EVENTBRIDGE_TIME, text(event, "time"),
				BatchHeaders.EVENTBRIDGE_RESOURCES, List.copyOf(resources)));
	}

	@Override
	protected byte @Nullable [] respond(BatchResult result, FailureMode mode, LambdaFunction function) {
		return function.writeOutput(result.lastResult());
	}

}
