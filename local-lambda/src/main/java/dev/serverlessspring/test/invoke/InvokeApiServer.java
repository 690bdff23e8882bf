package dev.serverlessspring.test.invoke;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.local.LocalFunction;
import dev.serverlessspring.test.runtime.InvocationRequest;
import dev.serverlessspring.test.server.LoopbackHttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on
 * {@code 127.0.0.1}, for the AWS SDK's {@code LambdaClient} (with
 * {@code endpointOverride}) and for clients of the Runtime Interface Emulator:
 * <ul>
 * <li>{@code X-Amz-Invocation-Type}: {@code RequestResponse} (default), {@code Event}
 * (202, run in the background), {@code DryRun} (204);</li>
 * <li>a function error answers 200 with {@code X-Amz-Function-Error: Unhandled} and the
 * error document;</li>
 * <li>{@code X-Amz-Log-Type: Tail} returns the last 4 KB of the invocation's log, base64,
 * in {@code X-Amz-Log-Result};</li>
 * <li>{@code X-Amz-Client-Context} (base64 JSON) reaches the runtime's client
 * context;</li>
 * <li>an unknown function answers 404 {@code ResourceNotFoundException}, an oversized
 * event 413 {@code RequestTooLargeException}, in AWS's error shape.</li>
 * </ul>
 * and {@code InvokeWithResponseStream} ({@code POST
 * /2021-11-15/functions/{name}/response-streaming-invocations}, for
 * {@code LambdaAsyncClient.invokeWithResponseStream}): the function's response in
 * {@code PayloadChunk} events as it streams, then {@code InvokeComplete} (see
 * {@link EventStreamResponse}).
 */
public final class InvokeApiServer implements AutoCloseable {

	private static final String PREFIX = "/2015-03-31/functions/";

	private static final String SUFFIX = "/invocations";

	private static final String STREAMING_PREFIX = "/2021-11-15/functions/";

	private static final String STREAMING_SUFFIX = "/response-streaming-invocations";

	// Lambda's request limits: 6 MB for a synchronous invocation, 1 MB for an
	// asynchronous one.
	private static final int MAX_SYNC_EVENT_BYTES = 6_291_456;

	private static final int MAX_ASYNC_EVENT_BYTES = 1_048_576;

	private static final int MAX_LOG_BYTES = 4096;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors
		.newCachedThreadPool(LoopbackHttpServer.daemonThreads("invoke-api"));

	private final Function<String, Optional<LocalFunction>> functions;

