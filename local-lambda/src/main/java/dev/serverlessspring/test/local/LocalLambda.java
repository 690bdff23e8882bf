package dev.serverlessspring.test.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.aws.LocalSqs;
import dev.serverlessspring.test.config.FunctionConfig;
import dev.serverlessspring.test.config.ServerlessConfig;
import dev.serverlessspring.test.config.SqsEventSource;
import dev.serverlessspring.test.http.ApiGatewayFront;
import dev.serverlessspring.test.http.FunctionUrlServer;
import dev.serverlessspring.test.invoke.InvokeApiServer;
import org.jspecify.annotations.Nullable;

/**
 * A local Lambda for the functions of a {@code serverless.yml}: each function in its own
 * execution environment, Lambda's Invoke API for SDK clients, and API Gateway's HTTP
 * front for the functions' {@code httpApi}/{@code http} events, and a Function URL, on a
 * port of its own, for each function with a {@code url} (streamed with
 * {@code invokeMode: RESPONSE_STREAM}). The AWS services that the file's
 * {@code resources} declare run locally too ({@link LocalAwsServices}: a DynamoDB for its
 * tables, an SQS for its queues), and the functions get the
 * {@code AWS_ENDPOINT_URL_<SERVICE>} variables that point at them; each function's
 * {@code sqs} events poll the local queues ({@link SqsEventSourceMapping}), and its
 * {@code s3} events hear of the local buckets' objects ({@link S3EventNotifications}).
 * Everything listens on {@code 127.0.0.1} only, and stops with the local Lambda.
 * <pre class="code">
 * try (LocalLambda lambda = LocalLambda.builder().config(Path.of("serverless.yml")).start()) {
 *     InvocationResult result = lambda.invoke("uppercase", "\"hello\"");
 *     HttpResponse&lt;String&gt; response = lambda.post("/uppercase", "hello");
 *     URI endpoint = lambda.invokeEndpoint(); // LambdaClient.builder().endpointOverride(endpoint)
 * }
 * </pre>
 */
public final class LocalLambda implements AutoCloseable {

	private final ServerlessConfig config;

	private final Mode mode;

	private final Map<String, LocalFunction> functions;

	private final InvokeApiServer invokeApi;

	private final ApiGatewayFront front;

	private final Map<String, FunctionUrlServer> functionUrls = new LinkedHashMap<>();

	private final LocalAwsServices aws;

	private final List<SqsEventSourceMapping> eventSourceMappings = new ArrayList<>();

	private @Nullable S3EventNotifications s3EventNotifications;

	private final @Nullable SdkSystemProperties sdkProperties;

	private final HttpClient httpClient = HttpClient.newHttpClient();

	private LocalLambda(Builder builder) throws IOException {
		this.config = (builder.config != null) ? builder.config
				: ServerlessConfig.read(builder.configFile, builder.stage);
		this.mode = builder.mode.resolve(this.config);
		Map<String, LocalFunction> functions = new LinkedHashMap<>();
		this.aws = builder.awsServices ? LocalAwsServices.start(this.config) : LocalAwsServices.none();
		Map<String, String> awsEnvironment = this.aws.environment();
		if (this.mode == Mode.IN_PROCESS) {
			// Lambda always gives a function its region; the SDK's clients need it to be
			// built.
			Map<String, String> sdkEnvironment = new LinkedHashMap<>(awsEnvironment);
			sdkEnvironment.put("AWS_REGION", this.config.region());
			this.sdkProperties = new SdkSystemProperties(sdkEnvironment);
		}
		else {
			this.sdkProperties = null;
		}
		try {
			for (FunctionConfig configured : this.config.functions().values()) {
				FunctionConfig function = configured.withEnvironment(awsEnvironment);
				functions.put(function.name(),
						(this.mode == Mode.OUT_OF_PROCESS) ? new OutOfProcessFunction(function) : new InProcessFunction(
								function, builder.mainClass, builder.mainClassName, builder.classLoader));
			}
			this.functions = functions;
			startEventSourceMappings();
			startS3EventNotifications();
			this.invokeApi = new InvokeApiServer(builder.invokePort, this::findFunction);
			try {
				this.front = new ApiGatewayFront(builder.httpPort, List.copyOf(functions.values()),
						this.config.stage());
			}
			catch (IOException ex) {
				this.invokeApi.close();
				throw ex;
			}
			try {
				for (LocalFunction function : functions.values()) {
					if (function.config().url() != null) {
						this.functionUrls.put(function.config().name(), new FunctionUrlServer(function));
					}
				}
			}
			catch (IOException ex) {
				this.functionUrls.values().forEach(FunctionUrlServer::close);
				this.front.close();
				this.invokeApi.close();
				throw ex;
			}
		}
		catch (IOException | RuntimeException ex) {
			this.eventSourceMappings.forEach(SqsEventSourceMapping::close);
			if (this.s3EventNotifications != null) {
				this.s3EventNotifications.close();
			}
			functions.values().forEach(LocalFunction::close);
			stopAws();
			throw ex;
		}
	}

