package dev.serverlessspring.test.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.serverlessspring.lambda.LambdaApplication;
import dev.serverlessspring.lambda.MainClassLocator;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.LambdaResponse;
import dev.serverlessspring.lambda.runtime.RuntimeContext;
import dev.serverlessspring.lambda.stream.StreamingResponse;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.ResponseStreamConsumer;
import dev.serverlessspring.test.config.FunctionConfig;
import dev.serverlessspring.test.runtime.InvocationRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A function run in the test's JVM: the Spring application started as
 * {@code FunctionHandler} starts it on Lambda
 * ({@code LambdaApplication.application(Class)}), with the function's environment
 * variables as the highest-precedence property source, and each event handed to its
 * {@code EventDispatcher} on a thread of its own, under the function's timeout.
 */
final class InProcessFunction implements LocalFunction {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String MAIN_CLASS_VARIABLE = "MAIN_CLASS";

	private final FunctionConfig config;

	private final @Nullable Class<?> mainClass;

	private final @Nullable String mainClassName;

	private final Map<String, String> environment;

	/**
	 * Where the application's classes come from; {@code null}: the invoking thread's
	 * context class loader.
	 */
	private @Nullable ClassLoader classLoader;

	private @Nullable ExecutorService executor;

	private @Nullable ConfigurableApplicationContext context;

	private @Nullable EventDispatcher dispatcher;

	/**
	 * Describe an in-process function; nothing starts before its first invocation.
	 * @param config the function
	 * @param mainClass the application class, or {@code null} to find it as Lambda does
	 * ({@code MAIN_CLASS}, then the {@code Start-Class} of the class path's manifests)
	 * @param mainClassName the application class's name, looked up in the function's
	 * class loader when {@code mainClass} is {@code null}, or {@code null}
	 * @param classLoader the loader of the application's classes, or {@code null} for the
	 * invoking thread's context class loader
	 */
	InProcessFunction(FunctionConfig config, @Nullable Class<?> mainClass, @Nullable String mainClassName,
			@Nullable ClassLoader classLoader) {
		this.config = config;
		this.mainClass = mainClass;
		this.mainClassName = mainClassName;
		this.classLoader = classLoader;
		this.environment = lambdaEnvironment(config);
	}

