package dev.serverlessspring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.runtime.InvocationRequest;
import dev.serverlessspring.test.runtime.RuntimeApiServer;

/**
 * Measures packaged Lambda functions side by side, the way Lambda's managed Java runtime
 * starts them: the AWS runtime interface client ({@code AWSLambda <handler>}) in a fresh
 * JVM pinned to one CPU (or the {@code --cpus} given, a {@code taskset} list) with
 * Lambda's JVM flags, the package unpacked as its working directory, against a local
 * Runtime API.
 * <p>
 * Per run and subject: process start to first answer (cold start), process start to the
 * first {@code /next} (init), the first invocation, then warm invocations (p50/p99) and
 * the process's peak RSS; for a {@code timed:} handler, also the handler's own time in
 * the first and warm invocations ({@link InHandlerTimer}). Each Runtime API server serves
 * one invocation to the harness itself before the measured runtime starts, so that the
 * server's own first-call costs are not the function's. Runs are interleaved (run 1 of
 * every subject, then run 2, ...), so a noisy neighbour hurts every subject alike. Every
 * answer is checked.
 * <p>
 * Usage:
 * {@code ColdStartBenchmark --ric <classpath> --runs N --warm N --out <file> [--cpus 0,1]
 * [--dynamodb serverless.yml] --jdk <label>=<java home> ... --subject <spec> ...}, see
 * {@link Subject#parse}; {@code --dynamodb} runs a local DynamoDB with the file's
 * {@code OrdersTable} for subjects that read it ({@link OrdersTable}).
 */
public final class ColdStartBenchmark {

	/** The function's memory size in MB, which Lambda sizes the heap from. */
	static final int MEMORY_SIZE = 1024;

	/** The flags Lambda's managed Java runtimes start the JVM with. */
	static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC", "-Xshare:auto", "-XX:MaxHeapSize=" + (MEMORY_SIZE * 1024 * 85 / 100) + "k",
			"-Djava.net.preferIPv4Stack=true", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");

	/** USER_HZ, 100 on Linux for x86-64 and arm64. */
	private static final long CLOCK_TICKS_PER_SECOND = 100;

	private static final byte[] EVENT = "\"hello\"".getBytes(StandardCharsets.UTF_8);

	private static final String EXPECTED = "HELLO";

	/** Where the RIC takes its JNI library from instead of its fixed /tmp path. */
	private static final String RIC_JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

	private final String ricClasspath;

	private final Path workDirectory;

	private final Path ricJni;

	private final String cpus;

	// For every measured process: the local DynamoDB of the DynamoDB subjects, when there
	// is one.
	private final Map<String, String> environment = new LinkedHashMap<>();

	private ColdStartBenchmark(String ricClasspath, Path workDirectory, String cpus) throws IOException {
		this.ricClasspath = ricClasspath;
		this.workDirectory = workDirectory;
		this.cpus = cpus;
		this.ricJni = extractRicJni();
	}

