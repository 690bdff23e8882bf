package dev.serverlessspring.test.runtime;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error document in Lambda's shape: {@code {"errorMessage": ..., "errorType": ...}},
 * possibly with more fields (the AWS runtime interface client adds {@code stackTrace}).
 * It is what a runtime posts to {@code init/error}, {@code invocation/{id}/error} or
 * {@code restore/error}, and what Lambda itself reports for timeouts and oversized
 * responses.
 */
public final class LambdaError {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The error type Lambda reports when the runtime posted none it could read. */
	static final String UNKNOWN_ERROR_TYPE = "Runtime.Unknown";

	private final String errorType;

	private final @Nullable String errorMessage;

	private final byte[] body;

	private LambdaError(String errorType, @Nullable String errorMessage, byte[] body) {
		this.errorType = errorType;
		this.errorMessage = errorMessage;
		this.body = body;
	}

	/**
	 * Create an error that Lambda reports itself (not one a runtime posted).
	 * @param errorType the error's type
	 * @param errorMessage the error's message
	 * @return the error, with Lambda's document as its body
	 */
	public static LambdaError of(String errorType, String errorMessage) {
		ObjectNode document = JSON.createObjectNode();
		document.put("errorMessage", errorMessage);
		document.put("errorType", errorType);
		return new LambdaError(errorType, errorMessage, JSON.writeValueAsBytes(document));
	}

	/**
	 * Read an error a runtime posted. The body is kept as posted, since Lambda returns it
	 * to the caller unchanged; type and message are read from it when it is a JSON
	 * document.
	 * @param body the posted body
	 * @param errorTypeHeader the {@code Lambda-Runtime-Function-Error-Type} header, or
	 * {@code null}
	 * @return the error
	 */
	public static LambdaError posted(byte[] body, @Nullable String errorTypeHeader) {
		String errorType = null;
		String errorMessage = null;
		try {
			JsonNode document = JSON.readTree(body);
			if (document != null && document.isObject()) {
				errorType = text(document.get("errorType"));
				errorMessage = text(document.get("errorMessage"));
			}
		}
		catch (JacksonException ex) {
			// Not JSON: Lambda passes such a body through; only the header can name the
			// type.
		}
		if (errorType == null) {
			errorType = (errorTypeHeader != null && !errorTypeHeader.isBlank()) ? errorTypeHeader : UNKNOWN_ERROR_TYPE;
		}
		return new LambdaError(errorType, errorMessage, body.clone());
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : null;
	}

	/**
	 * Return the error's type.
	 * @return the error type, never {@code null}
	 */
	public String errorType() {
		return this.errorType;
	}

	/**
	 * Return the error's message.
	 * @return the message, or {@code null} when the document has none
	 */
	public @Nullable String errorMessage() {
		return this.errorMessage;
	}

	/**
	 * Return the error document as posted (or as Lambda writes it).
	 * @return the document's bytes
	 */
	public byte[] body() {
		return this.body.clone();
	}

	@Override
	public String toString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
