package dev.serverlessspring.test.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.ResponseStreamConsumer;
import dev.serverlessspring.test.server.LoopbackHttpServer;
import dev.serverlessspring.test.server.OneRequestHttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, served on
 * the loopback interface. A runtime (the AWS runtime interface client, or any custom
 * {@code bootstrap}) finds it through {@code AWS_LAMBDA_RUNTIME_API=}{@link #address()}.
 * <p>
 * As on Lambda, the environment runs one invocation at a time: {@link #invoke} queues an
 * event, the runtime's long-polling {@code GET invocation/next} receives it with the
 * {@code Lambda-Runtime-*} headers, and the runtime's {@code POST
 * invocation/{id}/response} or {@code /error} completes it. An environment of Lambda
 * Managed Instances runs up to {@code AWS_LAMBDA_MAX_CONCURRENCY} invocations at once,
 * each answered by request id: see {@link #RuntimeApiServer(int, int)}. The deadline is
 * enforced ({@code Sandbox.Timedout}) and so is the 6 MB response limit
 * ({@code Function.ResponseSizeTooLarge}). After a timeout, an init error or the
 * runtime's exit the environment is spent: whoever started the runtime replaces it, with
 * a new server, as Lambda replaces the execution environment.
 * <p>
 * A runtime may stream its response ({@code Lambda-Runtime-Function-Response-Mode:
 * streaming}, a chunked body): the bytes go to the invocation's
 * {@link ResponseStreamConsumer} as they arrive, and an error the runtime reports in the
 * trailers {@code Lambda-Runtime-Function-Error-Type} and
 * {@code Lambda-Runtime-Function-Error-Body} fails the invocation. Invoked without a
 * consumer, a streamed response is buffered, within the 6 MB limit, as Lambda's
 * {@code Invoke} does.
 */
public class RuntimeApiServer implements AutoCloseable {

	/** The largest response a function may return synchronously, in bytes. */
	public static final int MAX_RESPONSE_BYTES = 6_291_556;

	private static final String BASE_PATH = "/2018-06-01/runtime";

	private static final String INVOCATION_PATH = BASE_PATH + "/invocation/";

	static final String REQUEST_ID_HEADER = "Lambda-Runtime-Aws-Request-Id";

	static final String DEADLINE_HEADER = "Lambda-Runtime-Deadline-Ms";

	static final String FUNCTION_ARN_HEADER = "Lambda-Runtime-Invoked-Function-Arn";

	static final String TRACE_ID_HEADER = "Lambda-Runtime-Trace-Id";

	static final String CLIENT_CONTEXT_HEADER = "Lambda-Runtime-Client-Context";

	static final String COGNITO_IDENTITY_HEADER = "Lambda-Runtime-Cognito-Identity";

	static final String TENANT_ID_HEADER = "Lambda-Runtime-Aws-Tenant-Id";

	static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

	static final String ERROR_BODY_HEADER = "Lambda-Runtime-Function-Error-Body";

	static final String RESPONSE_MODE_HEADER = "Lambda-Runtime-Function-Response-Mode";

	private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

	private static final AtomicInteger SERVER_COUNT = new AtomicInteger();

	private final OneRequestHttpServer server;

	private final ExecutorService executor;

	private final ScheduledExecutorService timer;

	private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();

	private final CompletableFuture<Optional<LambdaError>> initialization = new CompletableFuture<>();

	private final Object lock = new Object();

	private final int maxConcurrency;

	// The invocations queued or dispatched and not yet answered, by request id.
	private final Map<String, Invocation> outstanding = new LinkedHashMap<>();

	private @Nullable LambdaError spent;

	// After a 413 the RIC reports the failure to post as the invocation's error: Lambda
	// accepts that post.
	private volatile @Nullable String oversizedRequestId;

	private volatile boolean closed;

	private final AtomicInteger failingPolls = new AtomicInteger();

	private volatile Duration responseDelay = Duration.ZERO;

	/**
	 * Start a server on a free port of {@code 127.0.0.1}.
	 * @throws IOException if the server cannot bind
	 */
	public RuntimeApiServer() throws IOException {
		this(0);
	}

	/**
	 * Start a server on the given port of {@code 127.0.0.1}.
	 * @param port the port, or {@code 0} for a free one
	 * @throws IOException if the server cannot bind, for example because the port is in
	 * use
	 */
	public RuntimeApiServer(int port) throws IOException {
		this(port, 1);
	}

	/**
	 * Start a server on the given port of {@code 127.0.0.1} for an environment that runs
	 * up to {@code maxConcurrency} invocations at once, as Lambda Managed Instances do
	 * (the runtime gets the same number as {@code AWS_LAMBDA_MAX_CONCURRENCY} and polls
	 * {@code invocation/next} from as many threads).
	 * @param port the port, or {@code 0} for a free one
	 * @param maxConcurrency how many invocations may be outstanding at once, at least 1
	 * @throws IOException if the server cannot bind, for example because the port is in
	 * use
	 */
	public RuntimeApiServer(int port, int maxConcurrency) throws IOException {
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("The maximum concurrency must be at least 1, not " + maxConcurrency);
		}
		this.maxConcurrency = maxConcurrency;
		String name = "runtime-api-" + SERVER_COUNT.incrementAndGet();
		// Cached threads: invocation/next blocks its thread for as long as the runtime
		// waits.
		this.executor = Executors.newCachedThreadPool(LoopbackHttpServer.daemonThreads(name));
		this.timer = Executors.newSingleThreadScheduledExecutor(LoopbackHttpServer.daemonThreads(name + "-deadline"));
		// Not the JDK's HttpServer: it refuses the trailers of a streamed response.
		this.server = new OneRequestHttpServer(port, "the Lambda Runtime API", this.executor, (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith(INVOCATION_PATH)) {
				handleInvocation(exchange);
			}
			else if (path.equals(BASE_PATH + "/init/error")) {
				handleInitError(exchange);
			}
			else if (path.startsWith(BASE_PATH + "/restore/")) {
				handleRestore(exchange);
			}
			else {
				try (exchange) {
					notFound(exchange);
				}
			}
		});
		this.server.start();
	}

	/**
	 * Return the value for {@code AWS_LAMBDA_RUNTIME_API}.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String address() {
		return "127.0.0.1:" + port();
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the outcome of the runtime's init: it completes empty when the runtime first
	 * asks for an invocation, or with the error it posted to {@code init/error} (or
	 * {@code restore/error}), or with {@code Runtime.ExitError} if it exited first.
	 * @return the init's outcome
	 */
	public CompletableFuture<Optional<LambdaError>> initialization() {
		return this.initialization;
	}

	/**
	 * Queue an event for the runtime. The result completes when the runtime answers, when
	 * the deadline passes, when the runtime's init fails or when it exits.
	 * @param request the event and its context
	 * @return the invocation's result
	 * @throws IllegalStateException if the environment already runs as many invocations
	 * as it may (one, unless a maximum concurrency was given), or is spent (after a
	 * timeout, an init error or the runtime's exit)
	 */
	public CompletableFuture<InvocationResult> invoke(InvocationRequest request) {
		return invoke(request, null);
	}

	/**
	 * Queue an event whose response may stream: a streamed response goes to the consumer
	 * as it arrives, and the result, when it completes, carries no payload; a response
	 * that does not stream is the result's payload, as with
	 * {@link #invoke(InvocationRequest)}.
	 * @param request the event and its context
	 * @param consumer takes a streamed response, or {@code null} to buffer it
	 * @return the invocation's result: it completes when the stream has ended
	 * @throws IllegalStateException as {@link #invoke(InvocationRequest)}
	 */
	public CompletableFuture<InvocationResult> invoke(InvocationRequest request,
			@Nullable ResponseStreamConsumer consumer) {
		Invocation invocation = new Invocation(request, consumer);
		synchronized (this.lock) {
			if (this.closed) {
				throw new IllegalStateException("The Runtime API server is closed");
			}
			if (this.outstanding.size() >= this.maxConcurrency) {
				throw new IllegalStateException((this.maxConcurrency == 1)
						? "Invocation " + this.outstanding.keySet().iterator().next()
								+ " is in progress: an execution environment runs one invocation at a time"
						: this.maxConcurrency + " invocations are in progress, this environment's maximum concurrency");
			}
			if (this.spent != null) {
				throw new IllegalStateException("This execution environment is spent (" + this.spent.errorType()
						+ "): start a new runtime, with a new server, as Lambda does");
			}
			if (this.outstanding.putIfAbsent(request.requestId(), invocation) != null) {
				throw new IllegalStateException("Invocation " + request.requestId() + " is already in progress");
			}
		}
		// The caller's future completes after finished(): an invocation made as soon as
		// this one's result is known must not find it still outstanding.
		CompletableFuture<InvocationResult> settled = invocation.result
			.whenComplete((result, ex) -> finished(invocation));
		this.queue.add(invocation);
		return settled;
	}

	/**
	 * Answer the runtime's next {@code count} requests for {@code invocation/next} with
	 * {@code 500 ServiceException}, as an unhealthy Runtime API would, to test how a
	 * runtime retries; queued events wait meanwhile.
	 * @param count how many polls to fail
	 */
	public void failNextPolls(int count) {
		this.failingPolls.set(count);
	}

	/**
	 * Make {@code invocation/{id}/response} slow: it reads the response, then waits this
	 * long before it accepts it, as an overloaded Runtime API might.
	 * @param delay the delay, zero for none
	 */
	public void delayResponses(Duration delay) {
		this.responseDelay = delay;
	}

	/**
	 * Tell the server that the runtime process exited: the init, or the invocation in
	 * progress, fails with {@code Runtime.ExitError} as on Lambda.
	 * @param exitStatus the process's exit status
	 */
	public void runtimeExited(int exitStatus) {
		String reason = (exitStatus == 0) ? "Runtime exited without providing a reason" : (exitStatus == 137)
				? "Runtime exited with error: signal: killed" : "Runtime exited with error: exit status " + exitStatus;
		this.initialization.complete(Optional.of(LambdaError.of("Runtime.ExitError", reason)));
		List<Invocation> invocations;
		synchronized (this.lock) {
			invocations = List.copyOf(this.outstanding.values());
			spend(LambdaError.of("Runtime.ExitError", reason));
		}
		for (Invocation invocation : invocations) {
			invocation.fail(LambdaError.of("Runtime.ExitError",
					"RequestId: " + invocation.request.requestId() + " Error: " + reason));
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.server.close();
		this.executor.shutdownNow();
		this.timer.shutdownNow();
		List<Invocation> invocations;
		synchronized (this.lock) {
			invocations = List.copyOf(this.outstanding.values());
		}
		for (Invocation invocation : invocations) {
			invocation.result.completeExceptionally(new IllegalStateException("The Runtime API server was closed"));
		}
		this.initialization.completeExceptionally(new IllegalStateException("The Runtime API server was closed"));
	}

	private void handleInvocation(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath().substring(INVOCATION_PATH.length());
			String method = exchange.getRequestMethod();
			if (path.equals("next") && method.equals("GET")) {
				nextInvocation(exchange);
				return;
			}
			int slash = path.indexOf('/');
			if (slash > 0 && method.equals("POST")) {
				String requestId = path.substring(0, slash);
				String action = path.substring(slash + 1);
				if (action.equals("response")) {
					invocationResponse(exchange, requestId);
					return;
				}
				if (action.equals("error")) {
					invocationError(exchange, requestId);
					return;
				}
			}
			notFound(exchange);
		}
	}

	// GET invocation/next: the runtime is ready (its init is done) and waits for an
	// event.
	private void nextInvocation(HttpExchange exchange) throws IOException {
		this.initialization.complete(Optional.empty());
		if (this.failingPolls.getAndUpdate((count) -> Math.max(0, count - 1)) > 0) {
			respond(exchange, 500, error("ServiceException", "The Runtime API failed (injected fault)"));
			return;
		}
		Invocation invocation = null;
		try {
			while (invocation == null) {
				if (this.closed) {
					respond(exchange, 500, error("Runtime.Closed", "The Runtime API server was closed"));
					return;
				}
				invocation = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (invocation != null && !invocation.dispatch()) {
					invocation = null;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		InvocationRequest request = invocation.request;
		long deadline = System.currentTimeMillis() + request.timeout().toMillis();
		Invocation dispatched = invocation;
		invocation.deadline = this.timer.schedule(() -> timedOut(dispatched), request.timeout().toMillis(),
				TimeUnit.MILLISECONDS);
		var headers = exchange.getResponseHeaders();
		headers.set(REQUEST_ID_HEADER, request.requestId());
		headers.set(DEADLINE_HEADER, Long.toString(deadline));
		headers.set(FUNCTION_ARN_HEADER, request.invokedFunctionArn());
		headers.set(TRACE_ID_HEADER, request.traceId());
		if (request.clientContext() != null) {
			headers.set(CLIENT_CONTEXT_HEADER, request.clientContext());
		}
		if (request.cognitoIdentity() != null) {
			headers.set(COGNITO_IDENTITY_HEADER, request.cognitoIdentity());
		}
		if (request.tenantId() != null) {
			headers.set(TENANT_ID_HEADER, request.tenantId());
		}
		respond(exchange, 200, request.payload());
	}

	private void invocationResponse(HttpExchange exchange, String requestId) throws IOException {
		if ("streaming".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(RESPONSE_MODE_HEADER))) {
			streamedResponse((OneRequestHttpServer.Exchange) exchange, requestId);
			return;
		}
		Body body = Body.read(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
		if (!this.responseDelay.isZero()) {
			try {
				Thread.sleep(this.responseDelay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		Invocation invocation = dispatched(requestId);
		if (invocation == null) {
			respond(exchange, 400, invalidRequestId(requestId));
			return;
		}
		if (body.truncated()) {
			this.oversizedRequestId = requestId;
			invocation.fail(LambdaError.of("Function.ResponseSizeTooLarge",
					"Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."));
			respond(exchange, 413, error("RequestEntityTooLarge",
					"Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."));
			return;
		}
		invocation.succeed(body.bytes());
		respond(exchange, 202, ACCEPTED);
	}

	private void streamedResponse(OneRequestHttpServer.Exchange exchange, String requestId) throws IOException {
		Invocation invocation = dispatched(requestId);
		if (invocation == null) {
			exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
			respond(exchange, 400, invalidRequestId(requestId));
			return;
		}
		InputStream in = exchange.getRequestBody();
		byte[] buffered = null;
		ResponseStreamConsumer consumer = invocation.consumer;
		if (consumer == null) {
			Body body = Body.read(in, MAX_RESPONSE_BYTES);
			if (body.truncated()) {
				this.oversizedRequestId = requestId;
				invocation.fail(LambdaError.of("Function.ResponseSizeTooLarge",
						"Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES
								+ " bytes)."));
				respond(exchange, 413, error("RequestEntityTooLarge",
						"Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."));
				return;
			}
			buffered = body.bytes();
		}
		else if (!forward(in, exchange.getRequestHeaders().getFirst("Content-Type"), consumer)) {
			// The caller left: cutting the connection tells the runtime to stop
			// streaming.
			invocation.fail(LambdaError.of("Runtime.StreamCut", "The caller closed the response stream"));
			return;
		}
		String errorType = exchange.trailers().getFirst(ERROR_TYPE_HEADER);
		if (errorType != null) {
			invocation.fail(LambdaError.posted(errorBody(exchange.trailers().getFirst(ERROR_BODY_HEADER)), errorType));
		}
		else {
			invocation.succeed((buffered != null) ? buffered : new byte[0]);
		}
		respond(exchange, 202, ACCEPTED);
	}

	// Each read ends where the runtime's bytes end for now: they leave at once, the next
	// read waits.
	private static boolean forward(InputStream in, @Nullable String contentType, ResponseStreamConsumer consumer)
			throws IOException {
		byte[] buffer = new byte[16384];
		OutputStream out = null;
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			try {
				if (out == null) {
					out = consumer.open((contentType != null) ? contentType : "application/octet-stream");
				}
				out.write(buffer, 0, n);
				out.flush();
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

	// Base64 of the error document, as Lambda defines the trailer; a runtime that sent
	// plain JSON is understood too.
	private static byte[] errorBody(String trailer) {
		if (trailer == null || trailer.isBlank()) {
			return new byte[0];
		}
		try {
			return Base64.getDecoder().decode(trailer.strip());
		}
		catch (IllegalArgumentException ex) {
			return trailer.getBytes(StandardCharsets.UTF_8);
		}
	}

	private void invocationError(HttpExchange exchange, String requestId) throws IOException {
		Body body = Body.read(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
		Invocation invocation = dispatched(requestId);
		if (invocation == null && requestId.equals(this.oversizedRequestId)) {
			this.oversizedRequestId = null;
			respond(exchange, 202, ACCEPTED);
			return;
		}
		if (invocation == null) {
			respond(exchange, 400, invalidRequestId(requestId));
			return;
		}
		invocation.fail(LambdaError.posted(body.bytes(), exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER)));
		respond(exchange, 202, ACCEPTED);
	}

	private void handleInitError(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!exchange.getRequestMethod().equals("POST")) {
				notFound(exchange);
				return;
			}
			Body body = Body.read(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
			initFailed(exchange, body);
		}
	}

	// restore/next and restore/error: SnapStart's restore phase
	// (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start).
	private void handleRestore(HttpExchange exchange) throws IOException {
		try (exchange) {
			String action = exchange.getRequestURI().getPath().substring((BASE_PATH + "/restore/").length());
			String method = exchange.getRequestMethod();
			if (action.equals("next") && method.equals("GET")) {
				// No snapshot is taken: the environment is "restored" at once, in the
				// same process.
				respond(exchange, 200, new byte[0]);
			}
			else if (action.equals("error") && method.equals("POST")) {
				initFailed(exchange, Body.read(exchange.getRequestBody(), MAX_RESPONSE_BYTES));
			}
			else {
				notFound(exchange);
			}
		}
	}

	private void initFailed(HttpExchange exchange, Body body) throws IOException {
		LambdaError error = LambdaError.posted(body.bytes(), exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER));
		if (!this.initialization.complete(Optional.of(error))) {
			respond(exchange, 403, error("InvalidStateTransition", "The runtime's init is already over"));
			return;
		}
		List<Invocation> invocations;
		synchronized (this.lock) {
			invocations = List.copyOf(this.outstanding.values());
			spend(error);
		}
		for (Invocation invocation : invocations) {
			invocation.fail(error);
		}
		respond(exchange, 202, ACCEPTED);
	}

	private void timedOut(Invocation invocation) {
		String seconds = String.format(Locale.ROOT, "%.2f", invocation.request.timeout().toMillis() / 1000.0);
		LambdaError error = LambdaError.of("Sandbox.Timedout", "RequestId: " + invocation.request.requestId()
				+ " Error: Task timed out after " + seconds + " seconds");
		synchronized (this.lock) {
			if (invocation.result.isDone()) {
				return;
			}
			spend(error);
		}
		invocation.fail(error);
	}

	// The environment cannot serve further invocations: it must be replaced.
	private void spend(LambdaError reason) {
		if (this.spent == null) {
			this.spent = reason;
		}
	}

	private @Nullable Invocation dispatched(String requestId) {
		synchronized (this.lock) {
			Invocation invocation = this.outstanding.get(requestId);
			return (invocation != null && invocation.dispatchedAt != 0) ? invocation : null;
		}
	}

	private void finished(Invocation invocation) {
		synchronized (this.lock) {
			this.outstanding.remove(invocation.request.requestId(), invocation);
		}
		ScheduledFuture<?> deadline = invocation.deadline;
		if (deadline != null) {
			deadline.cancel(false);
		}
	}

	private static byte[] invalidRequestId(String requestId) {
		return error("InvalidRequestID", "Invalid request ID: " + requestId);
	}

	private static byte[] error(String errorType, String errorMessage) {
		return LambdaError.of(errorType, errorMessage).body();
	}

	private static void notFound(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
		respond(exchange, 404, error("NotFound",
				"No Runtime API resource " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()));
	}

	// Always with a Content-Type: the RIC's native client crashes on a response without
	// one.
	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		// One connection per request: under load, the JDK's server once left a request
		// that arrived on a kept-alive connection unread, and the runtime waited forever
		// (docs/reliability.md).
		exchange.getResponseHeaders().set("Connection", "close");
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/** An event on its way through the environment. */
	private static final class Invocation {

		final InvocationRequest request;

		final @Nullable ResponseStreamConsumer consumer;

		final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

		volatile long dispatchedAt;

		volatile @Nullable ScheduledFuture<?> deadline;

		Invocation(InvocationRequest request, @Nullable ResponseStreamConsumer consumer) {
			this.request = request;
			this.consumer = consumer;
		}

		boolean dispatch() {
			if (this.result.isDone()) {
				return false;
			}
			this.dispatchedAt = System.nanoTime();
			return true;
		}

		void succeed(byte[] payload) {
			this.result.complete(InvocationResult.success(this.request.requestId(), payload, elapsed()));
		}

		void fail(LambdaError error) {
			this.result.complete(InvocationResult.functionError(this.request.requestId(), error.body(),
					error.errorType(), error.errorMessage(), elapsed()));
		}

		private Duration elapsed() {
			long start = this.dispatchedAt;
			return (start != 0) ? Duration.ofNanos(System.nanoTime() - start) : Duration.ZERO;
		}

	}

	/**
	 * A request body, read to its end so that the connection stays usable, kept up to a
	 * limit.
	 */
	private record Body(byte[] bytes, boolean truncated) {

		static Body read(InputStream in, int limit) throws IOException {
			byte[] kept = in.readNBytes(limit);
			long rest = in.transferTo(OutputStream.nullOutputStream());
			return new Body(kept, rest > 0);
		}

	}

}
