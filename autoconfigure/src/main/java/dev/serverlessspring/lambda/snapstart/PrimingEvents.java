package dev.serverlessspring.lambda.snapstart;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * Synthetic events for priming a function: the smallest JSON its input type reads, so
 * that a priming invocation goes through the same conversion, adapters and function code
 * as a real one. Text is not empty: Spring Cloud Function gives an empty text a shorter
 * path (it tries to read any other text as JSON first), which would leave a real event's
 * path cold.
 */
public final class PrimingEvents {

	private PrimingEvents() {
	}

	/**
	 * Return a synthetic event for the given input type.
	 * @param inputType the function's input type, {@code null} for a supplier
	 * @return the event's bytes
	 */
	public static byte[] forInputType(@Nullable Type inputType) {
		return json(inputType).getBytes(StandardCharsets.UTF_8);
	}

	private static String json(@Nullable Type inputType) {
		if (inputType == null) {
			return "{}";
		}
		Class<?> type = ResolvableType.forType(inputType).resolve(Object.class);
		if (type == String.class || type == byte[].class || CharSequence.class.isAssignableFrom(type)) {
			return "\"priming\"";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "false";
		}
		if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
			return "0";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "[]";
		}
		// Objects, maps, records and the aws-lambda-java-events types: an empty object.
		return "{}";
	}

}