	/**
	 * Start serving the Invoke API.
	 * @param port the port on {@code 127.0.0.1}, {@code 0} for a free one
	 * @param functions finds a function by the name the caller used (its key in
	 * {@code serverless.yml} or its deployed name)
	 * @throws IOException if the port cannot be bound, for example because it is in use
	 */
	public InvokeApiServer(int port, Function<String, Optional<LocalFunction>> functions) throws IOException {
		this.functions = functions;
		this.server = LoopbackHttpServer.bind(port, "the Lambda Invoke API");
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				try {
					handle(exchange);
				}
				catch (InvalidRequestException ex) {
					error(exchange, 400, "InvalidRequestContentException", "User", ex.getMessage());
				}
				catch (RuntimeException ex) {
					error(exchange, 500, "ServiceException", "Service", String.valueOf(ex.getMessage()));
				}
			}
		});
		this.server.start();
	}

	/**
	 * Return the endpoint to point a {@code LambdaClient} at.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		if (path.startsWith(STREAMING_PREFIX) && path.endsWith(STREAMING_SUFFIX)
				&& path.length() > STREAMING_PREFIX.length() + STREAMING_SUFFIX.length()) {
			handleStreaming(exchange, path);
			return;
		}
		if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
			error(exchange, 404, "UnknownOperationException", "User",
					"Unknown operation " + exchange.getRequestMethod() + " " + path);
			return;
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			error(exchange, 405, "UnknownOperationException", "User",
					"Invoke takes POST, not " + exchange.getRequestMethod());
			return;
		}
		String name = functionName(URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
				StandardCharsets.UTF_8));
		Optional<LocalFunction> found = this.functions.apply(name);
		if (found.isEmpty()) {
			error(exchange, 404, "ResourceNotFoundException", "User",
					"Function not found: arn:aws:lambda:us-east-1:012345678912:function:" + name);
			return;
		}
		LocalFunction function = found.get();
		String invocationType = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
		byte[] event = exchange.getRequestBody().readAllBytes();
		switch (invocationType) {
			case "DryRun" -> {
				exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
				exchange.sendResponseHeaders(204, -1);
			}
			case "Event" -> {
				if (event.length > MAX_ASYNC_EVENT_BYTES) {
					tooLarge(exchange, MAX_ASYNC_EVENT_BYTES);
					return;
				}
				InvocationRequest request = request(function, event, exchange);
				// Lambda queues the event and answers at once; errors are not retried
				// here.
				this.executor.execute(() -> function.invoke(request));
				exchange.getResponseHeaders().set("x-amzn-RequestId", request.requestId());
				exchange.sendResponseHeaders(202, -1);
			}
			case "RequestResponse" -> {
				if (event.length > MAX_SYNC_EVENT_BYTES) {
					tooLarge(exchange, MAX_SYNC_EVENT_BYTES);
					return;
				}
				InvocationRequest request = request(function, event, exchange);
				InvocationResult result = function.invoke(request);
				respond(exchange, result, "Tail".equals(header(exchange, "X-Amz-Log-Type", "None")));
			}
			default ->
				error(exchange, 400, "InvalidParameterValueException", "User", "1 validation error detected: Value '"
						+ invocationType
						+ "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
		}
	}

	private void handleStreaming(HttpExchange exchange, String path) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			error(exchange, 405, "UnknownOperationException", "User",
					"InvokeWithResponseStream takes POST, not " + exchange.getRequestMethod());
			return;
		}
		String name = functionName(
				URLDecoder.decode(path.substring(STREAMING_PREFIX.length(), path.length() - STREAMING_SUFFIX.length()),
						StandardCharsets.UTF_8));
		Optional<LocalFunction> found = this.functions.apply(name);
		if (found.isEmpty()) {
			error(exchange, 404, "ResourceNotFoundException", "User",
					"Function not found: arn:aws:lambda:us-east-1:012345678912:function:" + name);
			return;
		}
		String invocationType = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
		byte[] event = exchange.getRequestBody().readAllBytes();
		if ("DryRun".equals(invocationType)) {
			exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
			exchange.sendResponseHeaders(204, -1);
			return;
		}
		if (!"RequestResponse".equals(invocationType)) {
			error(exchange, 400, "InvalidParameterValueException", "User", "1 validation error detected: Value '"
					+ invocationType
					+ "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [RequestResponse, DryRun]");
			return;
		}
		if (event.length > MAX_SYNC_EVENT_BYTES) {
			tooLarge(exchange, MAX_SYNC_EVENT_BYTES);
			return;
		}
		LocalFunction function = found.get();
		InvocationRequest request = request(function, event, exchange);
		EventStreamResponse response = new EventStreamResponse(exchange, request.requestId());
		InvocationResult result = function.invoke(request, (contentType) -> response.payloadChunks());
		boolean tail = "Tail".equals(header(exchange, "X-Amz-Log-Type", "None"));
		String log = tail ? Base64.getEncoder().encodeToString(lastBytes(result.log(), MAX_LOG_BYTES)) : null;
		try {
			if (result.isFunctionError()) {
				response.complete(result.errorType(),
						(result.errorMessage() != null) ? result.errorMessage() : result.payloadAsString(), log);
				return;
			}
			byte[] payload = result.payload();
			if (payload.length > 0) {
				// A response that did not stream: one chunk.
				response.payloadChunk(payload);
			}
			response.complete(null, null, log);
		}
		catch (IOException ex) {
			// The caller went away.
		}
	}

	// A name, a partial ARN (123456789012:function:name) or a full ARN, with an optional
	// qualifier.
	private static String functionName(String identifier) {
		String[] parts = identifier.split(":");
		if (parts.length >= 7 && parts[0].equals("arn")) {
			return parts[6];
		}
		if (parts.length >= 3 && parts[1].equals("function")) {
			return parts[2];
		}
		return parts[0];
	}

	private static InvocationRequest request(LocalFunction function, byte[] event, HttpExchange exchange) {
		InvocationRequest.Builder request = function.invocation(event);
		String clientContext = exchange.getRequestHeaders().getFirst("X-Amz-Client-Context");
		if (clientContext != null && !clientContext.isBlank()) {
			try {
				request.clientContext(
						new String(Base64.getDecoder().decode(clientContext.strip()), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("Client context must be a valid Base64-encoded JSON object.");
			}
		}
		return request.build();
	}

	private static void respond(HttpExchange exchange, InvocationResult result, boolean tail) throws IOException {
		var headers = exchange.getResponseHeaders();
		headers.set("Content-Type", "application/json");
		headers.set("x-amzn-RequestId", result.requestId());
		headers.set("X-Amz-Executed-Version", "$LATEST");
		if (result.isFunctionError()) {
			headers.set("X-Amz-Function-Error", "Unhandled");
		}
		if (tail) {
			headers.set("X-Amz-Log-Result", Base64.getEncoder().encodeToString(lastBytes(result.log(), MAX_LOG_BYTES)));
		}
		byte[] payload = result.payload();
		exchange.sendResponseHeaders(200, (payload.length == 0) ? -1 : payload.length);
		exchange.getResponseBody().write(payload);
	}

	private static byte[] lastBytes(String log, int max) {
		byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
		return (bytes.length <= max) ? bytes : Arrays.copyOfRange(bytes, bytes.length - max, bytes.length);
	}

	private static void tooLarge(HttpExchange exchange, int limit) throws IOException {
		error(exchange, 413, "RequestTooLargeException", "User",
				"Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
	}

	// AWS's rest-json error: the SDK reads the exception's name from x-amzn-ErrorType.
	private static void error(HttpExchange exchange, int status, String type, String fault, @Nullable String message)
			throws IOException {
		ObjectNode document = JSON.createObjectNode();
		document.put("Type", fault);
		document.put("message", message);
		byte[] body = JSON.writeValueAsBytes(document);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static String header(HttpExchange exchange, String name, String defaultValue) {
		String value = exchange.getRequestHeaders().getFirst(name);
		return (value != null && !value.isBlank()) ? value.strip() : defaultValue;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** A request Lambda rejects with {@code InvalidRequestContentException}. */
	private static final class InvalidRequestException extends RuntimeException {

		InvalidRequestException(String message) {
			super(message);
		}

	}

}
