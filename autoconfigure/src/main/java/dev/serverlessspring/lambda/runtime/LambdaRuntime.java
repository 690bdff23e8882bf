package dev.serverlessspring.lambda.runtime;

import java.io.IOError;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

import dev.serverlessspring.lambda.LambdaApplication;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.invoke.EventDispatcher;

/**
 * The event loop of a custom runtime ({@code provided.al2023}, on the JVM or as a native
 * image), started by the function's {@code bootstrap}: it starts the application, then asks
 * the Runtime API for events and answers them through the same {@link EventDispatcher} as
 * the managed runtime's handler.
 * <p>
 * It behaves as the AWS runtime interface client: an application that does not start is
 * reported as an init error and the process exits; a function's exception becomes the
 * invocation's error ({@code Runtime.UserException}) and the loop goes on, unless it is a
 * {@link VirtualMachineError} or an {@link IOError}, after which the process exits so that
 * Lambda replaces it; the X-Ray trace header is handed on as the managed runtime does
 * ({@link XRayTraceHeader#propagate}). Lambda itself enforces the deadline
 * (it stops the environment); the function sees it in
 * {@code Context.getRemainingTimeInMillis()}.
 */
public final class LambdaRuntime {

	private final LambdaRuntimeApiClient client;

	private final Map<String, String> environment;

	private final PrintStream log;

	LambdaRuntime(LambdaRuntimeApiClient client, Map<String, String> environment, PrintStream log) {
		this.client = client;
		this.environment = environment;
		this.log = log;
	}

	/**
	 * Start the application and serve events until the process is stopped.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		Map<String, String> environment = System.getenv();
		LambdaRuntime runtime = new LambdaRuntime(new LambdaRuntimeApiClient(environment.get("AWS_LAMBDA_RUNTIME_API")),
				environment, System.err);
		EventDispatcher dispatcher = runtime.init();
		if (dispatcher == null) {
			System.exit(1);
		}
		runtime.serve(dispatcher);
	}

	/**
	 * Start the application, reporting an init error if it fails.
	 * @return the dispatcher, or {@code null} after an init error
	 */
	EventDispatcher init() {
		try {
			return LambdaApplication.dispatcher();
		}
		catch (Throwable ex) {
			this.log.println("Init error: the application did not start");
			ex.printStackTrace(this.log);
			this.client.postInitError(ErrorRequest.initError(ex));
			return null;
		}
	}

	/**
	 * Serve events until a fatal error.
	 * @param dispatcher the application's dispatcher
	 */
	void serve(EventDispatcher dispatcher) {
		while (serveOne(dispatcher)) {
			// Lambda freezes the process between events; it never ends the loop itself.
		}
	}

	/**
	 * Take one event from the Runtime API and answer it.
	 * @param dispatcher the application's dispatcher
	 * @return whether the runtime can go on serving
	 */
	boolean serveOne(EventDispatcher dispatcher) {
		InvocationRequest request = this.client.next();
		XRayTraceHeader.propagate(request.traceId());
		byte[] response;
		try {
			response = dispatcher.dispatch(request.payload(), new RuntimeContext(request, this.environment));
		}
		catch (Throwable ex) {
			this.log.println("Invocation " + request.requestId() + " failed: " + ex);
			this.client.postInvocationError(request.requestId(), ErrorRequest.invocationError(ex));
			// clear an interrupt the function left behind, as the runtime interface client does
			Thread.interrupted();
			return !(ex instanceof VirtualMachineError || ex instanceof IOError);
		}
		try {
			this.client.postResponse(request.requestId(), (response != null) ? response : new byte[0]);
		}
		catch (UncheckedIOException ex) {
			// As the runtime interface client: a response the Runtime API refuses (413 over 6 MB) becomes the
			// invocation's error and the loop goes on; if the API is gone, posting the error fails too and ends it.
			this.log.println("Invocation " + request.requestId() + ": the Runtime API refused the response: "
					+ ex.getCause().getMessage());
			this.client.postInvocationError(request.requestId(), ErrorRequest.invocationError(ex));
		}
		Thread.interrupted();
		return true;
	}

}
