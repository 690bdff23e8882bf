package dev.serverlessspring.lambda.invoke;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.serverlessspring.lambda.event.Utf8Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;

/**
 * Reads event payloads as the Java types functions take and writes their results back as
 * bytes.
 * <ul>
 * <li>{@code byte[]} is passed through; {@code String} gets the text (a JSON string
 * literal is unquoted, anything else is taken verbatim).</li>
 * <li>The {@code aws-lambda-java-events} types go through AWS's own serializers, which
 * know their field casing.</li>
 * <li>Everything else is JSON, through the application's Jackson
 * {@link ObjectMapper}.</li>
 * </ul>
 * Bytes read as JSON (the last two) must be well-formed UTF-8 ({@link Utf8Validator}).
 */
public class PayloadConverter {

	private static final String AWS_EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

	private final ObjectMapper objectMapper;

	private final ClassLoader classLoader;

	private final Map<Class<?>, PojoSerializer<Object>> awsSerializers = new ConcurrentHashMap<>();

	public PayloadConverter(ObjectMapper objectMapper, ClassLoader classLoader) {
		this.objectMapper = objectMapper;
		this.classLoader = classLoader;
	}

	/**
	 * Return the mapper used for JSON.
	 * @return the object mapper
	 */
	public ObjectMapper objectMapper() {
		return this.objectMapper;
	}

	/**
	 * Whether the type is one of the {@code aws-lambda-java-events} types that AWS's own
	 * serializers handle (and so are read and written with them).
	 * @param type a function's input or output type
	 * @return {@code true} for an AWS event type with an AWS serializer
	 */
	public static boolean isAwsEventType(Class<?> type) {
		return isAwsEventsClass(type) && LambdaEventSerializers.isLambdaSupportedEvent(type.getName());
	}

	/**
	 * Whether the type is any {@code aws-lambda-java-events} type: it carries a whole
	 * Lambda event (or response) and is handed over as it is. AWS's serializers know only
	 * some of them ({@code APIGatewayV2HTTPEvent} and the ALB types are not among them,
	 * for example); the others are plain beans that Jackson reads and writes.
	 * @param type a function's input or output type
	 * @return {@code true} for a type of {@code aws-lambda-java-events}
	 */
	public static boolean isAwsEventsClass(@Nullable Class<?> type) {
		return type != null && type.getName().startsWith(AWS_EVENTS_PACKAGE);
	}

	/**
	 * Read bytes as the given type.
	 * @param payload the bytes
	 * @param type the target type
	 * @return the value
	 * @throws InvalidEventException when the bytes are not a valid representation of the
	 * type
	 */
	public Object read(byte[] payload, Type type) {
		Class<?> raw = ResolvableType.forType(type).resolve(Object.class);
		if (raw == byte[].class) {
			return payload;
		}
		if (raw == String.class) {
			return readString(payload);
		}
		if (!Utf8Validator.isValid(payload)) {
			// The cause tells the HTTP adapter's 400 what is wrong, without a value.
			throw new InvalidEventException("Could not read the event as " + type.getTypeName() + ": not valid UTF-8",
					new CharacterCodingException());
		}
		try {
			if (isAwsEventType(raw)) {
				return awsSerializer(raw).fromJson(new ByteArrayInputStream(payload));
			}
			return this.objectMapper.readValue(payload, javaType(type));
		}
		catch (JacksonException ex) {
			throw invalid(type, ex);
		}
		catch (RuntimeException ex) {
			// AWS's serializers wrap their shaded Jackson's errors, whose messages quote
			// the input.
			throw new InvalidEventException(
					"Could not read the event as " + type.getTypeName() + ": not valid JSON for it", null);
		}
	}

