package dev.serverlessspring.test.config;

/**
 * The Function URL of a function ({@code url:} in {@code serverless.yml}): its own HTTPS
 * endpoint on Lambda, whose requests reach the function as payload 2.0 events.
 *
 * @param invokeMode how the URL answers: {@link InvokeMode#BUFFERED} ({@code url: true})
 * or {@link InvokeMode#RESPONSE_STREAM} ({@code url: {invokeMode: RESPONSE_STREAM}})
 */
public record FunctionUrl(InvokeMode invokeMode) {

	/**
	 * Whether the URL streams the function's response as it comes.
	 * @return {@code true} for {@link InvokeMode#RESPONSE_STREAM}
	 */
	public boolean isStreaming() {
		return this.invokeMode == InvokeMode.RESPONSE_STREAM;
	}

	/** A Function URL's {@code InvokeMode}. */
	public enum InvokeMode {

		/** The whole response at once (at most 6 MB): Lambda's default. */
		BUFFERED,

		/** The response as the function streams it. */
		RESPONSE_STREAM

	}

}