	private static Map<String, String> lambdaEnvironment(FunctionConfig config) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("AWS_LAMBDA_FUNCTION_NAME", config.deployedName());
		environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
		environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(config.memorySize()));
		environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.deployedName());
		environment.put("AWS_LAMBDA_LOG_STREAM_NAME",
				LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/[$LATEST]"
						+ HexFormat.of().formatHex(randomBytes()));
		environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
		environment.put("AWS_REGION", config.region());
		environment.put("AWS_DEFAULT_REGION", config.region());
		environment.put("_HANDLER", config.handler());
		environment.putAll(config.environment());
		return environment;
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	@Override
	public FunctionConfig config() {
		return this.config;
	}

	@Override
	public InvocationResult invoke(InvocationRequest request) {
		return invoke(request, null);
	}

	/**
	 * Invoke, and hand a streaming result to the consumer as the function writes it: on
	 * the function's thread, under its timeout; a stream that fails after its first byte
	 * is the invocation's error, as on Lambda.
	 */
	@Override
	public synchronized InvocationResult invoke(InvocationRequest request, @Nullable ResponseStreamConsumer consumer) {
		Log log = new Log();
		InvocationResult initFailure = init(request);
		if (initFailure != null) {
			return initFailure;
		}
		log.line("START RequestId: " + request.requestId() + " Version: $LATEST");
		long start = System.nanoTime();
		// The context the custom runtime builds from the Runtime API's headers, with this
		// invocation's log.
		RuntimeContext context = new RuntimeContext(new dev.serverlessspring.lambda.runtime.InvocationRequest(
				request.requestId(), System.currentTimeMillis() + request.timeout().toMillis(),
				request.invokedFunctionArn(), request.traceId(), request.clientContext(), request.cognitoIdentity(),
				request.tenantId(), request.payload()), this.environment, log);
		// init() started the environment under this lock: both are set.
		EventDispatcher current = Objects.requireNonNull(this.dispatcher, "init() set the dispatcher");
		ExecutorService executor = Objects.requireNonNull(this.executor, "init() set the executor");
		Future<byte @Nullable []> response = executor.submit(() -> {
			LambdaResponse answer = current.respond(request.payload(), context);
			StreamingResponse stream = answer.stream();
			if (consumer == null || stream == null) {
				return answer.payload();
			}
			try (ConsumerOutput out = new ConsumerOutput(consumer, stream.contentType())) {
				stream.writeTo(out);
			}
			return null;
		});
		InvocationResult result;
		try {
			byte[] payload = response.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
			result = InvocationResult.success(request.requestId(), (payload != null) ? payload : new byte[0],
					Duration.ofNanos(System.nanoTime() - start));
		}
		catch (ExecutionException ex) {
			Throwable failure = (ex.getCause() != null) ? ex.getCause() : ex;
			result = failure(request.requestId(), failure, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (TimeoutException ex) {
			response.cancel(true);
			String timedOut = "Task timed out after " + decimal(request.timeout().toMillis() / 1000.0) + " seconds";
			log.line(Instant.now() + " " + request.requestId() + " " + timedOut);
			String message = "RequestId: " + request.requestId() + " Error: " + timedOut;
			result = error(request.requestId(), "Sandbox.Timedout", message, null, request.timeout());
			// As Lambda does after a timeout: this environment is discarded, the next
			// invocation inits anew.
			discard();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			response.cancel(true);
			throw new IllegalStateException("Interrupted while invoking " + this.config.name(), ex);
		}
		log.line("END RequestId: " + request.requestId());
		log.line("REPORT RequestId: " + request.requestId() + "\tDuration: "
				+ decimal(result.duration().toNanos() / 1_000_000.0) + " ms\tBilled Duration: "
				+ Math.max(1, (long) Math.ceil(result.duration().toNanos() / 1_000_000.0)) + " ms\tMemory Size: "
				+ this.config.memorySize() + " MB");
		return result.withLog(log.toString());
	}

	private static String decimal(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	// Starts the application once; an init failure fails the invocation that waited for
	// it.
	private @Nullable InvocationResult init(InvocationRequest request) {
		Throwable failure = start();
		return (failure != null) ? failure(request.requestId(), failure, Duration.ZERO) : null;
	}

	/**
	 * Start the function's environment now, unless it runs already.
	 * @return why it failed to start, or {@code null} if it runs
	 */
	synchronized @Nullable Throwable start() {
		if (this.dispatcher != null) {
			return null;
		}
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		ClassLoader classLoader = (this.classLoader != null) ? this.classLoader : previous;
		this.executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread worker = new Thread(runnable, "local-lambda-" + this.config.name());
			worker.setDaemon(true);
			worker.setContextClassLoader(classLoader);
			return worker;
		});
		// Spring reads the context class loader when it creates the context and its bean
		// factory.
		thread.setContextClassLoader(classLoader);
		try {
			Class<?> mainClass = mainClass(classLoader);
			SpringApplication application = LambdaApplication.application(mainClass);
			application.setResourceLoader(new DefaultResourceLoader(classLoader));
			StandardEnvironment springEnvironment = new StandardEnvironment();
			springEnvironment.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("lambdaFunctionEnvironment",
						new LinkedHashMap<>(this.environment)));
			application.setEnvironment(springEnvironment);
			this.context = LambdaApplication.run(application);
			this.dispatcher = this.context.getBean(EventDispatcher.class);
			return null;
		}
		catch (Throwable ex) {
			discard();
			return ex;
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * Stop the function's environment; the next start loads the application's classes
	 * from {@code classLoader}.
	 * @param classLoader the loader of the application's classes
	 */
	synchronized void reload(ClassLoader classLoader) {
		discard();
		this.classLoader = classLoader;
	}

	private Class<?> mainClass(ClassLoader classLoader) throws ClassNotFoundException {
		String name = this.environment.get(MAIN_CLASS_VARIABLE);
		if (name != null && !name.isBlank()) {
			return Class.forName(name.strip(), false, classLoader);
		}
		if (this.mainClass != null) {
			return this.mainClass;
		}
		return (this.mainClassName != null) ? Class.forName(this.mainClassName, false, classLoader)
				: MainClassLocator.locate(classLoader);
	}

	// The error document as the AWS runtime interface client writes it for a thrown
	// exception.
	private static InvocationResult failure(String requestId, Throwable ex, Duration duration) {
		ArrayNode stackTrace = JSON.createArrayNode();
		for (StackTraceElement element : ex.getStackTrace()) {
			stackTrace.add(element.toString());
		}
		return error(requestId, ex.getClass().getName(), ex.getMessage(), stackTrace, duration);
	}

	private static InvocationResult error(String requestId, String type, @Nullable String message,
			@Nullable ArrayNode stackTrace, Duration duration) {
		ObjectNode document = JSON.createObjectNode();
		document.put("errorMessage", message);
		document.put("errorType", type);
		if (stackTrace != null) {
			document.set("stackTrace", stackTrace);
		}
		return InvocationResult.functionError(requestId, JSON.writeValueAsBytes(document), type, message, duration);
	}

	private void discard() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
		this.context = null;
		this.dispatcher = null;
		this.executor = null;
	}

	@Override
	public synchronized void close() {
		discard();
	}

	/**
	 * Opens the consumer at the stream's first byte: a function that fails before it
	 * fails as any other.
	 */
	private static final class ConsumerOutput extends OutputStream {

		private final ResponseStreamConsumer consumer;

		private final String contentType;

		private @Nullable OutputStream out;

		ConsumerOutput(ResponseStreamConsumer consumer, String contentType) {
			this.consumer = consumer;
			this.contentType = contentType;
		}

		private OutputStream out() throws IOException {
			OutputStream out = this.out;
			if (out == null) {
				out = this.consumer.open(this.contentType);
				this.out = out;
			}
			return out;
		}

		@Override
		public void write(int b) throws IOException {
			out().write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out().write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			if (this.out != null) {
				this.out.flush();
			}
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

	/**
	 * The invocation's log: platform lines and what the function wrote to its
	 * {@link LambdaLogger}.
	 */
	private static final class Log implements LambdaLogger {

		private final StringBuilder text = new StringBuilder();

		synchronized void line(String line) {
			this.text.append(line).append('\n');
		}

		@Override
		public void log(String message) {
			System.out.print(message);
			synchronized (this) {
				this.text.append(message);
			}
		}

		@Override
		public void log(byte[] message) {
			log(new String(message, StandardCharsets.UTF_8));
		}

		@Override
		public synchronized String toString() {
			return this.text.toString();
		}

	}

}
