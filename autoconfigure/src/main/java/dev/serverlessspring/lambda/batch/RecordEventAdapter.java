package dev.serverlessspring.lambda.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.serverlessspring.lambda.batch.RecordProcessor.BatchResult;
import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.invoke.LambdaFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the adapters that call a function once per record of an event and answer Lambda
 * with what its event source expects.
 * <p>
 * An adapter steps aside for functions that take a whole AWS event type (such as
 * {@code Function<SQSEvent, SQSBatchResponse>}) and for suppliers, which ignore their event.
 */
public abstract class RecordEventAdapter implements EventAdapter {

	private final RecordProcessor processor;

	private final ObjectMapper objectMapper;

	protected RecordEventAdapter(RecordProcessor processor, ObjectMapper objectMapper) {
		this.processor = processor;
		this.objectMapper = objectMapper;
	}

	@Override
	public boolean supports(LambdaEvent event, LambdaFunction function) {
		if (function.takesAwsEvent() || function.isSupplier()) {
			return false;
		}
		JsonNode json = event.jsonObject();
		return json != null && matches(json);
	}

	@Override
	public byte[] handle(LambdaEvent event, LambdaFunction function) {
		JsonNode json = event.jsonObject();
		FailureMode mode = failureMode(json);
		BatchResult result = this.processor.process(records(json), mode, function, event.context());
		return respond(result, mode, function);
	}

	/**
	 * Whether the event comes from this adapter's source.
	 * @param event the event, a JSON object
	 * @return {@code true} to handle it
	 */
	protected abstract boolean matches(JsonNode event);

	/**
	 * Split the event into its records.
	 * @param event the event
	 * @return the records in delivery order
	 */
	protected abstract List<BatchRecord> records(JsonNode event);

	/**
	 * Return what a failed record means for this event's batch.
	 * @param event the event
	 * @return the failure mode
	 */
	protected abstract FailureMode failureMode(JsonNode event);

	/**
	 * Write the response: the partial batch failure response
	 * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}} for sources that take one,
	 * otherwise none.
	 * @param result the batch's outcome
	 * @param mode the failure mode the batch was processed with
	 * @param function the function
	 * @return the response bytes, or {@code null}
	 */
	protected byte[] respond(BatchResult result, FailureMode mode, LambdaFunction function) {
		if (mode == FailureMode.INVOCATION_ERROR) {
			return null;
		}
		// Built as a tree so that the application's naming strategy cannot rename the fields.
		ObjectNode response = this.objectMapper.createObjectNode();
		ArrayNode failures = response.putArray("batchItemFailures");
		for (String id : result.failedIds()) {
			failures.addObject().put("itemIdentifier", id);
		}
		return this.objectMapper.writeValueAsBytes(response);
	}

	/**
	 * Return the object mapper.
	 * @return the application's object mapper
	 */
	protected ObjectMapper objectMapper() {
		return this.objectMapper;
	}

	/**
	 * Whether the event is a {@code Records} batch whose first record comes from the source.
	 * @param event the event
	 * @param eventSource the source, such as {@code aws:sqs}
	 * @return {@code true} if it is
	 */
	protected static boolean isRecordsFrom(JsonNode event, String eventSource) {
		JsonNode first = event.path("Records").path(0);
		// SNS spells it EventSource, the others eventSource.
		return eventSource.equals(text(first, "eventSource")) || eventSource.equals(text(first, "EventSource"));
	}

	/**
	 * Collect record headers, leaving out those without a value.
	 * @param namesAndValues header names, each followed by its value
	 * @return the headers
	 */
	protected static Map<String, Object> headers(Object... namesAndValues) {
		Map<String, Object> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] != null) {
				headers.put((String) namesAndValues[i], namesAndValues[i + 1]);
			}
		}
		return headers;
	}

	/**
	 * Return the string fields of a JSON object as a map.
	 * @param node the object, may be {@code null}
	 * @return the string fields by name
	 */
	protected static Map<String, String> strings(JsonNode node) {
		Map<String, String> strings = new LinkedHashMap<>();
		if (node != null) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (field.getValue().isString()) {
					strings.put(field.getKey(), field.getValue().stringValue());
				}
			}
		}
		return strings;
	}

	/**
	 * Return a string field of a JSON object.
	 * @param node the object
	 * @param field the field name
	 * @return the string, or {@code null} when absent or not a string
	 */
	protected static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

}