	/**
	 * Read an already parsed JSON value as the given type.
	 * @param json the value
	 * @param type the target type
	 * @return the value
	 * @throws InvalidEventException when the JSON does not fit the type
	 */
	public Object read(JsonNode json, Type type) {
		Class<?> raw = ResolvableType.forType(type).resolve(Object.class);
		if (json.isString() && (raw == String.class || raw == byte[].class)) {
			String text = json.asString();
			return (raw == String.class) ? text : text.getBytes(StandardCharsets.UTF_8);
		}
		if (raw == String.class || raw == byte[].class || isAwsEventType(raw)) {
			return read(this.objectMapper.writeValueAsBytes(json), type);
		}
		try {
			return this.objectMapper.readValue(this.objectMapper.treeAsTokens(json), javaType(type));
		}
		catch (JacksonException ex) {
			throw invalid(type, ex);
		}
	}

	/**
	 * Write a function's result as the bytes of a Lambda response: {@code byte[]} and
	 * {@code String} verbatim, AWS event types with AWS's serializers, anything else as
	 * JSON.
	 * @param value the result; a {@link Message} stands for its payload
	 * @return the bytes, or {@code null} for no result
	 */
	public byte @Nullable [] write(@Nullable Object value) {
		if (value instanceof Message<?> message) {
			value = message.getPayload();
		}
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		if (isAwsEventType(value.getClass())) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			awsSerializer(value.getClass()).toJson(value, out);
			return out.toByteArray();
		}
		return this.objectMapper.writeValueAsBytes(value);
	}

	private String readString(byte[] payload) {
		String text = new String(payload, StandardCharsets.UTF_8);
		String trimmed = text.strip();
		if (trimmed.length() >= 2 && trimmed.charAt(0) == '"' && trimmed.charAt(trimmed.length() - 1) == '"') {
			try {
				return this.objectMapper.readValue(trimmed, String.class);
			}
			catch (JacksonException ex) {
				return text;
			}
		}
		return text;
	}

	private JavaType javaType(Type type) {
		return this.objectMapper.getTypeFactory().constructType(type);
	}

	private PojoSerializer<Object> awsSerializer(Class<?> type) {
		return this.awsSerializers.computeIfAbsent(type, (key) -> {
			@SuppressWarnings("unchecked")
			PojoSerializer<Object> serializer = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(key,
					this.classLoader);
			return serializer;
		});
	}

	/**
	 * Jackson's messages quote the offending input ("Unrecognized token 'x'", "from
	 * String \"x\""), and the runtime logs an invocation's error with its causes: so the
	 * error carries a value-free copy of Jackson's exception, with its path and location
	 * only.
	 * @param type the type the event was read as
	 * @param ex the failure Jackson reported
	 * @return the error, its cause without the input's values
	 */
	private static InvalidEventException invalid(Type type, JacksonException ex) {
		JacksonException valueFree = valueFree(ex);
		TokenStreamLocation location = valueFree.getLocation();
		String at = (location != null && location.getLineNr() > 0)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
		return new InvalidEventException(
				"Could not read the event as " + type.getTypeName() + ": " + valueFree.getOriginalMessage() + at,
				valueFree);
	}

	/**
	 * Return where in the JSON a Jackson error occurred, as property names and indexes
	 * ({@code items[0].quantity}), which name no value.
	 * @param ex the error
	 * @return the path, empty if the error has none
	 */
	public static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static JacksonException valueFree(JacksonException ex) {
		if (ex instanceof StreamConstraintsException) {
			// Names the limit and the size, never the input.
			return ex;
		}
		boolean empty = ex instanceof MismatchedInputException && ex.getOriginalMessage().startsWith("No content");
		if (ex instanceof DatabindException && !empty) {
			// Stays a DatabindException, so callers can tell well-formed JSON of the
			// wrong shape from broken JSON.
			DatabindException copy = DatabindException.from((JsonParser) null, ex.getPath().isEmpty()
					? "the JSON does not fit the type" : "invalid or missing value at '" + path(ex) + "'");
			List<JacksonException.Reference> references = ex.getPath();
			for (int i = references.size() - 1; i >= 0; i--) {
				copy.prependPath(references.get(i));
			}
			return copy;
		}
		return new StreamReadException(null, empty ? "the event is empty" : "not valid JSON", ex.getLocation());
	}

}