	// Each enabled sqs event of a queue the local SQS serves polls for its function.
	private void startEventSourceMappings() {
		LocalSqs sqs = this.aws.sqs();
		if (sqs == null) {
			return;
		}
		Set<String> queues = new HashSet<>();
		this.config.resources().values().forEach((resource) -> queues.add(resource.arn()));
		for (SqsEventSource source : this.config.sqsEventSources()) {
			if (source.enabled() && queues.contains(source.queueArn())) {
				// ServerlessConfig reads sqs events from the functions it declares: each
				// has its LocalFunction.
				LocalFunction function = Objects.requireNonNull(this.functions.get(source.function()),
						source.function());
				SqsEventSourceMapping mapping = new SqsEventSourceMapping(source, function, sqs, this.config.region());
				this.eventSourceMappings.add(mapping);
				mapping.start();
			}
		}
	}

	// The s3 events of the local S3's buckets invoke their functions.
	private void startS3EventNotifications() {
		if (this.aws.s3() == null || this.config.s3EventSources().isEmpty()) {
			return;
		}
		this.s3EventNotifications = new S3EventNotifications(this.config.s3EventSources(), this.functions,
				this.aws.s3());
	}

	/**
	 * Return the local event notifications that invoke the functions of {@code s3}
	 * events.
	 * @return the notifications, or {@code null} when no function has an {@code s3} event
	 * or the local S3 does not run
	 */
	public @Nullable S3EventNotifications s3EventNotifications() {
		return this.s3EventNotifications;
	}

	/**
	 * Return the event source mappings polling the local queues for the functions'
	 * {@code sqs} events.
	 * @return the mappings
	 */
	public List<SqsEventSourceMapping> eventSourceMappings() {
		return List.copyOf(this.eventSourceMappings);
	}

	/**
	 * Start building a local Lambda.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the configuration the functions come from.
	 * @return the configuration
	 */
	public ServerlessConfig config() {
		return this.config;
	}

	/**
	 * Return how the functions run.
	 * @return {@link Mode#IN_PROCESS} or {@link Mode#OUT_OF_PROCESS}
	 */
	public Mode mode() {
		return this.mode;
	}

	/**
	 * Return one function.
	 * @param name its key in {@code serverless.yml} or its deployed name
	 * @return the function
	 * @throws IllegalArgumentException if there is no such function
	 */
	public LocalFunction function(String name) {
		return findFunction(name).orElseThrow(() -> new IllegalArgumentException(
				"No function '" + name + "'; functions: " + this.functions.keySet()));
	}

	private Optional<LocalFunction> findFunction(String name) {
		Optional<LocalFunction> function = this.config.findFunction(name)
			.map((found) -> this.functions.get(found.name()));
		if (function.isEmpty() && "function".equals(name) && this.functions.size() == 1) {
			// The Runtime Interface Emulator serves its one function under the name
			// "function".
			return Optional.of(this.functions.values().iterator().next());
		}
		return function;
	}

