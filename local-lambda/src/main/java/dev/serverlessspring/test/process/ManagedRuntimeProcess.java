package dev.serverlessspring.test.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.ResponseStreamConsumer;
import dev.serverlessspring.test.runtime.InvocationRequest;
import dev.serverlessspring.test.runtime.LambdaError;
import dev.serverlessspring.test.runtime.RuntimeApiServer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link FunctionPackage} as Lambda's managed Java runtime does: the zip unpacked
 * as the task root, the AWS runtime interface client started with Lambda's JVM flags and
 * environment variables, talking to a {@link RuntimeApiServer} of its own. A
 * {@code provided*} runtime starts the task root's {@code bootstrap} instead.
 * <p>
 * One process is one execution environment. It starts on first use and serves one
 * invocation at a time (concurrent callers wait their turn), or as many as the function's
 * {@code AWS_LAMBDA_MAX_CONCURRENCY} variable says, as Lambda Managed Instances do (the
 * RIC then runs that many polling threads). When an invocation times out, the init fails
 * or the process exits, the environment is discarded and the next invocation starts a new
 * one, with a new init, as on Lambda. <pre class="code">
 * try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(functionPackage)) {
 *     InvocationResult result = function.invoke("\"hello\"");
 *     assertThat(result.payloadAsString()).isEqualTo("\"HELLO\"");
 * }
 * </pre>
 */
public final class ManagedRuntimeProcess implements AutoCloseable {

