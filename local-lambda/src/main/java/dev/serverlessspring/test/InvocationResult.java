package dev.serverlessspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one Lambda invocation, as a caller of the Invoke API sees it: the
 * response payload, or the error document with its type and message when the function
 * failed ({@code X-Amz-Function-Error} on Lambda).
 */
public final class InvocationResult {

	private final String requestId;

	private final byte[] payload;

	private final boolean functionError;

	private final @Nullable String errorType;

	private final @Nullable String errorMessage;

	private final Duration duration;

	private final String log;

	private InvocationResult(String requestId, byte[] payload, boolean functionError, @Nullable String errorType,
			@Nullable String errorMessage, Duration duration, String log) {
		this.requestId = requestId;
		this.payload = payload;
		this.functionError = functionError;
		this.errorType = errorType;
		this.errorMessage = errorMessage;
		this.duration = duration;
		this.log = log;
	}

	/**
	 * Create the result of a successful invocation.
	 * @param requestId the invocation's request id
	 * @param payload the response the runtime posted
	 * @param duration the time from handing the event to the runtime to its response
	 * @return the result
	 */
	public static InvocationResult success(String requestId, byte[] payload, Duration duration) {
		return new InvocationResult(requestId, payload.clone(), false, null, null, duration, "");
	}

	/**
	 * Create the result of a failed invocation.
	 * @param requestId the invocation's request id
	 * @param payload the error document returned to the caller
	 * @param errorType the error's type
	 * @param errorMessage the error's message, may be {@code null}
	 * @param duration the time from handing the event to the runtime to the failure
	 * @return the result
	 */
	public static InvocationResult functionError(String requestId, byte[] payload, String errorType,
			@Nullable String errorMessage, Duration duration) {
		return new InvocationResult(requestId, payload.clone(), true, errorType, errorMessage, duration, "");
	}

	/**
	 * Return a copy of this result with the log of its invocation.
	 * @param log the invocation's log
	 * @return the new result
	 */
	public InvocationResult withLog(String log) {
		return new InvocationResult(this.requestId, this.payload, this.functionError, this.errorType, this.errorMessage,
				this.duration, log);
	}

	/**
	 * Return the invocation's request id ({@code Lambda-Runtime-Aws-Request-Id}).
	 * @return the request id
	 */
	public String requestId() {
		return this.requestId;
	}

	/**
	 * Return the response payload, or the error document when {@link #isFunctionError()}.
	 * @return the payload bytes
	 */
	public byte[] payload() {
		return this.payload.clone();
	}

	/**
	 * Return the payload as UTF-8 text.
	 * @return the payload text
	 */
	public String payloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/**
	 * Return whether the invocation failed: the function threw, its init failed, it timed
	 * out, its response was too large, or its runtime exited.
	 * @return {@code true} for a function error
	 */
	public boolean isFunctionError() {
		return this.functionError;
	}

	/**
	 * Return the error's type, for example {@code java.lang.IllegalArgumentException} or
	 * {@code Sandbox.Timedout}.
	 * @return the error type, or {@code null} on success
	 */
	public @Nullable String errorType() {
		return this.errorType;
	}

	/**
	 * Return the error's message.
	 * @return the error message, or {@code null} on success or when the error has none
	 */
	public @Nullable String errorMessage() {
		return this.errorMessage;
	}

	/**
	 * Return the time from handing the event to the runtime until its answer (or the
	 * failure), without the runtime's init.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * Return what the runtime wrote during this invocation, from Lambda's {@code START}
	 * line to its {@code REPORT} line: the log that Lambda's {@code LogType: Tail}
	 * returns the last 4 KB of.
	 * @return the invocation's log, empty when it was not recorded
	 */
	public String log() {
		return this.log;
	}

	@Override
	public String toString() {
		return this.functionError
				? "InvocationResult[" + this.requestId + " failed: " + this.errorType + ": " + this.errorMessage + "]"
				: "InvocationResult[" + this.requestId + " succeeded, " + this.payload.length + " bytes]";
	}

}