	/**
	 * Invoke a function synchronously.
	 * @param function the function's name
	 * @param event the event, usually JSON
	 * @return the result
	 */
	public InvocationResult invoke(String function, String event) {
		return invoke(function, event.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Invoke a function synchronously.
	 * @param function the function's name
	 * @param event the event's bytes
	 * @return the result
	 */
	public InvocationResult invoke(String function, byte[] event) {
		LocalFunction target = function(function);
		return target.invoke(target.invocation(event).build());
	}

	/**
	 * Invoke a function with the event of a fixture file.
	 * @param function the function's name
	 * @param fixture a class path resource (such as {@code events/quote.json}) or a file
	 * @return the result
	 */
	public InvocationResult invokeFixture(String function, String fixture) {
		return invoke(function, readFixture(fixture));
	}

	/**
	 * Read a fixture: a class path resource, else a file.
	 * @param fixture the resource name or file path
	 * @return its bytes
	 */
	public static byte[] readFixture(String fixture) {
		String resource = fixture.startsWith("/") ? fixture.substring(1) : fixture;
		try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
			if (in != null) {
				return in.readAllBytes();
			}
			Path file = Path.of(fixture);
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException(
						"No event fixture '" + fixture + "' on the class path or at " + file.toAbsolutePath());
			}
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Replace every function's execution environment by a new one whose application
	 * classes come from {@code classLoader}, as after a deployment: the running
	 * environments are stopped, then all functions start, one after the other, before
	 * this method returns, so that a function that no longer starts is known at once.
	 * Invocations that arrive meanwhile wait for their function. The servers keep their
	 * ports.
	 * @param classLoader the loader of the application's classes (its parent provides the
	 * dependencies)
	 * @return the functions that failed to start, by name, with the reason; empty if all
	 * run
	 * @throws IllegalStateException if the functions run out of process, from their
	 * packages
	 */
	public Map<String, Throwable> reload(ClassLoader classLoader) {
		if (this.mode != Mode.IN_PROCESS) {
			throw new IllegalStateException(
					"Only in-process functions reload; these run from their deployment packages");
		}
		List<InProcessFunction> functions = this.functions.values()
			.stream()
			.map(InProcessFunction.class::cast)
			.toList();
		functions.forEach((function) -> function.reload(classLoader));
		// One after the other: Spring Boot sets up the JVM's one logging system as each
		// application starts.
		Map<String, Throwable> failures = new LinkedHashMap<>();
		for (InProcessFunction function : functions) {
			Throwable failure = function.start();
			if (failure != null) {
				failures.put(function.config().name(), failure);
			}
		}
		return failures;
	}

	/**
	 * Return the Invoke API endpoint, for
	 * {@code LambdaClient.builder().endpointOverride(...)}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI invokeEndpoint() {
		return this.invokeApi.endpoint();
	}

	/**
	 * Return the local AWS services that the configuration's resources declared.
	 * @return the services; {@link LocalAwsServices#isEmpty() empty} when it declares
	 * none served locally, or when they were turned off
	 */
	public LocalAwsServices aws() {
		return this.aws;
	}

	/**
	 * Return the base URL of the HTTP front.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI httpUrl() {
		return this.front.url();
	}

	/**
	 * Return the Function URLs: one for each function with a {@code url} in
	 * {@code serverless.yml}, each on a port of its own.
	 * @return the URLs ({@code http://127.0.0.1:<port>/}) by function name
	 */
	public Map<String, URI> functionUrls() {
		Map<String, URI> urls = new LinkedHashMap<>();
		this.functionUrls.forEach((name, server) -> urls.put(name, server.url()));
		return urls;
	}

	/**
	 * Return the HTTP routes and the functions they go to.
	 * @return route keys, such as {@code POST /uppercase}, to function names
	 */
	public Map<String, String> routes() {
		return this.front.routes();
	}

	/**
	 * Send a {@code GET} to the HTTP front.
	 * @param path the path and query, such as {@code /items/1?full=true}
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(httpUrl().resolve(path)).GET().build());
	}

	/**
	 * Send a {@code POST} with a JSON body to the HTTP front.
	 * @param path the path
	 * @param json the body
	 * @return the response
	 */
	public HttpResponse<String> post(String path, String json) {
		return send(HttpRequest.newBuilder(httpUrl().resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * Send any request, built against {@link #httpUrl()}, with the JDK's HTTP client.
	 * @param request the request
	 * @return the response, its body as text
	 */
	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending " + request.method() + " " + request.uri(), ex);
		}
	}

	/**
	 * Stop the servers and every function's environment.
	 */
	@Override
	public void close() {
		this.functionUrls.values().forEach(FunctionUrlServer::close);
		this.eventSourceMappings.forEach(SqsEventSourceMapping::stop);
		this.eventSourceMappings.forEach(SqsEventSourceMapping::close);
		if (this.s3EventNotifications != null) {
			this.s3EventNotifications.close();
		}
		this.front.close();
		this.invokeApi.close();
		List<RuntimeException> failures = new ArrayList<>();
		for (LocalFunction function : this.functions.values()) {
			try {
				function.close();
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
		}
		stopAws();
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
	}

	private void stopAws() {
		if (this.sdkProperties != null) {
			this.sdkProperties.close();
		}
		this.aws.close();
	}

	/** How functions run. */
	public enum Mode {

		/**
		 * In the calling JVM: the application starts as on Lambda, its dispatcher is
		 * called directly. Fast; the function's classes come from the class path.
		 */
		IN_PROCESS,

		/**
		 * Each function in a runtime process of its own, from its deployment package
		 * ({@code package.artifact}), under the AWS runtime interface client.
		 */
		OUT_OF_PROCESS,

		/**
		 * Out of process when every function has a {@code package.artifact}, else in
		 * process.
		 */
		AUTO;

		Mode resolve(ServerlessConfig config) {
			if (this != AUTO) {
				return this;
			}
			boolean packaged = config.functions().values().stream().allMatch((function) -> function.artifact() != null);
			return packaged ? OUT_OF_PROCESS : IN_PROCESS;
		}

	}

	/** Builds and starts a {@link LocalLambda}. */
	public static final class Builder {

		private Path configFile = Path.of("serverless.yml");

		private @Nullable ServerlessConfig config;

		private @Nullable String stage;

		private Mode mode = Mode.AUTO;

		private @Nullable Class<?> mainClass;

		private @Nullable String mainClassName;

		private @Nullable ClassLoader classLoader;

		private int httpPort;

		private int invokePort;

		private boolean awsServices = true;

		private Builder() {
		}

		/**
		 * Choose whether the AWS services that the configuration's {@code resources}
		 * declare run locally ({@link LocalAwsServices}); default {@code true}. Turn them
		 * off for functions that reach other endpoints, such as LocalStack's.
		 * @param awsServices whether to start them
		 * @return this builder
		 */
		public Builder awsServices(boolean awsServices) {
			this.awsServices = awsServices;
			return this;
		}

		/**
		 * Read the functions from a {@code serverless.yml}; default
		 * {@code serverless.yml}.
		 * @param file the file
		 * @return this builder
		 */
		public Builder config(Path file) {
			this.configFile = file;
			return this;
		}

		/**
		 * Use functions already read.
		 * @param config the configuration
		 * @return this builder
		 */
		public Builder config(ServerlessConfig config) {
			this.config = config;
			return this;
		}

		/**
		 * Read the configuration for a stage ({@code --stage}).
		 * @param stage the stage
		 * @return this builder
		 */
		public Builder stage(String stage) {
			this.stage = stage;
			return this;
		}

		/**
		 * Choose how functions run; default {@link Mode#AUTO}.
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder mode(Mode mode) {
			this.mode = mode;
			return this;
		}

		/**
		 * Set the application class for in-process functions; by default it is found as
		 * on Lambda: a {@code MAIN_CLASS} variable, else the {@code Start-Class} of a
		 * manifest.
		 * @param mainClass the {@code @SpringBootApplication} class
		 * @return this builder
		 */
		public Builder mainClass(@Nullable Class<?> mainClass) {
			this.mainClass = mainClass;
			return this;
		}

		/**
		 * Name the application class for in-process functions, to be loaded from their
		 * class loader (see {@link #classLoader(ClassLoader)}); by default it is found as
		 * on Lambda.
		 * @param mainClassName the {@code @SpringBootApplication} class's name
		 * @return this builder
		 */
		public Builder mainClass(String mainClassName) {
			this.mainClassName = mainClassName;
			return this;
		}

		/**
		 * Load in-process functions' application classes from a class loader of their
		 * own, which {@link LocalLambda#reload(ClassLoader)} replaces; by default the
		 * invoking thread's context class loader.
		 * @param classLoader the loader of the application's classes
		 * @return this builder
		 */
		public Builder classLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Set the HTTP front's port; default {@code 0}, a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder httpPort(int port) {
			this.httpPort = port;
			return this;
		}

		/**
		 * Set the Invoke API's port; default {@code 0}, a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder invokePort(int port) {
			this.invokePort = port;
			return this;
		}

		/**
		 * Start the local Lambda: read the configuration and bind the servers. Functions
		 * init at their first invocation, as on Lambda.
		 * @return the running local Lambda
		 * @throws IOException if a port cannot be bound
		 * @throws dev.serverlessspring.test.config.ServerlessConfigException if the
		 * configuration cannot be read
		 * @throws IllegalStateException if a deployment package is missing
		 */
		public LocalLambda start() throws IOException {
			return new LocalLambda(this);
		}

	}

}
