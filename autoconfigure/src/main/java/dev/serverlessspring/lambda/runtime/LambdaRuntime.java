package dev.serverlessspring.lambda.runtime;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.serverlessspring.lambda.LambdaApplication;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.LambdaResponse;
import dev.serverlessspring.lambda.stream.StreamingResponse;
import org.jspecify.annotations.Nullable;

/**
 * The event loop of a custom runtime ({@code provided.al2023}, on the JVM or as a native
 * image), started by the function's {@code bootstrap}: it starts the application, then
 * asks the Runtime API for events and answers them through the same
 * {@link EventDispatcher} as the managed runtime's handler.
 * <p>
 * It behaves as the AWS runtime interface client: an application that does not start is
 * reported as an init error and the process exits; a function's exception becomes the
 * invocation's error ({@code Runtime.UserException}) and the loop goes on, unless it is a
 * {@link VirtualMachineError} or an {@link IOError}, after which the process exits so
 * that Lambda replaces it; the X-Ray trace header is handed on as the managed runtime
 * does ({@link XRayTraceHeader#propagate}); with {@code AWS_LAMBDA_MAX_CONCURRENCY} above
 * one it runs as many loops, each on its own thread, and hands the trace header on per
 * thread. A streaming result is streamed ({@link InvocationResponseStream}): an error
 * before its first byte is the invocation's error as any other, an error after it goes in
 * the stream's trailers, and a stream the Runtime API cuts (its caller left) ends that
 * invocation only. The Runtime API's own errors ({@link LambdaRuntimeApiException}) are
 * told apart as the RIC tells them: a response it refuses (413 over 6 MB, 400 for an
 * expired request id) becomes the invocation's error
 * ({@value ErrorRequest#RESPONSE_REFUSED}) and the loop goes on; an API that fails (5xx)
 * or is gone ends the loop with one log line, and the process exits. Lambda itself
 * enforces the deadline (it stops the environment); the function sees it in
 * {@code Context.getRemainingTimeInMillis()}.
 */
public final class LambdaRuntime {

	private static final String MAX_CONCURRENCY = "AWS_LAMBDA_MAX_CONCURRENCY";

	private static final int NEXT_TRIES = 5;

	private final LambdaRuntimeApiClient client;

	private final Map<String, String> environment;

	private final PrintStream log;

	private final int loops;

	LambdaRuntime(LambdaRuntimeApiClient client, Map<String, String> environment, PrintStream log) {
		this.client = client;
		this.environment = environment;
		this.log = log;
		this.loops = loops(environment, log);
	}

