package dev.serverlessspring.test.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The command line and environment Lambda starts a runtime with. For the managed Java
 * runtimes that is the AWS runtime interface client ({@code AWSLambda <handler>}) on a
 * class path of its own jars only (Lambda's {@code /var/runtime/lib}); the RIC loads the
 * task root and {@code lib/*.jar} itself, in a separate class loader. Custom runtimes
 * start the task root's {@code bootstrap}.
 */
final class RuntimeCommand {

	static final String RUNTIME_INTERFACE_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	// One class from each jar Lambda puts on the runtime's class path: the RIC and its
	// dependencies.
	private static final List<String> RUNTIME_CLASSES = List.of(RUNTIME_INTERFACE_CLIENT,
			"com.amazonaws.services.lambda.runtime.Context",
			"com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
			"software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

	private final FunctionPackage functionPackage;

	private final Path taskRoot;

	RuntimeCommand(FunctionPackage functionPackage, Path taskRoot) {
		this.functionPackage = functionPackage;
		this.taskRoot = taskRoot;
	}

	List<String> command() {
		List<String> command = new ArrayList<>(this.functionPackage.launcher());
		command.addAll(this.functionPackage.isCustomRuntime() ? bootstrap() : managedRuntime());
		return command;
	}

	private List<String> bootstrap() {
		Path bootstrap = this.taskRoot.resolve("bootstrap");
		if (!Files.isExecutable(bootstrap)) {
			throw new IllegalStateException("Runtime " + this.functionPackage.runtime()
					+ " needs an executable bootstrap in the task root, none at " + bootstrap);
		}
		return List.of(bootstrap.toString());
	}

	private List<String> managedRuntime() {
		if (this.functionPackage.handler() == null) {
			throw new IllegalStateException("No handler set for " + this.functionPackage);
		}
		Path javaHome = this.functionPackage.javaHome().orElse(Path.of(System.getProperty("java.home")));
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.addAll(lambdaJvmOptions(this.functionPackage.memorySize()));
		nativeClientOption().ifPresent(command::add);
		command.addAll(this.functionPackage.jvmOptions());
		command.add("-classpath");
		command.add(runtimeClassPath());
		command.add(RUNTIME_INTERFACE_CLIENT);
		command.add(this.functionPackage.handler());
		return command;
	}

	/**
	 * The JVM options of Lambda's managed Java runtimes (java17 and later), with the heap
	 * sized as Lambda sizes it: 85% of the function's memory.
	 * @param memorySize the function's memory in MB
	 * @return the options
	 */
	static List<String> lambdaJvmOptions(int memorySize) {
		long maxHeapKb = Math.round(memorySize * 1024 * 0.85);
		return List.of("-XX:MaxHeapSize=" + maxHeapKb + "k", "-XX:+UseSerialGC", "-Xshare:auto",
				"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED",
				"-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-XX:+ErrorFileToStderr",
				"-Djava.net.preferIPv4Stack=true",
				// Lambda's JVM gets UTF-8 from its locale (en_US.UTF-8), which many hosts
				// do not have.
				"-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");
	}

	Map<String, String> environment(String runtimeApi) {
		FunctionPackage function = this.functionPackage;
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
		environment.put("LANG", "en_US.UTF-8");
		environment.put("TZ", ":UTC");
		environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
		environment.put("LAMBDA_TASK_ROOT", this.taskRoot.toString());
		environment.put("LAMBDA_RUNTIME_DIR", runtimeDirectory());
		if (function.handler() != null) {
			environment.put("_HANDLER", function.handler());
		}
		if (!function.isCustomRuntime()) {
			environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
		}
		environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
		environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
		environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
		environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
		environment.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
		environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
		environment.put("AWS_REGION", function.region());
		environment.put("AWS_DEFAULT_REGION", function.region());
		environment.putAll(function.environment());
		return environment;
	}

	// Lambda's stream names: 2024/05/01/[$LATEST]<32 hex digits>
	private static String logStreamName() {
		String day = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
		UUID id = UUID.randomUUID();
		return day + "/[$LATEST]" + HexFormat.of().toHexDigits(id.getMostSignificantBits())
				+ HexFormat.of().toHexDigits(id.getLeastSignificantBits());
	}

	/**
	 * The RIC's own option naming its JNI library, unpacked once per test JVM into a
	 * private directory. Without it each runtime unpacks the library to
	 * {@code /tmp/.libaws-lambda-jni.so}, and runtimes starting side by side on one host
	 * (several functions, parallel builds) truncate each other's copy ("file too short").
	 * Empty where the host's library is not a glibc Linux one the RIC ships; the RIC then
	 * unpacks it itself.
	 * @return the {@code -D} option, or empty to let the RIC unpack its library
	 */
	static Optional<String> nativeClientOption() {
		return NativeClientLibrary.PATH.map((path) -> "-D" + NATIVE_CLIENT_PROPERTY + "=" + path);
	}

	private static final String NATIVE_CLIENT_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

	static String runtimeClassPath() {
		Set<String> jars = new LinkedHashSet<>();
		for (String className : RUNTIME_CLASSES) {
			jars.add(locate(className).toString());
		}
		return String.join(File.pathSeparator, jars);
	}

	private static String runtimeDirectory() {
		Path jar = locate(RUNTIME_INTERFACE_CLIENT);
		Path directory = jar.getParent();
		if (directory == null) {
			throw new IllegalStateException("Could not find the folder of " + jar);
		}
		return directory.toString();
	}

	private static Path locate(String className) {
		try {
			Class<?> type = Class.forName(className, false, RuntimeCommand.class.getClassLoader());
			CodeSource source = type.getProtectionDomain().getCodeSource();
			return Path.of(source.getLocation().toURI());
		}
		catch (ClassNotFoundException | NullPointerException ex) {
			throw new IllegalStateException("The AWS runtime interface client is not on the class path (" + className
					+ " is missing): add com.amazonaws:aws-lambda-java-runtime-interface-client", ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JNI library, unpacked on first use. */
	private static final class NativeClientLibrary {

		static final Optional<Path> PATH = unpack();

		private static Optional<Path> unpack() {
			String arch = System.getProperty("os.arch");
			String platform = switch (arch) {
				case "amd64", "x86_64" -> "linux-x86_64";
				case "aarch64" -> "linux-aarch_64";
				default -> null;
			};
			boolean musl = Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
					|| Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
			if (platform == null || musl || !System.getProperty("os.name").startsWith("Linux")) {
				return Optional.empty();
			}
			String resource = "/jni/libaws-lambda-jni." + platform + ".so";
			try (InputStream in = RuntimeCommand.class.getResourceAsStream(resource)) {
				if (in == null) {
					return Optional.empty();
				}
				Path directory = Files.createTempDirectory("aws-lambda-jni");
				Path library = directory.resolve("libaws-lambda-jni.so");
				Files.copy(in, library);
				library.toFile().deleteOnExit();
				directory.toFile().deleteOnExit();
				return Optional.of(library);
			}
			catch (IOException ex) {
				return Optional.empty();
			}
		}

	}

}
