package dev.serverlessspring.test.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.serverlessspring.test.runtime.InvocationRequest;

/**
 * What {@link ManagedRuntimeProcess} runs: a deployment package (a zip, or a directory that
 * is already a task root) with the function configuration Lambda would hold for it. Immutable:
 * each {@code withXxx}-style method returns a copy, so one package can serve several
 * functions.
 * <pre class="code">
 * FunctionPackage quote = FunctionPackage.of(zip)
 *     .handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
 *     .environment("SPRING_CLOUD_FUNCTION_DEFINITION", "quote")
 *     .timeout(Duration.ofSeconds(30))
 *     .memorySize(512);
 * </pre>
 * Defaults are Lambda's: runtime {@code java21}, 128 MB, 3 seconds, region
 * {@code us-east-1}.
 */
public final class FunctionPackage {

	private final Path source;

	private final String functionName;

	private final String runtime;

	private final String handler;

	private final Map<String, String> environment;

	private final Duration timeout;

	private final int memorySize;

	private final List<String> jvmOptions;

	private final Path javaHome;

	private final String region;

	private FunctionPackage(Path source, String functionName, String runtime, String handler,
			Map<String, String> environment, Duration timeout, int memorySize, List<String> jvmOptions, Path javaHome,
			String region) {
		this.source = source;
		this.functionName = functionName;
		this.runtime = runtime;
		this.handler = handler;
		this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
		this.timeout = timeout;
		this.memorySize = memorySize;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.javaHome = javaHome;
		this.region = region;
	}

	/**
	 * Describe the function in the given deployment package.
	 * @param zipOrTaskRoot a deployment zip, or a directory laid out as Lambda's task root
	 * (classes at the root, jars under {@code lib/})
	 * @return the package, with Lambda's default configuration
	 */
	public static FunctionPackage of(Path zipOrTaskRoot) {
		return new FunctionPackage(zipOrTaskRoot.toAbsolutePath().normalize(), "function", "java21", null, Map.of(),
				Duration.ofSeconds(3), 128, List.of(), null, "us-east-1");
	}

	/**
	 * Find the one file in a directory whose name matches a glob, such as the zip a build
	 * wrote: {@code find(Path.of("target"), "serverless-spring-example-*-aws.zip")}.
	 * @param directory the directory to look in
	 * @param glob the file name pattern
	 * @return the package of the file found
	 * @throws IllegalStateException if no file, or more than one, matches
	 */
	public static FunctionPackage find(Path directory, String glob) {
		List<Path> matches = new ArrayList<>();
		if (Files.isDirectory(directory)) {
			try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
				files.forEach(matches::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (matches.size() != 1) {
			throw new IllegalStateException(((matches.isEmpty()) ? "No deployment package " : "Several packages ") + glob
					+ " in " + directory.toAbsolutePath() + ((matches.isEmpty()) ? ": build it first (mvn package)" : ": "
							+ matches));
		}
		return of(matches.get(0));
	}

	/**
	 * Return the deployment zip or task root directory.
	 * @return the package's path
	 */
	public Path source() {
		return this.source;
	}

	/**
	 * Return the function's name ({@code AWS_LAMBDA_FUNCTION_NAME}).
	 * @return the name, {@code function} unless set
	 */
	public String functionName() {
		return this.functionName;
	}

	/**
	 * Return a copy with the given function name.
	 * @param functionName the name
	 * @return the new package
	 */
	public FunctionPackage functionName(String functionName) {
		return new FunctionPackage(this.source, requireText(functionName, "functionName"), this.runtime, this.handler,
				this.environment, this.timeout, this.memorySize, this.jvmOptions, this.javaHome, this.region);
	}

	/**
	 * Return the Lambda runtime identifier, as in {@code serverless.yml}: {@code java17},
	 * {@code java21} or {@code java25} start the AWS runtime interface client;
	 * {@code provided.al2023} (any {@code provided*}) starts the task root's
	 * {@code bootstrap}.
	 * @return the runtime
	 */
	public String runtime() {
		return this.runtime;
	}

	/**
	 * Return a copy for the given runtime.
	 * @param runtime the runtime identifier, see {@link #runtime()}
	 * @return the new package
	 */
	public FunctionPackage runtime(String runtime) {
		requireText(runtime, "runtime");
		if (!runtime.startsWith("java") && !runtime.startsWith("provided")) {
			throw new IllegalArgumentException("Unsupported runtime '" + runtime + "': use java17, java21, java25 or provided.al2023");
		}
		return new FunctionPackage(this.source, this.functionName, runtime, this.handler, this.environment,
				this.timeout, this.memorySize, this.jvmOptions, this.javaHome, this.region);
	}

	/**
	 * Return whether this is a custom runtime, started by the task root's {@code bootstrap}.
	 * @return {@code true} for a {@code provided*} runtime
	 */
	public boolean isCustomRuntime() {
		return this.runtime.startsWith("provided");
	}

	/**
	 * Return the handler string ({@code _HANDLER}).
	 * @return the handler, or {@code null} if not set
	 */
	public String handler() {
		return this.handler;
	}

	/**
	 * Return a copy with the given handler.
	 * @param handler the handler, such as {@code com.example.Handler::handleRequest}
	 * @return the new package
	 */
	public FunctionPackage handler(String handler) {
		return new FunctionPackage(this.source, this.functionName, this.runtime, requireText(handler, "handler"),
				this.environment, this.timeout, this.memorySize, this.jvmOptions, this.javaHome, this.region);
	}

	/**
	 * Return the function's own environment variables.
	 * @return the variables, in the order they were added
	 */
	public Map<String, String> environment() {
		return this.environment;
	}

	/**
	 * Return a copy with one more environment variable (or a new value for it). Lambda's own
	 * variables may be overridden too, for example {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
	 * @param name the variable's name
	 * @param value the value
	 * @return the new package
	 */
	public FunctionPackage environment(String name, String value) {
		Map<String, String> environment = new LinkedHashMap<>(this.environment);
		environment.put(requireText(name, "name"), Objects.requireNonNull(value, "value"));
		return environment(environment);
	}

	/**
	 * Return a copy with the given environment variables instead of the current ones.
	 * @param environment the variables
	 * @return the new package
	 */
	public FunctionPackage environment(Map<String, String> environment) {
		return new FunctionPackage(this.source, this.functionName, this.runtime, this.handler, environment,
				this.timeout, this.memorySize, this.jvmOptions, this.javaHome, this.region);
	}

	/**
	 * Return the function's timeout.
	 * @return the timeout, 3 seconds unless set
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return a copy with the given timeout.
	 * @param timeout the timeout; Lambda allows 1 second to 15 minutes, any positive value
	 * is accepted here
	 * @return the new package
	 */
	public FunctionPackage timeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive, not " + timeout);
		}
		return new FunctionPackage(this.source, this.functionName, this.runtime, this.handler, this.environment,
				timeout, this.memorySize, this.jvmOptions, this.javaHome, this.region);
	}