	/**
	 * The RIC unpacks its JNI library to /tmp/.libaws-lambda-jni.so at every start, so
	 * RIC processes started at the same time (other builds on the machine) overwrite each
	 * other's copy and crash; each benchmark process loads a private copy instead.
	 * @return the private copy of the library
	 */
	private Path extractRicJni() throws IOException {
		String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
		String library = "jni/libaws-lambda-jni.linux-" + arch + ".so";
		Path directory = Path.of(this.ricClasspath.replace("*", ""));
		try (var jars = Files.list(directory)) {
			for (Path jar : jars.filter((file) -> file.getFileName().toString().contains("runtime-interface-client"))
				.toList()) {
				try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
					ZipEntry entry = zip.getEntry(library);
					if (entry != null) {
						Path target = this.workDirectory.toAbsolutePath().resolve("libaws-lambda-jni.so");
						Files.createDirectories(target.getParent());
						try (InputStream in = zip.getInputStream(entry)) {
							Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
						}
						return target;
					}
				}
			}
		}
		throw new IllegalStateException("No " + library + " in a runtime interface client jar in " + directory);
	}

	public static void main(String[] args) throws Exception {
		// Without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms to every invocation.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		Map<String, Path> jdks = new LinkedHashMap<>();
		List<Subject> subjects = new ArrayList<>();
		String ric = null;
		int runs = 5;
		int warm = 200;
		Path out = null;
		Path work = Path.of("target", "cold-start");
		String cpus = "0";
		Path dynamoDbConfig = null;
		for (int i = 0; i < args.length; i++) {
			String value = args[++i];
			switch (args[i - 1]) {
				case "--ric" -> ric = value;
				case "--runs" -> runs = Integer.parseInt(value);
				case "--warm" -> warm = Integer.parseInt(value);
				case "--out" -> out = Path.of(value);
				case "--work" -> work = Path.of(value);
				case "--cpus" -> cpus = value;
				case "--dynamodb" -> dynamoDbConfig = Path.of(value);
				case "--jdk" ->
					jdks.put(value.substring(0, value.indexOf('=')), Path.of(value.substring(value.indexOf('=') + 1)));
				case "--subject" -> subjects.add(Subject.parse(value));
				default -> throw new IllegalArgumentException("Unknown option " + args[i - 1]);
			}
		}
		if (ric == null || jdks.isEmpty() || subjects.isEmpty()) {
			throw new IllegalArgumentException("Need --ric, at least one --jdk and one --subject");
		}
		ColdStartBenchmark benchmark = new ColdStartBenchmark(ric, work, cpus);
		try (OrdersTable orders = (dynamoDbConfig != null) ? OrdersTable.start(dynamoDbConfig) : null) {
			if (orders != null) {
				benchmark.environment.putAll(orders.environment());
			}
			run(benchmark, subjects, jdks, runs, warm, cpus, out);
		}
	}

	private static void run(ColdStartBenchmark benchmark, List<Subject> subjects, Map<String, Path> jdks, int runs,
			int warm, String cpus, Path out) throws Exception {
		Map<String, List<Measurement>> results = new LinkedHashMap<>();
		for (int run = 1; run <= runs; run++) {
			for (Map.Entry<String, Path> jdk : jdks.entrySet()) {
				for (Subject subject : subjects) {
					String row = subject.name() + "|" + jdk.getKey();
					Measurement measurement = benchmark.measure(subject, jdk.getValue(), warm);
					results.computeIfAbsent(row, (key) -> new ArrayList<>()).add(measurement);
					System.err.printf(Locale.ROOT,
							"run %d %-28s JDK %-3s cold %6.0f ms (CPU %5.0f ms)  init %6.0f ms  first %6.1f ms  warm p50 %5.0f µs"
									+ "  in-handler first %6.0f µs, warm p50 %5.0f µs%n",
							run, subject.name(), jdk.getKey(), measurement.coldMillis(), measurement.coldCpuMillis(),
							measurement.initMillis(), measurement.firstMillis(), measurement.warmMicros(50),
							measurement.inHandlerFirstMicros(), measurement.inHandlerWarmMicros());
				}
			}
		}
		String table = Report.table(subjects, jdks.keySet(), results, runs, warm, cpus);
		System.out.println(table);
		if (out != null) {
			Files.createDirectories(out.toAbsolutePath().getParent());
			Files.writeString(out, table);
		}
	}

	private Measurement measure(Subject subject, Path javaHome, int warm) throws Exception {
		Path taskRoot = unpack(subject);
		List<String> command = new ArrayList<>(List.of("taskset", "-c", this.cpus));
		if (subject.isCustomRuntime()) {
			// provided.al2023: the package's bootstrap starts the JVM (with Lambda's
			// flags) itself.
			command.add(taskRoot.resolve("bootstrap").toString());
		}
		else {
			command.add(javaHome.resolve("bin/java").toString());
			command.addAll(LAMBDA_JVM_FLAGS);
			command.add("-D" + RIC_JNI_PROPERTY + "=" + this.ricJni);
			command.addAll(subject.jvmOptions());
			command.addAll(List.of("-cp", this.ricClasspath,
					"com.amazonaws.services.lambda.runtime.api.client.AWSLambda", subject.runtimeHandler()));
		}
		Path inHandlerTimes = taskRoot.resolveSibling(taskRoot.getFileName() + ".in-handler.txt");
		Files.deleteIfExists(inHandlerTimes);
		try (RuntimeApiServer api = new RuntimeApiServer()) {
			serveOneInvocation(api);
			ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
				.redirectErrorStream(true)
				.redirectOutput(taskRoot.resolveSibling(taskRoot.getFileName() + ".log").toFile());
			Map<String, String> environment = builder.environment();
			environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
			environment.put("AWS_LAMBDA_FUNCTION_NAME", "benchmark");
			environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
			environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_SIZE));
			environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
			environment.put("AWS_REGION", "us-east-1");
			environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
			environment.put("JAVA_HOME", javaHome.toString());
			if (subject.isCustomRuntime() && !subject.jvmOptions().isEmpty()) {
				environment.put("JAVA_TOOL_OPTIONS", String.join(" ", subject.jvmOptions()));
			}
			environment.putAll(this.environment);
			environment.putAll(subject.environment());
			if (subject.isTimed()) {
				copyInHandlerTimer(taskRoot);
				environment.put(InHandlerTimer.DELEGATE, subject.handlerClass());
				environment.put(InHandlerTimer.FILE, inHandlerTimes.toString());
				environment.put(InHandlerTimer.INVOCATIONS, Integer.toString(1 + warm));
			}
			CompletableFuture<Answer> firstAnswer = invoke(api);
			long start = System.nanoTime();
			Process process = builder.start();
			process.onExit().thenAccept((exited) -> api.runtimeExited(exited.exitValue()));
			try {
				Answer first = check(firstAnswer, subject, taskRoot);
				long coldCpuNanos = cpuNanos(process.pid());
				long[] warmNanos = new long[warm];
				for (int i = 0; i < warm; i++) {
					warmNanos[i] = check(invoke(api), subject, taskRoot).result().duration().toNanos();
				}
				Arrays.sort(warmNanos);
				// The first event was queued before the process started: it was
				// dispatched at the first /next.
				long firstNanos = first.result().duration().toNanos();
				return new Measurement(first.answeredNanos() - start, coldCpuNanos,
						first.answeredNanos() - firstNanos - start, firstNanos, warmNanos,
						peakRssKilobytes(process.pid()),
						subject.isTimed() ? inHandlerNanos(inHandlerTimes) : new long[0]);
			}
			finally {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * Serve one invocation to a runtime of our own before the measured one starts: the
	 * Runtime API server's first invocation pays for starting its deadline timer's thread
	 * and for the first pass of this JVM over the server's code, which the measured
	 * runtime's first invocation must not be charged with.
	 * @param api the Runtime API server the measured runtime will poll
	 */
	private static void serveOneInvocation(RuntimeApiServer api) throws Exception {
		CompletableFuture<Answer> answer = invoke(api);
		String base = "http://" + api.address() + "/2018-06-01/runtime/invocation/";
		HttpURLConnection next = (HttpURLConnection) URI.create(base + "next").toURL().openConnection();
		String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
		next.getInputStream().readAllBytes();
		HttpURLConnection response = (HttpURLConnection) URI.create(base + requestId + "/response")
			.toURL()
			.openConnection();
		response.setRequestMethod("POST");
		response.setDoOutput(true);
		try (OutputStream body = response.getOutputStream()) {
			body.write(EXPECTED.getBytes(StandardCharsets.UTF_8));
		}
		response.getInputStream().readAllBytes();
		answer.get(10, TimeUnit.SECONDS);
	}

	/**
	 * Put {@link InHandlerTimer} where the runtime loads the function's classes from.
	 * @param taskRoot the unpacked package
	 */
	private static void copyInHandlerTimer(Path taskRoot) throws IOException {
		String file = InHandlerTimer.class.getName().replace('.', '/') + ".class";
		Path target = taskRoot.resolve(file);
		Files.createDirectories(target.getParent());
		try (InputStream in = InHandlerTimer.class.getClassLoader().getResourceAsStream(file)) {
			Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * The handler's own times: the first invocation's, then the warm ones' sorted.
	 * @param file the file the timer wrote, one time in nanoseconds a line
	 * @return the times in nanoseconds
	 */
	private static long[] inHandlerNanos(Path file) throws IOException {
		long[] nanos = Files.readAllLines(file).stream().mapToLong(Long::parseLong).toArray();
		Arrays.sort(nanos, 1, nanos.length);
		return nanos;
	}

	private static CompletableFuture<Answer> invoke(RuntimeApiServer api) throws InterruptedException {
		InvocationRequest request = InvocationRequest.builder(EVENT).timeout(Duration.ofSeconds(120)).build();
		for (int attempt = 0;; attempt++) {
			try {
				return api.invoke(request).thenApply((result) -> new Answer(result, System.nanoTime()));
			}
			catch (IllegalStateException ex) {
				// The server frees the environment just after completing the previous
				// result.
				if (attempt == 1000) {
					throw ex;
				}
				Thread.sleep(0, 100_000);
			}
		}
	}

	private static Answer check(CompletableFuture<Answer> pending, Subject subject, Path taskRoot) throws Exception {
		Answer answer = pending.get(130, TimeUnit.SECONDS);
		String body = answer.result().payloadAsString();
		// FunctionInvoker answers the JSON string "HELLO", the others the text.
		if (answer.result().isFunctionError() || !(EXPECTED.equals(body) || ('"' + EXPECTED + '"').equals(body))) {
			throw new IllegalStateException(subject.name() + " answered " + answer.result() + " instead of " + EXPECTED
					+ "; see " + taskRoot + ".log");
		}
		return answer;
	}

	/**
	 * The CPU time (user + system) the process has used: on a busy machine it varies far
	 * less than the elapsed time, so it is the better figure for comparing start-up work.
	 * @param pid the process
	 * @return its CPU time in nanoseconds
	 */
	private static long cpuNanos(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// Fields after the command name, which is in parentheses and may contain spaces.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
	}

	private static long peakRssKilobytes(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	/**
	 * Unpack the package once per subject, as Lambda unpacks it into /var/task.
	 * @param subject the subject whose package is unpacked
	 * @return the directory it is unpacked in, the task root
	 */
	private Path unpack(Subject subject) throws IOException {
		Path target = this.workDirectory.resolve(subject.name()).toAbsolutePath();
		if (Files.isDirectory(target)) {
			return target;
		}
		Files.createDirectories(target);
		// Info-ZIP's unzip, as the best guess of Lambda's unpacking: Unix modes (an
		// executable bootstrap and bundled java) and the files' UTC times (the
		// java-runtime package's AOT cache needs its jars' times).
		try {
			Process unzip = new ProcessBuilder("unzip", "-q", "-o", subject.artifact().toAbsolutePath().toString(),
					"-d", target.toString())
				.inheritIO()
				.start();
			if (unzip.waitFor() != 0) {
				throw new IOException("unzip failed for " + subject.artifact());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while unpacking " + subject.artifact(), ex);
		}
		target.resolve("bootstrap").toFile().setExecutable(true);
		return target;
	}

	static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An answer and when it arrived. */
	private record Answer(InvocationResult result, long answeredNanos) {
	}

}
