package dev.serverlessspring.lambda.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error document a runtime posts to the Runtime API, in the shape the AWS runtime
 * interface client posts it: {@code errorMessage}, {@code errorType} (the exception's
 * class) and, for invocation errors, {@code stackTrace}; plus the
 * {@code Lambda-Runtime-Function-Error-Type} header value.
 *
 * @param errorMessage the exception's message, or its class name when it has none
 * @param errorType the exception's class name
 * @param stackTrace the stack frames, or {@code null} to leave them out
 * @param runtimeErrorType the {@code Lambda-Runtime-Function-Error-Type} header
 */
public record ErrorRequest(String errorMessage, String errorType, @Nullable List<String> stackTrace,
		String runtimeErrorType) {

	/** The header value of an error the function threw. */
	public static final String USER_EXCEPTION = "Runtime.UserException";

	/** The header value of an init error: the application did not start. */
	public static final String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";

	/**
	 * The error type of an invocation whose response the Runtime API refused (413 over 6
	 * MB, 400 for an unknown request id).
	 */
	public static final String RESPONSE_REFUSED = "Runtime.ResponseRefused";

	/**
	 * The error of an invocation whose function threw.
	 * @param error what the function threw
	 * @return the error document, with the stack trace
	 */
	public static ErrorRequest invocationError(Throwable error) {
		List<String> stackTrace = Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString).toList();
		return new ErrorRequest(message(error), error.getClass().getName(), stackTrace, USER_EXCEPTION);
	}

	/**
	 * The error of an invocation whose response the Runtime API refused: the function
	 * succeeded, so there is no stack trace to show, only what the API answered.
	 * @param refusal what the Runtime API answered
	 * @return the error document
	 */
	public static ErrorRequest responseRefused(LambdaRuntimeApiException refusal) {
		return new ErrorRequest(Objects.requireNonNullElse(refusal.getMessage(), RESPONSE_REFUSED), RESPONSE_REFUSED,
				null, RESPONSE_REFUSED);
	}

	/**
	 * The error of an init that failed; as the runtime interface client, without a stack
	 * trace (it goes to the log).
	 * @param error why the application did not start
	 * @return the error document
	 */
	public static ErrorRequest initError(Throwable error) {
		return new ErrorRequest(message(error), error.getClass().getName(), null, BAD_FUNCTION_CODE);
	}

	/**
	 * Return the document's JSON.
	 * @return the JSON bytes
	 */
	public byte[] toJson() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("errorMessage", this.errorMessage);
		document.put("errorType", this.errorType);
		if (this.stackTrace != null) {
			document.put("stackTrace", this.stackTrace);
		}
		return JsonMapper.shared().writeValueAsBytes(document);
	}

	private static String message(Throwable error) {
		String message = error.getLocalizedMessage();
		return (message != null) ? message : error.getClass().getName();
	}

}
