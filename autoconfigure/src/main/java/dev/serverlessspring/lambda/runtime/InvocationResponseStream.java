package dev.serverlessspring.lambda.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A streamed {@code POST invocation/{id}/response}: an HTTP/1.1 request with
 * {@code Lambda-Runtime-Function-Response-Mode: streaming} and a chunked body, written on
 * a socket of its own. The JDK's HTTP clients cannot send request trailers, and Lambda
 * takes the error of a stream that fails after its first byte in two:
 * {@code Lambda-Runtime-Function-Error-Type} and
 * {@code Lambda-Runtime-Function-Error-Body} (the error document, base64).
 * <p>
 * Nothing is sent before the first byte: a function that fails before it leaves the
 * request unsent, and the invocation's error is posted as any other. Each
 * {@link #flush()} sends what was written as one chunk; writes block while the Runtime
 * API (and so the caller) does not take the bytes, which keeps the runtime's memory flat
 * however long the stream.
 */
final class InvocationResponseStream extends OutputStream {

	static final String RESPONSE_MODE = "Lambda-Runtime-Function-Response-Mode";

	static final String ERROR_BODY = "Lambda-Runtime-Function-Error-Body";

	private static final byte[] CRLF = { '\r', '\n' };

	private static final int CHUNK_BYTES = 8192;

	private final String host;

	private final int port;

	private final String path;

	private String contentType = "application/octet-stream";

	private final byte[] chunk = new byte[CHUNK_BYTES];

	private int buffered;

	private @Nullable Socket socket;

	private @Nullable OutputStream out;

	private boolean broken;

	private boolean finished;

	private boolean headSent;

	InvocationResponseStream(String runtimeApi, String requestId) {
		int colon = runtimeApi.lastIndexOf(':');
		this.host = runtimeApi.substring(0, colon);
		this.port = Integer.parseInt(runtimeApi.substring(colon + 1));
		this.path = LambdaRuntimeApiClient.BASE_PATH + "invocation/" + requestId + "/response";
	}

	/**
	 * Set the stream's {@code Content-Type}, before its first byte.
	 * @param contentType the content type
	 */
	void contentType(String contentType) {
		this.contentType = contentType;
	}

	/**
	 * Open the connection ahead of the first byte, while the function works: the first
	 * byte then leaves without waiting for a connection. Nothing is sent; a connection
	 * that is never used is closed without a request.
	 */
	void connect() {
		if (this.socket == null) {
			try {
				openSocket();
			}
			catch (IOException ex) {
				// The first write connects again, and reports what fails then.
				close();
				this.socket = null;
				this.broken = false;
			}
		}
	}

	/**
	 * Whether any byte was sent, after which an error can only be reported in trailers.
	 * @return {@code true} once the request started
	 */
	boolean isStarted() {
		return this.headSent;
	}

	/**
	 * Whether the connection failed: the Runtime API went away or cut the stream (its
	 * caller left); nothing more can be sent.
	 * @return {@code true} after a failed write or read
	 */
	boolean isBroken() {
		return this.broken;
	}

	@Override
	public void write(int b) throws IOException {
		if (this.buffered == CHUNK_BYTES) {
			sendChunk();
		}
		this.chunk[this.buffered++] = (byte) b;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		while (length > 0) {
			if (this.buffered == CHUNK_BYTES) {
				sendChunk();
			}
			int n = Math.min(length, CHUNK_BYTES - this.buffered);
			System.arraycopy(bytes, offset, this.chunk, this.buffered, n);
			this.buffered += n;
			offset += n;
			length -= n;
		}
	}

	@Override
	public void flush() throws IOException {
		if (this.buffered > 0) {
			sendChunk();
		}
		if (this.out != null) {
			guarded(this.out::flush);
		}
	}

	/**
	 * End the stream and wait for the Runtime API's answer.
	 * @throws IOException if the connection to the Runtime API fails
	 * @throws LambdaRuntimeApiException if the Runtime API answers with an error (413
	 * over 6 MB when the caller does not stream)
	 */
	void finish() throws IOException {
		finish(null, null);
	}

	/**
	 * End the stream with the error it failed with, in the trailers.
	 * @param error the error
	 * @throws IOException if the connection to the Runtime API fails
	 * @throws LambdaRuntimeApiException if the Runtime API answers with an error
	 */
	void finishWithError(ErrorRequest error) throws IOException {
		finish(error.runtimeErrorType(), Base64.getEncoder().encodeToString(error.toJson()));
	}

	private void finish(@Nullable String errorType, @Nullable String errorBody) throws IOException {
		if (this.buffered > 0) {
			sendChunk();
		}
		start();
		StringBuilder last = new StringBuilder("0\r\n");
		if (errorType != null) {
			last.append(LambdaRuntimeApiClient.ERROR_TYPE).append(": ").append(errorType).append("\r\n");
			last.append(ERROR_BODY).append(": ").append(errorBody).append("\r\n");
		}
		last.append("\r\n");
		this.finished = true;
		guarded(() -> {
			OutputStream out = out();
			out.write(last.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			readAnswer();
		});
	}

	private void sendChunk() throws IOException {
		start();
		int length = this.buffered;
		this.buffered = 0;
		guarded(() -> {
			OutputStream out = out();
			out.write(Integer.toHexString(length).getBytes(StandardCharsets.ISO_8859_1));
			out.write(CRLF);
			out.write(this.chunk, 0, length);
			out.write(CRLF);
		});
	}

	private void openSocket() throws IOException {
		Socket socket = new Socket();
		this.socket = socket;
		guarded(() -> {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(this.host, this.port));
			this.out = new BufferedOutputStream(socket.getOutputStream(), CHUNK_BYTES + 64);
		});
	}

	// start() opened both; a failed connect leaves them unusable, and broken set.
	private OutputStream out() throws IOException {
		OutputStream out = this.out;
		if (out == null) {
			throw new IOException("The response stream to the Runtime API is not connected");
		}
		return out;
	}

	// The head goes out with the first chunk, in one write.
	private void start() throws IOException {
		if (this.broken) {
			throw new IOException("The response stream to the Runtime API is broken");
		}
		if (this.headSent) {
			return;
		}
		if (this.socket == null) {
			openSocket();
		}
		this.headSent = true;
		guarded(() -> {
			String head = "POST " + this.path + " HTTP/1.1\r\n" + "Host: " + this.host + ":" + this.port + "\r\n"
					+ "Content-Type: " + this.contentType + "\r\n" + RESPONSE_MODE + ": streaming\r\n"
					+ "Transfer-Encoding: chunked\r\n" + "Trailer: " + LambdaRuntimeApiClient.ERROR_TYPE + ", "
					+ ERROR_BODY + "\r\n" + "Connection: close\r\n\r\n";
			out().write(head.getBytes(StandardCharsets.ISO_8859_1));
		});
	}

	private void readAnswer() throws IOException {
		Socket socket = this.socket;
		if (socket == null) {
			throw new IOException("The response stream to the Runtime API is not connected");
		}
		InputStream in = new BufferedInputStream(socket.getInputStream());
		String statusLine = line(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("The Runtime API answered the streamed response with '" + statusLine + "'");
		}
		int status = Integer.parseInt(parts[1]);
		long contentLength = -1;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				contentLength = Long.parseLong(header.substring(header.indexOf(':') + 1).strip());
			}
		}
		byte[] body = (contentLength >= 0) ? in.readNBytes((int) Math.min(contentLength, 65536)) : new byte[0];
		if (status / 100 != 2) {
			throw new LambdaRuntimeApiException("POST", this.path, status, body);
		}
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("The Runtime API closed the connection before it answered the streamed response");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private void guarded(IoAction action) throws IOException {
		try {
			action.run();
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Nothing more to send on it.
			}
		}
	}

	/**
	 * Whether the stream was ended, successfully or with an error.
	 * @return {@code true} after {@link #finish()} or {@link #finishWithError}
	 */
	boolean isFinished() {
		return this.finished;
	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws IOException;

	}

}
