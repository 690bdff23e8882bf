package dev.serverlessspring.lambda.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call to the Lambda Runtime API that did not succeed: the API answered with a status
 * other than 2xx, or could not be reached. It names the call ({@code POST} and the path,
 * such as {@code /2018-06-01/runtime/invocation/{id}/response}), the status and the error
 * the API gave ({@code errorType} and {@code errorMessage} of its JSON body), so that the
 * runtime's loop can tell the two cases apart, as the AWS runtime interface client does:
 * <ul>
 * <li>the API {@link #isRefused() refused} one call (4xx: a response over 6 MB, an
 * unknown or expired request id): that invocation fails and the loop goes on;</li>
 * <li>the API failed (5xx, {@code Runtime.*} "container error") or is gone: the runtime
 * ends, and Lambda starts a new execution environment.</li>
 * </ul>
 */
public class LambdaRuntimeApiException extends RuntimeException {

	/** The status of a call that got no answer: the Runtime API could not be reached. */
	public static final int UNREACHABLE = -1;

	private final String method;

	private final String path;

	private final int status;

	private final @Nullable String errorType;

	private final @Nullable String errorMessage;

	/**
	 * Create an exception for a call the Runtime API answered with an error.
	 * @param method the HTTP method
	 * @param path the path of the call, from {@code /2018-06-01/}
	 * @param status the HTTP status
	 * @param body the API's answer, possibly a JSON error document
	 */
	LambdaRuntimeApiException(String method, String path, int status, byte[] body) {
		this(method, path, status, ErrorDocument.parse(body), null);
	}

	/**
	 * Create an exception for a call that got no answer.
	 * @param method the HTTP method
	 * @param path the path of the call, from {@code /2018-06-01/}
	 * @param cause why the Runtime API could not be reached
	 */
	LambdaRuntimeApiException(String method, String path, IOException cause) {
		this(method, path, UNREACHABLE, new ErrorDocument(null, String.valueOf(cause.getMessage())), cause);
	}

	private LambdaRuntimeApiException(String method, String path, int status, ErrorDocument error,
			@Nullable IOException cause) {
		super(message(method, path, status, error), cause);
		this.method = method;
		this.path = path;
		this.status = status;
		this.errorType = error.errorType();
		this.errorMessage = error.errorMessage();
	}

	private static String message(String method, String path, int status, ErrorDocument error) {
		StringBuilder message = new StringBuilder("Failed to ").append(method).append(' ').append(path).append(": ");
		if (status == UNREACHABLE) {
			return message.append("could not reach the Runtime API (")
				.append(error.errorMessage())
				.append(')')
				.toString();
		}
		message.append("the Runtime API answered ").append(status);
		if (error.errorType() != null) {
			message.append(' ').append(error.errorType());
		}
		if (error.errorMessage() != null && !error.errorMessage().isBlank()) {
			message.append(": ").append(error.errorMessage());
		}
		return message.toString();
	}

	/**
	 * Return the HTTP method of the call.
	 * @return {@code GET} or {@code POST}
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * Return the path of the call.
	 * @return the path, such as {@code /2018-06-01/runtime/invocation/next}
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the status the Runtime API answered with.
	 * @return the HTTP status, or {@link #UNREACHABLE} when there was no answer
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the {@code errorType} of the API's error document.
	 * @return the error type, or {@code null} if the answer had none
	 */
	public @Nullable String getErrorType() {
		return this.errorType;
	}

	/**
	 * Return the {@code errorMessage} of the API's error document, or its plain answer.
	 * @return the message, or {@code null} if the answer was empty
	 */
	public @Nullable String getErrorMessage() {
		return this.errorMessage;
	}

	/**
	 * Whether the Runtime API refused this one call (a 4xx status) and is otherwise
	 * healthy: the runtime can report the invocation's error and go on.
	 * @return {@code true} for a 4xx status
	 */
	public boolean isRefused() {
		return this.status >= 400 && this.status < 500;
	}

	// The Runtime API answers errors with {"errorType": "...", "errorMessage": "..."};
	// anything else is the message.
	private record ErrorDocument(@Nullable String errorType, @Nullable String errorMessage) {

		static ErrorDocument parse(byte[] body) {
			String text = new String(body, StandardCharsets.UTF_8).strip();
			if (text.startsWith("{")) {
				try {
					Map<?, ?> document = JsonMapper.shared().readValue(text, Map.class);
					Object type = document.get("errorType");
					Object message = document.get("errorMessage");
					if (type != null || message != null) {
						return new ErrorDocument((type != null) ? type.toString() : null,
								(message != null) ? message.toString() : null);
					}
				}
				catch (JacksonException ex) {
					// Not an error document: the text is the message.
				}
			}
			return new ErrorDocument(null, text.isEmpty() ? null : text);
		}

	}

}