	/**
	 * Return the memory size in MB ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}); the JVM's
	 * maximum heap is derived from it as on Lambda.
	 * @return the memory size, 128 unless set
	 */
	public int memorySize() {
		return this.memorySize;
	}

	/**
	 * Return a copy with the given memory size.
	 * @param memorySize the size in MB, 128 to 10240
	 * @return the new package
	 */
	public FunctionPackage memorySize(int memorySize) {
		if (memorySize < 128 || memorySize > 10240) {
			throw new IllegalArgumentException("Lambda's memory size is 128 to 10240 MB, not " + memorySize);
		}
		return new FunctionPackage(this.source, this.functionName, this.runtime, this.handler, this.environment,
				this.timeout, memorySize, this.jvmOptions, this.javaHome, this.region);
	}

	/**
	 * Return the JVM options added after Lambda's own (managed runtimes only).
	 * @return the options
	 */
	public List<String> jvmOptions() {
		return this.jvmOptions;
	}

	/**
	 * Return a copy with the given extra JVM options instead of the current ones. Lambda
	 * itself takes extra options only through {@code JAVA_TOOL_OPTIONS}, which
	 * {@link #environment(String, String)} sets as on Lambda.
	 * @param jvmOptions the options
	 * @return the new package
	 */
	public FunctionPackage jvmOptions(String... jvmOptions) {
		return new FunctionPackage(this.source, this.functionName, this.runtime, this.handler, this.environment,
				this.timeout, this.memorySize, List.of(jvmOptions), this.javaHome, this.region);
	}

	/**
	 * Return the Java installation that runs the function.
	 * @return the {@code JAVA_HOME}, empty for the JVM running the tests
	 */
	public Optional<Path> javaHome() {
		return Optional.ofNullable(this.javaHome);
	}

	/**
	 * Return a copy run by the given Java installation, for example a JDK 21 to match
	 * Lambda's {@code java21}.
	 * @param javaHome the installation's directory
	 * @return the new package
	 */
	public FunctionPackage javaHome(Path javaHome) {
		return new FunctionPackage(this.source, this.functionName, this.runtime, this.handler, this.environment,
				this.timeout, this.memorySize, this.jvmOptions, javaHome, this.region);
	}

	/**
	 * Return the region ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION}).
	 * @return the region, {@code us-east-1} unless set
	 */
	public String region() {
		return this.region;
	}

	/**
	 * Return a copy in the given region.
	 * @param region the region
	 * @return the new package
	 */
	public FunctionPackage region(String region) {
		return new FunctionPackage(this.source, this.functionName, this.runtime, this.handler, this.environment,
				this.timeout, this.memorySize, this.jvmOptions, this.javaHome, requireText(region, "region"));
	}

	/**
	 * Return the function's unqualified ARN, with a placeholder account id.
	 * @return the ARN
	 */
	public String functionArn() {
		return "arn:aws:lambda:" + this.region + ":012345678912:function:" + this.functionName;
	}

	/**
	 * Start an invocation request for this function: its timeout and ARN are preset.
	 * @param event the event's bytes
	 * @return the request builder
	 */
	public InvocationRequest.Builder invocation(byte[] event) {
		return InvocationRequest.builder(event).timeout(this.timeout).invokedFunctionArn(functionArn());
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return value;
	}

	@Override
	public String toString() {
		return "FunctionPackage[" + this.functionName + " (" + this.runtime + ", " + this.handler + ") from "
				+ this.source + "]";
	}

}
