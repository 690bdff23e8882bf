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
import java.util.function.Consumer;

import dev.serverlessspring.test.runtime.InvocationRequest;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ManagedRuntimeProcess} runs: a deployment package (a zip, or a directory
 * that is already a task root) with the function configuration Lambda would hold for it.
 * Immutable: each {@code withXxx}-style method returns a copy, so one package can serve
 * several functions. <pre class="code">
 * FunctionPackage quote = FunctionPackage.of(zip)
 *     .handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
 *     .environment("SPRING_CLOUD_FUNCTION_DEFINITION", "quote")
 *     .timeout(Duration.ofSeconds(30))
 *     .memorySize(512);
 * </pre> Defaults are Lambda's: runtime {@code java21}, 128 MB, 3 seconds, region
 * {@code us-east-1}.
 */
public final class FunctionPackage {

	private final Settings settings;

	private FunctionPackage(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Describe the function in the given deployment package.
	 * @param zipOrTaskRoot a deployment zip, or a directory laid out as Lambda's task
	 * root (classes at the root, jars under {@code lib/})
	 * @return the package, with Lambda's default configuration
	 */
	public static FunctionPackage of(Path zipOrTaskRoot) {
		return new FunctionPackage(new Settings(zipOrTaskRoot.toAbsolutePath().normalize()));
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
			throw new IllegalStateException(((matches.isEmpty()) ? "No deployment package " : "Several packages ")
					+ glob + " in " + directory.toAbsolutePath()
					+ ((matches.isEmpty()) ? ": build it first (mvn package)" : ": " + matches));
		}
		return of(matches.get(0));
	}

	/**
	 * Return the deployment zip or task root directory.
	 * @return the package's path
	 */
	public Path source() {
		return this.settings.source;
	}

	/**
	 * Return the function's name ({@code AWS_LAMBDA_FUNCTION_NAME}).
	 * @return the name, {@code function} unless set
	 */
	public String functionName() {
		return this.settings.functionName;
	}

	/**
	 * Return a copy with the given function name.
	 * @param functionName the name
	 * @return the new package
	 */
	public FunctionPackage functionName(String functionName) {
		return with((settings) -> settings.functionName = requireText(functionName, "functionName"));
	}

	/**
	 * Return the Lambda runtime identifier, as in {@code serverless.yml}: {@code java17},
	 * {@code java21} or {@code java25} start the AWS runtime interface client;
	 * {@code provided.al2023} (any {@code provided*}) starts the task root's
	 * {@code bootstrap}.
	 * @return the runtime
	 */
	public String runtime() {
		return this.settings.runtime;
	}

	/**
	 * Return a copy for the given runtime.
	 * @param runtime the runtime identifier, see {@link #runtime()}
	 * @return the new package
	 */
	public FunctionPackage runtime(String runtime) {
		requireText(runtime, "runtime");
		if (!runtime.startsWith("java") && !runtime.startsWith("provided")) {
			throw new IllegalArgumentException(
					"Unsupported runtime '" + runtime + "': use java17, java21, java25 or provided.al2023");
		}
		return with((settings) -> settings.runtime = runtime);
	}

	/**
	 * Return whether this is a custom runtime, started by the task root's
	 * {@code bootstrap}.
	 * @return {@code true} for a {@code provided*} runtime
	 */
	public boolean isCustomRuntime() {
		return this.settings.runtime.startsWith("provided");
	}

	/**
	 * Return the handler string ({@code _HANDLER}).
	 * @return the handler, or {@code null} if not set
	 */
	public @Nullable String handler() {
		return this.settings.handler;
	}

	/**
	 * Return a copy with the given handler.
	 * @param handler the handler, such as {@code com.example.Handler::handleRequest}
	 * @return the new package
	 */
	public FunctionPackage handler(String handler) {
		return with((settings) -> settings.handler = requireText(handler, "handler"));
	}

	/**
	 * Return the function's own environment variables.
	 * @return the variables, in the order they were added
	 */
	public Map<String, String> environment() {
		return Collections.unmodifiableMap(this.settings.environment);
	}

	/**
	 * Return a copy with one more environment variable (or a new value for it). Lambda's
	 * own variables may be overridden too, for example
	 * {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
	 * @param name the variable's name
	 * @param value the value
	 * @return the new package
	 */
	public FunctionPackage environment(String name, String value) {
		Map<String, String> environment = new LinkedHashMap<>(this.settings.environment);
		environment.put(requireText(name, "name"), Objects.requireNonNull(value, "value"));
		return environment(environment);
	}

	/**
	 * Return a copy with the given environment variables instead of the current ones.
	 * @param environment the variables
	 * @return the new package
	 */
	public FunctionPackage environment(Map<String, String> environment) {
		return with((settings) -> settings.environment = new LinkedHashMap<>(environment));
	}

