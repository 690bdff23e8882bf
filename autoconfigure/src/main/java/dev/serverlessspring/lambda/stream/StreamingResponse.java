package dev.serverlessspring.lambda.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A response that a function produces piece by piece, ready to be sent: the
 * {@code Content-Type} the runtime declares, an optional prelude (the HTTP status and
 * headers of a Function URL or API Gateway response), and the body.
 * <p>
 * The custom runtime streams it
 * ({@code Lambda-Runtime-Function-Response-Mode: streaming}); the managed runtimes
 * cannot, and {@link #buffer() buffer} it into the response a non-streaming function
 * would have returned.
 */
public final class StreamingResponse {

	/** The content type of an HTTP response streamed to a Function URL or API Gateway. */
	public static final String HTTP_INTEGRATION_RESPONSE = "application/vnd.awslambda.http-integration-response";

	/**
	 * The largest response Lambda accepts from a function that does not stream, in bytes.
	 */
	public static final int MAX_BUFFERED_BYTES = 6_291_556;

	private final String contentType;

	private final byte @Nullable [] prelude;

	private final StreamingBody body;

	private final UnaryOperator<byte[]> buffered;

	/**
	 * Create a response.
	 * @param contentType the {@code Content-Type} of the stream
	 * @param prelude bytes sent before the body's first byte
	 * @param body writes the body
	 * @param buffered turns the whole body into the response of a non-streaming
	 * invocation
	 */
	public StreamingResponse(String contentType, byte @Nullable [] prelude, StreamingBody body,
			UnaryOperator<byte[]> buffered) {
		this.contentType = contentType;
		this.prelude = prelude;
		this.body = body;
		this.buffered = buffered;
	}

	/**
	 * Return the {@code Content-Type} the runtime sends the stream with.
	 * @return the content type
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Return this response with its body wrapped, for example to run it in a context.
	 * @param wrapper wraps the body
	 * @return the new response
	 */
	public StreamingResponse withBody(UnaryOperator<StreamingBody> wrapper) {
		return new StreamingResponse(this.contentType, this.prelude, wrapper.apply(this.body), this.buffered);
	}

	/**
	 * Write the prelude, then the body. The prelude goes out with the body's first byte
	 * (or at the end of an empty body), so that a body that fails before it writes
	 * anything sends nothing and the invocation fails as any other.
	 * @param out where to write
	 * @throws IOException if writing fails
	 */
	public void writeTo(OutputStream out) throws IOException {
		if (this.prelude == null) {
			this.body.writeTo(out);
			return;
		}
		PreludeFirst withPrelude = new PreludeFirst(out, this.prelude);
		this.body.writeTo(withPrelude);
		withPrelude.writePrelude();
	}

	/**
	 * Write the whole body into memory and return the response a non-streaming function
	 * would have returned (for an HTTP event: the proxy response with the body).
	 * @return the response bytes
	 * @throws ResponseTooLargeException beyond {@value #MAX_BUFFERED_BYTES} bytes
	 */
	public byte[] buffer() {
		LimitedBuffer out = new LimitedBuffer();
		try {
			this.body.writeTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.buffered.apply(out.toByteArray());
	}

	/** A streamed body that outgrew what a buffered response may hold. */
	public static final class ResponseTooLargeException extends IllegalStateException {

		ResponseTooLargeException() {
			super("The streamed response exceeds " + MAX_BUFFERED_BYTES
					+ " bytes, the limit of a response that is not streamed: stream it with the custom runtime "
					+ "(provided.al2023) and a Function URL with invokeMode RESPONSE_STREAM, or InvokeWithResponseStream");
		}

	}

	private static final class LimitedBuffer extends ByteArrayOutputStream {

		@Override
		public synchronized void write(int b) {
			check(1);
			super.write(b);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
			check(len);
			super.write(b, off, len);
		}

		private void check(int more) {
			if ((long) size() + more > MAX_BUFFERED_BYTES) {
				throw new ResponseTooLargeException();
			}
		}

	}

	private static final class PreludeFirst extends OutputStream {

		private final OutputStream out;

		private byte @Nullable [] prelude;

		PreludeFirst(OutputStream out, byte @Nullable [] prelude) {
			this.out = out;
			this.prelude = prelude;
		}

		void writePrelude() throws IOException {
			if (this.prelude != null) {
				byte[] bytes = this.prelude;
				this.prelude = null;
				this.out.write(bytes);
				this.out.flush();
			}
		}

		@Override
		public void write(int b) throws IOException {
			writePrelude();
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (len > 0) {
				writePrelude();
				this.out.write(b, off, len);
			}
		}

		@Override
		public void flush() throws IOException {
			if (this.prelude == null) {
				this.out.flush();
			}
		}

	}

}
