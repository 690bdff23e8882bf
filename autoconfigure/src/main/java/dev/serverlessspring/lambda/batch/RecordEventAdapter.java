package dev.serverlessspring.lambda.batch;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.serverlessspring.lambda.batch.RecordProcessor.BatchResult;
import dev.serverlessspring.lambda.batch.RecordProcessor.FailureMode;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.invoke.LambdaFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the adapters that call a function once per record of an event and answer Lambda
 * with what its event source expects.
 * <p>
 * An adapter steps aside for functions that take a whole AWS event type (such as
 * {@code Function<SQSEvent, SQSBatchResponse>}) and for suppliers, which ignore their
 * event.
 */
public abstract class RecordEventAdapter implements EventAdapter {

	private final RecordProcessor processor;

	private final ObjectMapper objectMapper;

	private final @Nullable String eventSource;

	private final FailureMode failureMode;

	/**
	 * Create an adapter.
	 * @param processor the processor that calls the function per record
	 * @param objectMapper the application's object mapper
	 * @param eventSource the {@code eventSource} of the records this adapter handles,
	 * such as {@code aws:sqs}, or {@code null} when the adapter recognises its events
	 * otherwise
	 * @param failureMode what a failed record means for the batch, unless
	 * {@link #failureMode(JsonNode)} decides per event
	 */
	protected RecordEventAdapter(RecordProcessor processor, ObjectMapper objectMapper, @Nullable String eventSource,
			FailureMode failureMode) {
		this.processor = processor;
		this.objectMapper = objectMapper;
		this.eventSource = eventSource;
		this.failureMode = failureMode;
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
	public byte @Nullable [] handle(LambdaEvent event, LambdaFunction function) {
		// Lambda's dispatcher hands an event only to the adapter that matched its JSON
		// object.
		JsonNode json = Objects.requireNonNull(event.jsonObject(), "handle() follows matches()");
		FailureMode mode = failureMode(json);
		BatchResult result = this.processor.process(records(json), mode, function, event.context());
		return respond(result, mode, function);
	}

	/**
	 * Whether the event comes from this adapter's source: by default, whether it is a
	 * {@code Records} batch whose first record has the adapter's {@code eventSource} (SNS
	 * spells it {@code EventSource}).
	 * @param event the event, a JSON object
	 * @return {@code true} to handle it
	 */
	protected boolean matches(JsonNode event) {
		JsonNode first = event.path("Records").path(0);
		return this.eventSource != null && (this.eventSource.equals(text(first, "eventSource"))
				|| this.eventSource.equals(text(first, "EventSource")));
	}

	/**
	 * Split the event into its records.
	 * @param event the event
	 * @return the records in delivery order
	 */
	protected abstract List<BatchRecord> records(JsonNode event);

	/**
	 * Return what a failed record means for this event's batch: by default, the adapter's
	 * failure mode.
	 * @param event the event
	 * @return the failure mode
	 */
	protected FailureMode failureMode(JsonNode event) {
		return this.failureMode;
	}

	/**
	 * Write the response: the partial batch failure response
	 * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}} for sources that take one,
	 * otherwise none.
	 * @param result the batch's outcome
	 * @param mode the failure mode the batch was processed with
	 * @param function the function
	 * @return the response bytes
	 */
	protected byte @Nullable [] respond(BatchResult result, FailureMode mode, LambdaFunction function) {
		if (mode == FailureMode.INVOCATION_ERROR) {
			return null;
		}
		// Built as a tree so that the application's naming strategy cannot rename the
		// fields.
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
	 * Create a record with the {@link BatchHeaders#EVENT_SOURCE} and
	 * {@link BatchHeaders#RECORD_ID} headers and the given ones, leaving out those
	 * without a value.
	 * @param id the identifier the record's failure is reported by
	 * @param input reads the record's content as the function's input
	 * @param headerNamesAndValues further header names, each followed by its value
	 * @return the record
	 */
	protected BatchRecord record(@Nullable String id, BatchRecord.Input input,
			@Nullable Object... headerNamesAndValues) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(BatchHeaders.EVENT_SOURCE, this.eventSource);
		headers.put(BatchHeaders.RECORD_ID, id);
		for (int i = 0; i < headerNamesAndValues.length; i += 2) {
			headers.put((String) headerNamesAndValues[i], headerNamesAndValues[i + 1]);
		}
		headers.values().removeIf(Objects::isNull);
		return new BatchRecord(id, headers, input);
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
	 * Return text as UTF-8 bytes, for reading a record's body as the function's input.
	 * @param text the text, may be {@code null}
	 * @return the bytes, empty for {@code null}
	 */
	protected static byte[] utf8(@Nullable String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
	}

	/**
	 * Return the values of SQS or SNS message attributes by name.
	 * @param attributes the attributes object, may be {@code null}
	 * @param valueFields the fields that hold an attribute's value, in order of
	 * preference
	 * @return the first value present of each attribute, by name
	 */
	protected static Map<String, String> attributeValues(JsonNode attributes, String... valueFields) {
		Map<String, String> values = new LinkedHashMap<>();
		if (attributes != null) {
			for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
				for (String field : valueFields) {
					String value = text(attribute.getValue(), field);
					if (value != null) {
						values.put(attribute.getKey(), value);
						break;
					}
				}
			}
		}
		return values;
	}

	/**
	 * Return a string field of a JSON object.
	 * @param node the object
	 * @param field the field name
	 * @return the string, or {@code null} when absent or not a string
	 */
	protected static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

}