	/**
	 * Return the function's timeout.
	 * @return the timeout, 3 seconds unless set
	 */
	public Duration timeout() {
		return this.settings.timeout;
	}

	/**
	 * Return a copy with the given timeout.
	 * @param timeout the timeout; Lambda allows 1 second to 15 minutes, any positive
	 * value is accepted here
	 * @return the new package
	 */
	public FunctionPackage timeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive, not " + timeout);
		}
		return with((settings) -> settings.timeout = timeout);
	}

	/**
	 * Return the memory size in MB ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}); the JVM's
	 * maximum heap is derived from it as on Lambda.
	 * @return the memory size, 128 unless set
	 */
	public int memorySize() {
		return this.settings.memorySize;
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
		return with((settings) -> settings.memorySize = memorySize);
	}

	/**
	 * Return the JVM options added after Lambda's own (managed runtimes only).
	 * @return the options
	 */
	public List<String> jvmOptions() {
		return this.settings.jvmOptions;
	}

	/**
	 * Return a copy with the given extra JVM options instead of the current ones. Lambda
	 * itself takes extra options only through {@code JAVA_TOOL_OPTIONS}, which
	 * {@link #environment(String, String)} sets as on Lambda.
	 * @param jvmOptions the options
	 * @return the new package
	 */
	public FunctionPackage jvmOptions(String... jvmOptions) {
		return with((settings) -> settings.jvmOptions = List.of(jvmOptions));
	}

	/**
	 * Return the Java installation that runs the function.
	 * @return the {@code JAVA_HOME}, empty for the JVM running the tests
	 */
	public Optional<Path> javaHome() {
		return Optional.ofNullable(this.settings.javaHome);
	}

	/**
	 * Return a copy run by the given Java installation, for example a JDK 21 to match
	 * Lambda's {@code java21}.
	 * @param javaHome the installation's directory
	 * @return the new package
	 */
	public FunctionPackage javaHome(Path javaHome) {
		return with((settings) -> settings.javaHome = javaHome);
	}

	/**
	 * Return the command the runtime is started through.
	 * @return the launcher command and its arguments, empty to start the runtime directly
	 */
	public List<String> launcher() {
		return this.settings.launcher;
	}

	/**
	 * Return a copy started through the given command, for example
	 * {@code launcher("taskset", "-c", "0")} to pin the runtime to one CPU as a benchmark
	 * does. The runtime's command line is appended to it.
	 * @param launcher the command and its arguments
	 * @return the new package
	 */
	public FunctionPackage launcher(String... launcher) {
		return with((settings) -> settings.launcher = List.of(launcher));
	}

	/**
	 * Return the region ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION}).
	 * @return the region, {@code us-east-1} unless set
	 */
	public String region() {
		return this.settings.region;
	}

	/**
	 * Return a copy in the given region.
	 * @param region the region
	 * @return the new package
	 */
	public FunctionPackage region(String region) {
		return with((settings) -> settings.region = requireText(region, "region"));
	}

	/**
	 * Return the function's unqualified ARN, with a placeholder account id.
	 * @return the ARN
	 */
	public String functionArn() {
		return "arn:aws:lambda:" + this.settings.region + ":012345678912:function:" + this.settings.functionName;
	}

	/**
	 * Start an invocation request for this function: its timeout and ARN are preset.
	 * @param event the event's bytes
	 * @return the request builder
	 */
	public InvocationRequest.Builder invocation(byte[] event) {
		return InvocationRequest.builder(event).timeout(this.settings.timeout).invokedFunctionArn(functionArn());
	}

	private FunctionPackage with(Consumer<Settings> change) {
		Settings copy = this.settings.copy();
		change.accept(copy);
		return new FunctionPackage(copy);
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return value;
	}

	@Override
	public String toString() {
		return "FunctionPackage[" + this.settings.functionName + " (" + this.settings.runtime + ", "
				+ this.settings.handler + ") from " + this.settings.source + "]";
	}

	/** The configuration, copied and changed by each {@code with}. */
	private static final class Settings {

		final Path source;

		String functionName = "function";

		String runtime = "java21";

		@Nullable String handler;

		Map<String, String> environment = new LinkedHashMap<>();

		Duration timeout = Duration.ofSeconds(3);

		int memorySize = 128;

		List<String> jvmOptions = List.of();

		List<String> launcher = List.of();

		@Nullable Path javaHome;

		String region = "us-east-1";

		Settings(Path source) {
			this.source = source;
		}

		Settings copy() {
			Settings copy = new Settings(this.source);
			copy.functionName = this.functionName;
			copy.runtime = this.runtime;
			copy.handler = this.handler;
			copy.environment = new LinkedHashMap<>(this.environment);
			copy.timeout = this.timeout;
			copy.memorySize = this.memorySize;
			copy.jvmOptions = this.jvmOptions;
			copy.launcher = this.launcher;
			copy.javaHome = this.javaHome;
			copy.region = this.region;
			return copy;
		}

	}

}
