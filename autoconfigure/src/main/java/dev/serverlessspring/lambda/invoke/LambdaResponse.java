package dev.serverlessspring.lambda.invoke;

import dev.serverlessspring.lambda.stream.StreamingResponse;
import org.jspecify.annotations.Nullable;

/**
 * What an invocation answers: the bytes of an ordinary response, or a
 * {@link StreamingResponse} that the custom runtime streams and the managed runtimes
 * buffer.
 */
public final class LambdaResponse {

	private final byte @Nullable [] payload;

	private final @Nullable StreamingResponse stream;

	private LambdaResponse(byte @Nullable [] payload, @Nullable StreamingResponse stream) {
		this.payload = payload;
		this.stream = stream;
	}

	/**
	 * An ordinary response.
	 * @param payload the bytes, or {@code null} for none
	 * @return the response
	 */
	public static LambdaResponse of(byte @Nullable [] payload) {
		return new LambdaResponse(payload, null);
	}

	/**
	 * A streaming response.
	 * @param stream the stream
	 * @return the response
	 */
	public static LambdaResponse streaming(StreamingResponse stream) {
		return new LambdaResponse(null, stream);
	}

	/**
	 * Whether the response streams.
	 * @return {@code true} for a {@link #stream()}
	 */
	public boolean isStreaming() {
		return this.stream != null;
	}

	/**
	 * Return the stream.
	 * @return the stream, or {@code null} for an ordinary response
	 */
	public @Nullable StreamingResponse stream() {
		return this.stream;
	}

	/**
	 * Return the response's bytes; a stream is written into memory first (at most 6 MB,
	 * as a response that is not streamed).
	 * @return the bytes, or {@code null} for none
	 * @throws StreamingResponse.ResponseTooLargeException if a stream outgrows 6 MB
	 */
	public byte @Nullable [] payload() {
		return (this.stream != null) ? this.stream.buffer() : this.payload;
	}

}
