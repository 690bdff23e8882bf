package dev.serverlessspring.lambda.event;

import com.amazonaws.services.lambda.runtime.Context;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One event as Lambda delivered it: the raw bytes, the invocation's context, and the JSON
 * tree of the bytes, parsed at most once and only when an {@link EventAdapter} asks for
 * it.
 */
public final class LambdaEvent {

	private final byte[] payload;

	private final Context context;

	private final ObjectMapper objectMapper;

	private @Nullable JsonNode json;

	private boolean parsed;

	public LambdaEvent(byte[] payload, Context context, ObjectMapper objectMapper) {
		this.payload = payload;
		this.context = context;
		this.objectMapper = objectMapper;
	}

	/**
	 * Return the event exactly as Lambda sent it.
	 * @return the event's bytes
	 */
	public byte[] payload() {
		return this.payload;
	}

	/**
	 * Return the invocation's context.
	 * @return the Lambda context
	 */
	public Context context() {
		return this.context;
	}

	/**
	 * Return the event as a JSON object tree, for recognising its shape.
	 * @return the tree, or {@code null} when the event is not a JSON object
	 */
	public @Nullable JsonNode jsonObject() {
		if (!this.parsed) {
			this.parsed = true;
			this.json = parseObject();
		}
		return this.json;
	}

	private @Nullable JsonNode parseObject() {
		int first = firstNonWhitespace();
		// Not JSON when not well-formed UTF-8: the function's reader then refuses it
		// clearly.
		if (first < 0 || this.payload[first] != '{' || !Utf8Validator.isValid(this.payload)) {
			return null;
		}
		try {
			return this.objectMapper.readTree(this.payload);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private int firstNonWhitespace() {
		for (int i = 0; i < this.payload.length; i++) {
			if (!Character.isWhitespace(this.payload[i])) {
				return i;
			}
		}
		return -1;
	}

}