	/**
	 * How long Lambda lets an on-demand init run before it counts against the invocation.
	 */
	static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);

	// Once the server's own deadline has passed, the server reports the timeout: this
	// only guards against a hang.
	private static final Duration GRACE = Duration.ofSeconds(5);

	static final String MAX_CONCURRENCY_VARIABLE = "AWS_LAMBDA_MAX_CONCURRENCY";

	private final FunctionPackage functionPackage;

	private final Duration initTimeout;

	private final Output output = new Output();

	private final int maxConcurrency;

	// Callers beyond the environment's concurrency wait here for their turn.
	private final Semaphore slots;

	private @Nullable TaskRoot taskRoot;

	private @Nullable Environment environment;

	private boolean closed;

	/**
	 * Create a runner for the given function; nothing starts before the first call.
	 * @param functionPackage the function to run
	 */
	public ManagedRuntimeProcess(FunctionPackage functionPackage) {
		this(functionPackage, INIT_TIMEOUT);
	}

	ManagedRuntimeProcess(FunctionPackage functionPackage, Duration initTimeout) {
		this.functionPackage = functionPackage;
		this.initTimeout = initTimeout;
		this.maxConcurrency = maxConcurrency(functionPackage);
		this.slots = new Semaphore(this.maxConcurrency, true);
	}

	private static int maxConcurrency(FunctionPackage functionPackage) {
		String value = functionPackage.environment().get(MAX_CONCURRENCY_VARIABLE);
		try {
			return (value != null) ? Math.max(1, Integer.parseInt(value.strip())) : 1;
		}
		catch (NumberFormatException ex) {
			// The RIC logs an invalid value and runs one loop: so does the environment.
			return 1;
		}
	}

	/**
	 * Return the function this runner runs.
	 * @return the function package
	 */
	public FunctionPackage functionPackage() {
		return this.functionPackage;
	}

	/**
	 * Start an execution environment, unless one is running: unpack the package (once)
	 * and start the runtime process. Returns without waiting for the runtime's init.
	 * @return this runner
	 */
	public synchronized ManagedRuntimeProcess start() {
		environment();
		return this;
	}

	/**
	 * Wait for the runtime's init and return its error, if it failed (for example because
	 * the handler class is missing or the application did not start). Starts the runtime
	 * if none is running. A failed environment is discarded: the next invocation inits
	 * anew.
	 * @return the init error, empty if the init succeeded
	 */
	public synchronized Optional<LambdaError> initError() {
		Environment current = environment();
		Optional<LambdaError> error = current.awaitInit(this.initTimeout, this.functionPackage.timeout(), null);
		if (error.isPresent()) {
			discard();
		}
		return error;
	}

	/**
	 * Invoke the function with an event.
	 * @param event the event, as UTF-8 text (usually JSON)
	 * @return the result
	 */
	public InvocationResult invoke(String event) {
		return invoke(event.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Invoke the function with an event.
	 * @param event the event's bytes
	 * @return the result
	 */
	public InvocationResult invoke(byte[] event) {
		return invoke(this.functionPackage.invocation(event).build());
	}

	/**
	 * Invoke the function with a request built by the caller, for example with a client
	 * context; start from {@link FunctionPackage#invocation(byte[])} to keep the
	 * function's timeout and ARN.
	 * @param request the request
	 * @return the result: the response, or the function's error (including init errors,
	 * {@code Sandbox.Timedout}, {@code Function.ResponseSizeTooLarge} and
	 * {@code Runtime.ExitError})
	 */
	public InvocationResult invoke(InvocationRequest request) {
		return invoke(request, null);
	}

	/**
	 * Invoke the function and take a streamed response as it comes (a custom runtime that
	 * streams, see {@link RuntimeApiServer}); a response that does not stream is the
	 * result's payload.
	 * @param request the request
	 * @param consumer takes a streamed response, or {@code null} to buffer it
	 * @return the result, as {@link #invoke(InvocationRequest)}; without payload when the
	 * response streamed
	 */
	public InvocationResult invoke(InvocationRequest request, @Nullable ResponseStreamConsumer consumer) {
		try {
			this.slots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to invoke the function", ex);
		}
		try {
			return invokeInSlot(request, consumer);
		}
		finally {
			this.slots.release();
		}
	}

	private InvocationResult invokeInSlot(InvocationRequest request, @Nullable ResponseStreamConsumer consumer) {
		Environment current;
		long logStart;
		synchronized (this) {
			current = environment();
			Optional<LambdaError> initError = current.awaitInit(this.initTimeout, request.timeout(),
					request.requestId());
			if (initError.isPresent()) {
				discard();
				LambdaError error = initError.get();
				return InvocationResult.functionError(request.requestId(), error.body(), error.errorType(),
						error.errorMessage(), Duration.ZERO);
			}
			logStart = this.output.size();
			this.output.platform("START RequestId: " + request.requestId() + " Version: $LATEST");
		}
		// Outside the lock: with a maximum concurrency above 1, other invocations run
		// meanwhile.
		InvocationResult result = current.invoke(request, consumer);
		synchronized (this) {
			if (result.isFunctionError() && "Sandbox.Timedout".equals(result.errorType())) {
				this.output.platform(Instant.now() + " " + request.requestId() + " Task timed out after "
						+ seconds(request.timeout()) + " seconds");
			}
			this.output.platform("END RequestId: " + request.requestId());
			this.output.platform(current.report(request.requestId(), result.duration()));
			if (this.environment == current && result.isFunctionError()
					&& ("Sandbox.Timedout".equals(result.errorType()) || !current.isAlive())) {
				discard();
			}
			return result.withLog(this.output.since(logStart));
		}
	}

	/**
	 * Return the process id of the running execution environment's runtime, for example
	 * to sample its memory from {@code /proc}.
	 * @return the process id, empty if no environment is running
	 */
	public synchronized Optional<Long> pid() {
		return (this.environment != null && this.environment.isAlive()) ? Optional.of(this.environment.process.pid())
				: Optional.empty();
	}

	/**
	 * Return everything the runtime processes wrote to standard output and standard
	 * error, across restarts, with Lambda's {@code START}, {@code END} and {@code REPORT}
	 * lines around each invocation: what the function's CloudWatch log streams would
	 * show.
	 * @return the output so far
	 */
	public String output() {
		return this.output.toString();
	}

	/**
	 * Return the task root the package was unpacked into.
	 * @return the task root, or {@code null} before the first start
	 */
	public synchronized @Nullable Path taskRoot() {
		return (this.taskRoot != null) ? this.taskRoot.directory() : null;
	}

	/**
	 * End the running execution environment as Lambda's shutdown phase does: the runtime
	 * gets {@code SIGTERM}, so that its JVM runs its shutdown hooks and exit actions
	 * (such as writing an AOT cache), and is killed if it has not exited within
	 * {@code grace}. The next invocation starts a new environment.
	 * @param grace how long to wait for the runtime to exit
	 * @return the runtime's exit status, empty if no environment was running or it had to
	 * be killed
	 */
	public synchronized Optional<Integer> shutdown(Duration grace) {
		if (this.environment == null) {
			return Optional.empty();
		}
		Optional<Integer> status = this.environment.terminate(grace);
		discard();
		return status;
	}

	/**
	 * Stop the runtime process and delete the unpacked task root.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		discard();
		if (this.taskRoot != null) {
			this.taskRoot.close();
		}
		this.output.delete();
	}

	private Environment environment() {
		if (this.closed) {
			throw new IllegalStateException("The runtime process is closed");
		}
		if (this.environment != null && !this.environment.isAlive()) {
			// The runtime died between invocations: Lambda quietly replaces such an
			// environment.
			discard();
		}
		if (this.environment == null) {
			if (this.taskRoot == null) {
				this.taskRoot = TaskRoot.of(this.functionPackage.source());
			}
			this.environment = Environment.start(this.functionPackage, this.maxConcurrency, this.taskRoot.directory(),
					this.output);
		}
		return this.environment;
	}

	private void discard() {
		if (this.environment != null) {
			this.environment.stop();
			this.environment = null;
		}
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
	}

	/**
	 * One execution environment: a Runtime API server and the runtime process using it.
	 */
	private static final class Environment {

		private final FunctionPackage functionPackage;

		private final RuntimeApiServer server;

		private final Process process;

		private final long startedAt = System.nanoTime();

		private @Nullable Duration initDuration;

		private boolean initReported;

		private Environment(FunctionPackage functionPackage, RuntimeApiServer server, Process process) {
			this.functionPackage = functionPackage;
			this.server = server;
			this.process = process;
		}

		static Environment start(FunctionPackage functionPackage, int maxConcurrency, Path taskRoot, Output output) {
			RuntimeCommand command = new RuntimeCommand(functionPackage, taskRoot);
			RuntimeApiServer server = null;
			try {
				server = new RuntimeApiServer(0, maxConcurrency);
				List<String> commandLine = command.command();
				ProcessBuilder builder = new ProcessBuilder(commandLine).directory(taskRoot.toFile())
					.redirectErrorStream(true)
					.redirectOutput(output.redirect());
				// Lambda starts the runtime with its own variables only, not the
				// caller's.
				builder.environment().clear();
				builder.environment().putAll(command.environment(server.address()));
				Process process = builder.start();
				RuntimeApiServer started = server;
				process.onExit().thenAccept((exited) -> started.runtimeExited(exited.exitValue()));
				return new Environment(functionPackage, server, process);
			}
			catch (IOException ex) {
				if (server != null) {
					server.close();
				}
				throw new UncheckedIOException("Could not start the runtime of " + functionPackage, ex);
			}
			catch (RuntimeException ex) {
				if (server != null) {
					server.close();
				}
				throw ex;
			}
		}

		// Lambda gives an on-demand init 10 seconds, then runs it again within the
		// invocation's timeout.
		Optional<LambdaError> awaitInit(Duration initTimeout, Duration timeout, @Nullable String requestId) {
			CompletableFuture<Optional<LambdaError>> initialization = this.server.initialization();
			try {
				Optional<LambdaError> error = initialization.get(initTimeout.plus(timeout).toMillis(),
						TimeUnit.MILLISECONDS);
				if (this.initDuration == null) {
					this.initDuration = Duration.ofNanos(System.nanoTime() - this.startedAt);
				}
				return error;
			}
			catch (TimeoutException ex) {
				String prefix = (requestId != null) ? "RequestId: " + requestId + " Error: " : "";
				return Optional.of(LambdaError.of("Sandbox.Timedout",
						prefix + "Task timed out after " + seconds(timeout) + " seconds"));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the runtime's init", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("The runtime's init could not be observed", ex.getCause());
			}
		}

		InvocationResult invoke(InvocationRequest request, @Nullable ResponseStreamConsumer consumer) {
			try {
				return this.server.invoke(request, consumer)
					.get(request.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("The Runtime API did not settle invocation " + request.requestId(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while invoking the function", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Invocation " + request.requestId() + " failed", ex.getCause());
			}
		}

		// Lambda's REPORT line; the peak memory is the process's resident set high-water
		// mark.
		String report(String requestId, Duration duration) {
			double millis = duration.toNanos() / 1_000_000.0;
			StringBuilder report = new StringBuilder("REPORT RequestId: ").append(requestId)
				.append("\tDuration: ")
				.append(String.format(Locale.ROOT, "%.2f", millis))
				.append(" ms")
				.append("\tBilled Duration: ")
				.append((long) Math.ceil(millis))
				.append(" ms")
				.append("\tMemory Size: ")
				.append(this.functionPackage.memorySize())
				.append(" MB");
			maxMemoryUsedMb().ifPresent((used) -> report.append("\tMax Memory Used: ").append(used).append(" MB"));
			if (this.initDuration != null && !this.initReported) {
				report.append("\tInit Duration: ")
					.append(String.format(Locale.ROOT, "%.2f", this.initDuration.toNanos() / 1_000_000.0))
					.append(" ms");
				this.initReported = true;
			}
			return report.toString();
		}

		private Optional<Long> maxMemoryUsedMb() {
			Path status = Path.of("/proc", Long.toString(this.process.pid()), "status");
			try {
				for (String line : Files.readAllLines(status)) {
					if (line.startsWith("VmHWM:")) {
						long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
						return Optional.of((kb + 1023) / 1024);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// Not Linux, or the process is gone: Lambda's figure is then unknown.
			}
			return Optional.empty();
		}

		boolean isAlive() {
			return this.process.isAlive();
		}

		Optional<Integer> terminate(Duration grace) {
			this.process.destroy();
			try {
				if (this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
					return Optional.of(this.process.exitValue());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Optional.empty();
		}

		void stop() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.server.close();
		}

	}

	/**
	 * The runtime processes' output and Lambda's platform lines, in one file that every
	 * process appends to: whatever a runtime wrote before it answered is there when the
	 * answer arrives, without a reader thread to wait for.
	 */
	private static final class Output {

		private @Nullable Path file;

		private String last = "";

		synchronized ProcessBuilder.Redirect redirect() {
			try {
				if (this.file == null) {
					this.file = Files.createTempFile("lambda-output-", ".log");
				}
				return ProcessBuilder.Redirect.appendTo(this.file.toFile());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not create a file for the runtime's output", ex);
			}
		}

		synchronized void platform(String line) {
			if (this.file == null) {
				return;
			}
			try {
				Files.writeString(this.file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		synchronized long size() {
			try {
				return (this.file != null) ? Files.size(this.file) : 0;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		synchronized String since(long offset) {
			if (this.file == null) {
				return "";
			}
			// Only the tail: reading the whole file for every invocation makes a long run
			// quadratic.
			try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.READ)) {
				long from = Math.min(offset, channel.size());
				ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(channel.size() - from));
				while (tail.hasRemaining() && channel.read(tail, from + tail.position()) >= 0) {
					// read until the buffer is full
				}
				return new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		synchronized void delete() {
			this.last = toString();
			if (this.file != null) {
				try {
					Files.deleteIfExists(this.file);
				}
				catch (IOException ex) {
					// A temporary file left behind is not worth failing a test for.
				}
				this.file = null;
			}
		}

		@Override
		public synchronized String toString() {
			if (this.file == null) {
				return this.last;
			}
			return new String(bytes(), StandardCharsets.UTF_8);
		}

		private byte[] bytes() {
			try {
				return Files.readAllBytes(this.file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
