package dev.serverlessspring.test.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.config.FunctionUrl;
import dev.serverlessspring.test.local.LocalFunction;
import dev.serverlessspring.test.server.LoopbackHttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Function URL of one local function ({@code url:} in {@code serverless.yml}), on a
 * port of its own as a Function URL is an origin of its own: every path and method
 * reaches the function as a payload 2.0 event of a {@code lambda-url} domain.
 * <p>
 * With {@code invokeMode: RESPONSE_STREAM} the response is sent chunked, each chunk as
 * the function streams it: the prelude of an
 * {@code application/vnd.awslambda.http-integration-response} (status, headers, cookies)
 * gives the status line, the bytes after its eight NULs the body. A function that fails
 * before its first byte answers 502, as on Lambda; one that fails midway ends the
 * response where it failed. A {@code BUFFERED} URL answers with the whole proxy response.
 */
public final class FunctionUrlServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String HTTP_INTEGRATION_RESPONSE = "application/vnd.awslambda.http-integration-response";

	private static final int MAX_PRELUDE_BYTES = 16384;

	private final LocalFunction function;

	private final String urlId;

	private final HttpServer server;

	private final ExecutorService executor;

	/**
	 * Serve a function's URL.
	 * @param function the function, with a {@code url}
	 * @throws IOException if no port can be bound
	 */
	public FunctionUrlServer(LocalFunction function) throws IOException {
		this.function = function;
		this.urlId = function.config().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		this.executor = Executors.newCachedThreadPool(LoopbackHttpServer.daemonThreads("function-url-" + this.urlId));
		this.server = LoopbackHttpServer.bind(0, "the Function URL of " + function.config().name());
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				try {
					handle(exchange);
				}
				catch (RuntimeException ex) {
					System.err
						.println("Function URL of " + function.config().name() + ": " + exchange.getRequestMethod()
								+ " " + exchange.getRequestURI().getPath() + " failed: " + ex);
					if (exchange.getResponseCode() < 0) {
						ApiGatewayFront.message(exchange, 500, "Internal Server Error");
					}
				}
			}
		});
		this.server.start();
	}

	/**
	 * Return the URL, {@code http://127.0.0.1:<port>/}.
	 * @return the URL
	 */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");
	}

	private void handle(HttpExchange exchange) throws IOException {
		ApiGatewayEvents.Request request = new ApiGatewayEvents.Request(exchange.getRequestMethod(),
				exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
				new LinkedHashMap<>(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes(),
				exchange.getRemoteAddress().getAddress().getHostAddress());
		byte[] event = ApiGatewayEvents.functionUrlEvent(request, this.urlId, this.function.config().region());
		var invocation = this.function.invocation(event).build();
		FunctionUrl url = this.function.config().url();
		if (url == null || !url.isStreaming()) {
			ApiGatewayFront.httpApiResponse(exchange, this.function.invoke(invocation));
			return;
		}
		StreamedResponse streamed = new StreamedResponse(exchange);
		InvocationResult result = this.function.invoke(invocation, streamed::open);
		if (streamed.isOpen()) {
			// Ended, or cut where the function failed.
			streamed.finish();
		}
		else if (result.isFunctionError()) {
			// As Lambda: the caller learns nothing; the developer reads why here.
			System.err.println("Function URL of " + this.function.config().name() + ": the invocation failed: "
					+ result.errorType() + ": " + result.errorMessage());
			ApiGatewayFront.message(exchange, 502, "Internal Server Error");
		}
		else {
			ApiGatewayFront.httpApiResponse(exchange, result);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * The HTTP response of a streamed invocation: status line from the prelude, then the
	 * body chunk by chunk.
	 */
	private static final class StreamedResponse {

		private final HttpExchange exchange;

		private final ByteArrayOutputStream prelude = new ByteArrayOutputStream();

		private boolean open;

		private boolean awaitingPrelude;

		private @Nullable OutputStream body;

		StreamedResponse(HttpExchange exchange) {
			this.exchange = exchange;
		}

		boolean isOpen() {
			return this.open;
		}

		OutputStream open(String contentType) {
			this.open = true;
			this.awaitingPrelude = contentType.startsWith(HTTP_INTEGRATION_RESPONSE);
			if (!this.awaitingPrelude) {
				this.exchange.getResponseHeaders().set("Content-Type", contentType);
			}
			return new OutputStream() {

				@Override
				public void write(int b) throws IOException {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					StreamedResponse.this.write(bytes, offset, length);
				}

				@Override
				public void flush() throws IOException {
					if (StreamedResponse.this.body != null) {
						StreamedResponse.this.body.flush();
					}
				}

			};
		}

		private void write(byte[] bytes, int offset, int length) throws IOException {
			if (!this.awaitingPrelude) {
				start(200).write(bytes, offset, length);
				return;
			}
			this.prelude.write(bytes, offset, length);
			byte[] received = this.prelude.toByteArray();
			int delimiter = delimiter(received);
			if (delimiter < 0) {
				if (received.length > MAX_PRELUDE_BYTES) {
					throw new IOException(
							"The function's response has no prelude delimiter within " + MAX_PRELUDE_BYTES + " bytes");
				}
				return;
			}
			this.awaitingPrelude = false;
			JsonNode prelude;
			try {
				prelude = JSON.readTree(new String(received, 0, delimiter, StandardCharsets.UTF_8));
			}
			catch (JacksonException ex) {
				throw new IOException("The function's response prelude is not JSON: " + ex.getOriginalMessage());
			}
			ApiGatewayFront.proxyHeaders(this.exchange.getResponseHeaders(), prelude);
			OutputStream out = start(prelude.path("statusCode").asInt(200));
			out.write(received, delimiter + 8, received.length - delimiter - 8);
		}

		private OutputStream start(int status) throws IOException {
			OutputStream body = this.body;
			if (body == null) {
				this.exchange.sendResponseHeaders(status, 0);
				body = this.exchange.getResponseBody();
				this.body = body;
			}
			return body;
		}

		void finish() throws IOException {
			// A stream that ended within its prelude has sent nothing yet: start() sends
			// a 200 first.
			start(200).close();
		}

		private static int delimiter(byte[] bytes) {
			int nuls = 0;
			for (int i = 0; i < bytes.length; i++) {
				nuls = (bytes[i] == 0) ? nuls + 1 : 0;
				if (nuls == 8) {
					return i - 7;
				}
			}
			return -1;
		}

	}

}