	/**
	 * Start the application and serve events until the process is stopped.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		Map<String, String> environment = System.getenv();
		String runtimeApi = environment.get("AWS_LAMBDA_RUNTIME_API");
		if (runtimeApi == null) {
			throw new IllegalStateException("Could not find the Runtime API: AWS_LAMBDA_RUNTIME_API is not set, "
					+ "as it is only where Lambda (or a local Lambda) starts the runtime");
		}
		LambdaRuntime runtime = new LambdaRuntime(new LambdaRuntimeApiClient(runtimeApi), environment, System.err);
		EventDispatcher dispatcher = runtime.init();
		if (dispatcher == null) {
			System.exit(1);
			return;
		}
		if (runtime.loops == 1) {
			runtime.serve(dispatcher);
		}
		else {
			for (Thread loop : runtime.startLoops(dispatcher)) {
				joinUninterruptibly(loop);
			}
		}
		// As the RIC: the process ends when every loop has ended (fatal errors, a Runtime
		// API that failed); Lambda then starts a new execution environment. Threads the
		// application started must not keep it.
		System.exit(1);
	}

	private static void joinUninterruptibly(Thread thread) {
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				// The loops end the process; the main thread only keeps it alive.
			}
		}
	}

	/**
	 * Serve events on as many threads as {@code AWS_LAMBDA_MAX_CONCURRENCY} asks for.
	 * @param dispatcher the application's dispatcher
	 * @return the loops' threads (daemons), started; each ends after a fatal error or
	 * when the Runtime API keeps failing
	 */
	List<Thread> startLoops(EventDispatcher dispatcher) {
		this.log.println("Starting " + this.loops + " concurrent function handler threads.");
		List<Thread> threads = new ArrayList<>(this.loops);
		for (int loop = 1; loop <= this.loops; loop++) {
			Thread thread = new Thread(() -> serve(dispatcher), "lambda-runtime-" + loop);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		return threads;
	}

	/**
	 * Return how many event loops to run: {@code AWS_LAMBDA_MAX_CONCURRENCY}, which
	 * Lambda Managed Instances set to let one environment serve several invocations at
	 * once (the runtime interface client then polls with as many threads), else one.
	 * @param environment the function's environment variables
	 * @param log where to report a value that is not a positive number
	 * @return the number of loops, at least one
	 */
	private static int loops(Map<String, String> environment, PrintStream log) {
		String value = environment.get(MAX_CONCURRENCY);
		if (value == null || value.isBlank()) {
			return 1;
		}
		try {
			int loops = Integer.parseInt(value.strip());
			if (loops >= 1) {
				return loops;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		log.println(MAX_CONCURRENCY + " is '" + value + "', not a positive number: serving one invocation at a time");
		return 1;
	}

	/**
	 * Start the application, reporting an init error if it fails.
	 * @return the dispatcher, or {@code null} after an init error
	 */
	@Nullable EventDispatcher init() {
		try {
			return LambdaApplication.dispatcher();
		}
		catch (Throwable ex) {
			this.log.println("Init error: the application did not start");
			ex.printStackTrace(this.log);
			try {
				this.client.postInitError(ErrorRequest.initError(ex));
			}
			catch (LambdaRuntimeApiException failure) {
				this.log.println("Could not report the init error: " + failure.getMessage());
			}
			return null;
		}
	}

	/**
	 * Serve events until a fatal error or a failure of the Runtime API, which this logs.
	 * @param dispatcher the application's dispatcher
	 */
	void serve(EventDispatcher dispatcher) {
		try {
			while (serveOne(dispatcher)) {
				// Lambda freezes the process between events; it never ends the loop
				// itself.
			}
		}
		catch (LambdaRuntimeApiException ex) {
			this.log.println("Runtime loop " + Thread.currentThread().getName() + " ended: " + ex.getMessage());
		}
	}

	/**
	 * Poll as the RIC's loops do when several run at once: {@value #NEXT_TRIES} tries,
	 * waiting 100 ms, then twice as long, between them. (Its single loop does not retry;
	 * neither do we.)
	 * @return the next invocation
	 */
	private InvocationRequest nextWithRetries() {
		long backoffMillis = 100;
		for (int attempt = 1;; attempt++) {
			try {
				return this.client.next();
			}
			catch (LambdaRuntimeApiException ex) {
				if (attempt == NEXT_TRIES) {
					throw ex;
				}
				this.log.println("Failed to fetch the next invocation (try " + attempt + " of " + NEXT_TRIES + "): "
						+ ex.getMessage());
				try {
					Thread.sleep(backoffMillis);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
				backoffMillis *= 2;
			}
		}
	}

	/**
	 * Take one event from the Runtime API and answer it.
	 * @param dispatcher the application's dispatcher
	 * @return whether the runtime can go on serving
	 * @throws LambdaRuntimeApiException if the Runtime API failed or is gone
	 */
	boolean serveOne(EventDispatcher dispatcher) {
		InvocationRequest request;
		if (this.loops > 1) {
			request = nextWithRetries();
			XRayTraceHeader.propagateToThread(request.traceId());
		}
		else {
			request = this.client.next();
			XRayTraceHeader.propagate(request.traceId());
		}
		// A function that streams gets its connection while it works toward its first
		// element.
		InvocationResponseStream early = dispatcher.function().isStreaming()
				? this.client.streamResponse(request.requestId()) : null;
		if (early != null) {
			early.connect();
		}
		LambdaResponse answer;
		try {
			answer = dispatcher.respond(request.payload(), new RuntimeContext(request, this.environment));
		}
		catch (Throwable ex) {
			if (early != null) {
				early.close();
			}
			this.log.println("Invocation " + request.requestId() + " failed: " + ex);
			reportError(request, ErrorRequest.invocationError(ex));
			// clear an interrupt the function left behind, as the runtime interface
			// client does
			Thread.interrupted();
			return !(ex instanceof VirtualMachineError || ex instanceof IOError);
		}
		StreamingResponse streaming = answer.stream();
		if (streaming != null) {
			return stream(request, streaming,
					(early != null) ? early : this.client.streamResponse(request.requestId()));
		}
		if (early != null) {
			early.close();
		}
		byte[] response = answer.payload();
		try {
			this.client.postResponse(request.requestId(), (response != null) ? response : new byte[0]);
		}
		catch (LambdaRuntimeApiException ex) {
			responseRefused(request, ex);
		}
		Thread.interrupted();
		return true;
	}

	// As the runtime interface client: a response the Runtime API refuses (413 over 6 MB)
	// becomes the invocation's error and the loop goes on; an API that failed or is gone
	// ends the loop.
	private void responseRefused(InvocationRequest request, LambdaRuntimeApiException refusal) {
		if (!refusal.isRefused()) {
			throw refusal;
		}
		this.log.println("Invocation " + request.requestId() + ": " + refusal.getMessage());
		reportError(request, ErrorRequest.responseRefused(refusal));
	}

	// An error the API refuses too (the request id expired or is unknown) has nowhere
	// else to go than the log.
	private void reportError(InvocationRequest request, ErrorRequest error) {
		try {
			this.client.postInvocationError(request.requestId(), error);
		}
		catch (LambdaRuntimeApiException ex) {
			if (!ex.isRefused()) {
				throw ex;
			}
			this.log.println("Invocation " + request.requestId() + ": could not report its error (" + error.errorType()
					+ ": " + error.errorMessage() + "): " + ex.getMessage());
		}
	}

	private boolean stream(InvocationRequest request, StreamingResponse response, InvocationResponseStream stream) {
		stream.contentType(response.contentType());
		try {
			response.writeTo(stream);
			stream.finish();
			return true;
		}
		catch (Throwable ex) {
			return streamFailed(request, stream, ex);
		}
		finally {
			stream.close();
			Thread.interrupted();
		}
	}

	private boolean streamFailed(InvocationRequest request, InvocationResponseStream stream, Throwable ex) {
		if (ex instanceof LambdaRuntimeApiException refusal) {
			// The whole stream was sent and the API answered it with an error (413 when
			// its caller buffers).
			responseRefused(request, refusal);
			return true;
		}
		boolean fatal = ex instanceof VirtualMachineError || ex instanceof IOError;
		if (stream.isBroken()) {
			// The Runtime API cut the stream (its caller left) or went away: the next
			// poll tells which.
			this.log.println("Invocation " + request.requestId() + ": the response stream was cut: " + ex);
			return !fatal;
		}
		this.log.println("Invocation " + request.requestId() + " failed: " + ex);
		ErrorRequest error = ErrorRequest.invocationError(ex);
		if (!stream.isStarted()) {
			reportError(request, error);
			return !fatal;
		}
		try {
			stream.finishWithError(error);
		}
		catch (IOException failure) {
			this.log.println(
					"Invocation " + request.requestId() + ": could not report the error of the stream: " + failure);
		}
		catch (LambdaRuntimeApiException failure) {
			if (!failure.isRefused()) {
				throw failure;
			}
			this.log.println("Invocation " + request.requestId() + ": could not report the error of the stream: "
					+ failure.getMessage());
		}
		return !fatal;
	}

}
