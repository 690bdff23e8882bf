package dev.serverlessspring.test.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 server on {@code 127.0.0.1} that answers one request per connection
 * ({@code Connection: close}) and reads chunked request bodies with their trailers, which
 * the JDK's {@code HttpServer} refuses ("invalid chunk end"): Lambda's Runtime API takes
 * the error of a streamed response in trailers. Handlers are the JDK's
 * {@link HttpHandler}s; the trailers of a request are in {@link Exchange#trailers()} once
 * its body was read to the end.
 */
public final class OneRequestHttpServer implements AutoCloseable {

	private static final int MAX_HEAD_BYTES = 65536;

	private final ServerSocket serverSocket;

	private final ExecutorService executor;

	private final HttpHandler handler;

	private final Thread acceptor;

	private volatile boolean closed;

	/**
	 * Bind the server; it serves once {@link #start() started}.
	 * @param port the port, {@code 0} for a free one
	 * @param service what the server serves, for the error message
	 * @param executor runs each connection
	 * @param handler handles each request
	 * @throws IOException if the port cannot be bound
	 */
	public OneRequestHttpServer(int port, String service, ExecutorService executor, HttpHandler handler)
			throws IOException {
		try {
			this.serverSocket = new ServerSocket(port, 256, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IOException("Could not serve " + service + " on 127.0.0.1:" + port + ": " + ex.getMessage(), ex);
		}
		this.executor = executor;
		this.handler = handler;
		this.acceptor = LoopbackHttpServer.daemonThreads(service.replace(' ', '-') + "-acceptor")
			.newThread(this::accept);
	}

	/**
	 * Start accepting connections.
	 */
	public void start() {
		this.acceptor.start();
	}

	/**
	 * Return the bound address.
	 * @return the address
	 */
	public InetSocketAddress getAddress() {
		return (InetSocketAddress) this.serverSocket.getLocalSocketAddress();
	}

	private void accept() {
		while (!this.closed) {
			Socket socket;
			try {
				socket = this.serverSocket.accept();
			}
			catch (IOException ex) {
				return;
			}
			try {
				this.executor.execute(() -> serve(socket));
			}
			catch (RejectedExecutionException ex) {
				closeQuietly(socket);
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setTcpNoDelay(true);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = new BufferedOutputStream(socket.getOutputStream());
			String requestLine = line(in);
			String[] parts = requestLine.split(" ");
			if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
				return;
			}
			Headers headers = readHeaders(in);
			if ("100-continue".equalsIgnoreCase(headers.getFirst("Expect"))) {
				out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			Exchange exchange = new Exchange(socket, parts[0], URI.create(parts[1]), headers, in, out);
			this.handler.handle(exchange);
			exchange.close();
		}
		catch (IOException | RuntimeException ex) {
			// The client went away, or sent no HTTP: the connection is closed.
		}
	}

	static Headers readHeaders(InputStream in) throws IOException {
		Headers headers = new Headers();
		int total = 0;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			total += header.length();
			if (total > MAX_HEAD_BYTES) {
				throw new IOException("Request head too large");
			}
			int colon = header.indexOf(':');
			if (colon > 0) {
				headers.add(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
			}
		}
		return headers;
	}

	static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("Connection closed within a line");
			}
			if (b != '\r') {
				line.write(b);
			}
			if (line.size() > MAX_HEAD_BYTES) {
				throw new IOException("Line too long");
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * Stop accepting; connections in progress end as their handlers return.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** One request and its response, on a connection of its own. */
	public static final class Exchange extends HttpExchange {

		private final Socket socket;

		private final String method;

		private final URI uri;

		private final Headers requestHeaders;

		private final Headers responseHeaders = new Headers();

		private final OutputStream out;

		private final Headers trailers = new Headers();

		private InputStream body;

		private @Nullable OutputStream responseBody;

		private int responseCode = -1;

		Exchange(Socket socket, String method, URI uri, Headers requestHeaders, InputStream in, OutputStream out) {
			this.socket = socket;
			this.method = method;
			this.uri = uri;
			this.requestHeaders = requestHeaders;
			this.out = out;
			String transferEncoding = requestHeaders.getFirst("Transfer-Encoding");
			String contentLength = requestHeaders.getFirst("Content-Length");
			if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
				this.body = new ChunkedBody(in, this.trailers);
			}
			else if (contentLength != null) {
				this.body = new LimitedBody(in, Long.parseLong(contentLength.strip()));
			}
			else {
				this.body = InputStream.nullInputStream();
			}
		}

		/**
		 * Return the request's trailers: filled once its chunked body was read to the
		 * end.
		 * @return the trailers, empty without any
		 */
		public Headers trailers() {
			return this.trailers;
		}

		@Override
		public Headers getRequestHeaders() {
			return this.requestHeaders;
		}

		@Override
		public Headers getResponseHeaders() {
			return this.responseHeaders;
		}

		@Override
		public URI getRequestURI() {
			return this.uri;
		}

		@Override
		public String getRequestMethod() {
			return this.method;
		}

		@Override
		public @Nullable HttpContext getHttpContext() {
			return null;
		}

		@Override
		public void close() {
			try {
				if (this.responseCode < 0) {
					sendResponseHeaders(500, -1);
				}
				if (this.responseBody != null) {
					this.responseBody.flush();
				}
				this.out.flush();
			}
			catch (IOException ex) {
				// the client went away
			}
			finally {
				closeQuietly(this.socket);
			}
		}

		@Override
		public InputStream getRequestBody() {
			return this.body;
		}

		@Override
		public OutputStream getResponseBody() {
			if (this.responseBody == null) {
				this.responseBody = this.out;
			}
			return this.responseBody;
		}

		@Override
		public void sendResponseHeaders(int code, long length) throws IOException {
			if (this.responseCode >= 0) {
				throw new IOException("Headers already sent");
			}
			this.responseCode = code;
			StringBuilder head = new StringBuilder("HTTP/1.1 ").append(code)
				.append(' ')
				.append(reason(code))
				.append("\r\n");
			this.responseHeaders.set("Connection", "close");
			this.responseHeaders.set("Content-Length", Long.toString(Math.max(length, 0)));
			this.responseHeaders.forEach((name, values) -> values
				.forEach((value) -> head.append(name).append(": ").append(value).append("\r\n")));
			head.append("\r\n");
			this.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (length < 0) {
				this.out.flush();
			}
		}

		private static String reason(int code) {
			return switch (code) {
				case 200 -> "OK";
				case 202 -> "Accepted";
				case 400 -> "Bad Request";
				case 403 -> "Forbidden";
				case 404 -> "Not Found";
				case 413 -> "Request Entity Too Large";
				case 500 -> "Internal Server Error";
				default -> "Status";
			};
		}

		@Override
		public InetSocketAddress getRemoteAddress() {
			return (InetSocketAddress) this.socket.getRemoteSocketAddress();
		}

		@Override
		public int getResponseCode() {
			return this.responseCode;
		}

		@Override
		public InetSocketAddress getLocalAddress() {
			return (InetSocketAddress) this.socket.getLocalSocketAddress();
		}

		@Override
		public String getProtocol() {
			return "HTTP/1.1";
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			return null;
		}

		@Override
		public void setAttribute(String name, @Nullable Object value) {
		}

		@Override
		public void setStreams(@Nullable InputStream in, @Nullable OutputStream out) {
			if (in != null) {
				this.body = in;
			}
			if (out != null) {
				this.responseBody = out;
			}
		}

		@Override
		public @Nullable HttpPrincipal getPrincipal() {
			return null;
		}

		/**
		 * Whether the connection is still open: a caller that stopped reading a streamed
		 * response closes it.
		 * @return {@code true} while open
		 */
		boolean isOpen() {
			return !this.socket.isClosed();
		}

	}

	/** A body of a known length. */
	private static final class LimitedBody extends InputStream {

		private final InputStream in;

		private long remaining;

		LimitedBody(InputStream in, long length) {
			this.in = in;
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b >= 0) {
				this.remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int n = this.in.read(bytes, offset, (int) Math.min(length, this.remaining));
			if (n > 0) {
				this.remaining -= n;
			}
			return n;
		}

	}

	/** A chunked body (RFC 9112, section 7.1), its trailers kept. */
	private static final class ChunkedBody extends InputStream {

		private final InputStream in;

		private final Headers trailers;

		private long remaining;

		private boolean eof;

		ChunkedBody(InputStream in, Headers trailers) {
			this.in = in;
			this.trailers = trailers;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (this.eof) {
				return -1;
			}
			if (this.remaining == 0) {
				String size = line(this.in);
				int extension = size.indexOf(';');
				try {
					this.remaining = Long.parseLong(((extension >= 0) ? size.substring(0, extension) : size).strip(),
							16);
				}
				catch (NumberFormatException ex) {
					throw new IOException("Invalid chunk size '" + size + "'");
				}
				if (this.remaining == 0) {
					this.eof = true;
					readHeaders(this.in).forEach(this.trailers::put);
					return -1;
				}
			}
			int n = this.in.read(bytes, offset, (int) Math.min(length, this.remaining));
			if (n < 0) {
				throw new IOException("Connection closed within a chunk");
			}
			this.remaining -= n;
			if (this.remaining == 0 && !line(this.in).isEmpty()) {
				throw new IOException("Invalid chunk end");
			}
			return n;
		}

		@Override
		public int available() throws IOException {
			return (this.eof) ? 0 : (int) Math.min(this.in.available(), this.remaining);
		}

	}

}
