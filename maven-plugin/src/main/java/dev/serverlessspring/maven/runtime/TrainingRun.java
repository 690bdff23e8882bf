package dev.serverlessspring.maven.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The build-time run that writes a {@code java-runtime} package's cache: the package's
 * own {@code bootstrap} and runtime, started as Lambda starts a custom runtime
 * (serverless-spring-test's {@link ManagedRuntimeProcess}, a Runtime API on loopback),
 * with the function's memory and Lambda's JVM flags, the cache option of a training run
 * in place of the cache.
 * <p>
 * The function is primed in-process as before a SnapStart snapshot (synthetic events
 * built from its input type, {@code SERVERLESS_SPRING_TRAINING=true}), then invoked
 * through the Runtime API with the user's events, and stopped with {@code SIGTERM}: the
 * JVM writes the cache as it exits. The run has no AWS credentials (no credential
 * variables, no shared credentials or config file, no instance metadata), so an AWS call
 * it makes fails instead of reaching AWS.
 */
final class TrainingRun {

	/**
	 * Set for the run: the function primes itself once started (serverless-spring's
	 * SnapStart priming).
	 */
	static final String TRAINING = "SERVERLESS_SPRING_TRAINING";

	/** Set for the run: where the bootstrap lets the JVM write the cache. */
	static final String TRAINING_CACHE = "SERVERLESS_SPRING_TRAINING_CACHE";

	// The JVM writes an AOT cache in a child JVM after the run: seconds, more on a loaded
	// machine.
	private static final Duration EXIT_GRACE = Duration.ofMinutes(5);

	private static final String EMPTY_EVENT = "{}";

	private final Path taskRoot;

	private final Path cacheFile;

	private final CacheKind cache;

	private final int memorySize;

	private final String function;

	private final Map<String, String> environment;

	private final List<Path> events;

	private final int rounds;

	TrainingRun(Path taskRoot, Path cacheFile, CacheKind cache, int memorySize, String function,
			Map<String, String> environment, List<Path> events, int rounds) {
		this.taskRoot = taskRoot;
		this.cacheFile = cacheFile;
		this.cache = cache;
		this.memorySize = memorySize;
		this.function = function;
		this.environment = environment;
		this.events = events;
		this.rounds = Math.max(1, rounds);
	}

	/**
	 * Return what the run's cache depends on: the bootstrap (the class path with its
	 * times, the JVM's flags), the runtime's inputs, the settings and the events'
	 * content.
	 * @param bootstrap the bootstrap script's content
	 * @param runtime the linked Java runtime's inputs, empty without one
	 * @return the inputs, as text
	 */
	String inputs(String bootstrap, String runtime) throws IOException {
		StringBuilder inputs = new StringBuilder(bootstrap).append('\n')
			.append(runtime)
			.append('\n')
			.append(this.cache)
			.append(' ')
			.append(this.memorySize)
			.append(' ')
			.append(this.function)
			.append(' ')
			.append(this.rounds)
			.append(' ')
			.append(this.environment)
			.append('\n');
		for (Path event : this.events) {
			CRC32 crc = new CRC32();
			crc.update(Files.readAllBytes(event));
			inputs.append(event.getFileName()).append(' ').append(Long.toHexString(crc.getValue())).append('\n');
		}
		return inputs.toString();
	}

	/**
	 * Run the function, stop it and check that the JVM wrote the cache.
	 * @param log where the function's output goes
	 * @return what the run did
	 * @throws MojoExecutionException if the function did not start or no cache was
	 * written
	 */
	Result run(Path log) throws IOException, MojoExecutionException {
		Files.deleteIfExists(this.cacheFile);
		long start = System.nanoTime();
		int invocations = 0;
		int errors = 0;
		Optional<Integer> exit;
		String output;
		try (ManagedRuntimeProcess process = new ManagedRuntimeProcess(functionPackage())) {
			try {
				for (int round = 0; round < this.rounds; round++) {
					for (byte[] event : eventBodies()) {
						InvocationResult result = process.invoke(event);
						invocations++;
						if (result.isFunctionError()) {
							if (result.errorType() != null && (result.errorType().startsWith("Runtime.")
									|| result.errorType().startsWith("Sandbox."))) {
								Files.writeString(log, process.output(), StandardCharsets.UTF_8);
								throw new MojoExecutionException("The training run of the java-runtime package failed: "
										+ result.errorType() + ": " + result.errorMessage() + " (log: " + log + ")");
							}
							errors++;
						}
					}
				}
				exit = process.shutdown(EXIT_GRACE);
			}
			finally {
				output = process.output();
				Files.writeString(log, output, StandardCharsets.UTF_8);
			}
		}
		if (!Files.isRegularFile(this.cacheFile) || Files.size(this.cacheFile) == 0) {
			throw new MojoExecutionException(
					"The training run wrote no " + this.cache.description() + " to " + this.cacheFile + " (exit status "
							+ exit.map(String::valueOf).orElse("unknown") + "); log: " + log);
		}
		return new Result(invocations, errors, (System.nanoTime() - start) / 1_000_000);
	}

	private FunctionPackage functionPackage() {
		Map<String, String> variables = new LinkedHashMap<>();
		if (this.function != null && !this.function.isBlank()) {
			variables.put("SPRING_CLOUD_FUNCTION_DEFINITION", this.function);
		}
		variables.put(TRAINING, "true");
		variables.put(TRAINING_CACHE, this.cacheFile.toAbsolutePath().toString());
		// No credentials: nothing the function does during training may reach AWS.
		Path none = this.taskRoot.resolveSibling("no-aws-credentials");
		variables.put("AWS_SHARED_CREDENTIALS_FILE", none.toString());
		variables.put("AWS_CONFIG_FILE", none.toString());
		variables.put("AWS_EC2_METADATA_DISABLED", "true");
		variables.putAll(this.environment);
		variables.keySet()
			.removeIf((name) -> name.equals("AWS_ACCESS_KEY_ID") || name.equals("AWS_SECRET_ACCESS_KEY")
					|| name.equals("AWS_SESSION_TOKEN"));
		return FunctionPackage.of(this.taskRoot)
			.runtime("provided.al2023")
			.functionName("training")
			.memorySize(this.memorySize)
			.timeout(Duration.ofSeconds(60))
			.environment(variables);
	}

	private List<byte[]> eventBodies() throws IOException {
		List<byte[]> bodies = new ArrayList<>();
		for (Path event : this.events) {
			bodies.add(Files.readAllBytes(event));
		}
		if (bodies.isEmpty()) {
			bodies.add(EMPTY_EVENT.getBytes(StandardCharsets.UTF_8));
		}
		return bodies;
	}

	/**
	 * What a training run did.
	 *
	 * @param invocations the invocations the function served
	 * @param errors how many of them answered with an error
	 * @param millis how long the run took, in milliseconds
	 */
	record Result(int invocations, int errors, long millis) {
	}

}
