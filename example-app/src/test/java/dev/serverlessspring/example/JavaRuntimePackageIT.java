package dev.serverlessspring.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example's {@code java-runtime} package ({@code provided.al2023} with its own Java 25
 * runtime and a JDK AOT cache trained at build time), run by the local Lambda as Lambda runs
 * it: no {@code JAVA_HOME}, no {@code java} on the {@code PATH}, the bundled {@code java} as the
 * process's executable. The JVM's own class-loading log ({@code -Xlog:class+load}, given through
 * {@code JAVA_TOOL_OPTIONS} as a user would) tells where each class came from: "shared objects
 * file" is the cache.
 */
class JavaRuntimePackageIT {

	private static final String ZIP = "serverless-spring-example-*-java-runtime.zip";

	// A class of serverless-spring's, on the class path (app.jar and lib/), loaded before the first event.
	private static final String RUNTIME_CLASS = "dev.serverlessspring.lambda.runtime.LambdaRuntime";

	@TempDir
	static Path tools;

	@TempDir
	Path copies;

	@BeforeAll
	static void toolsWithoutJava() throws IOException {
		// What provided.al2023 has and the bootstrap uses; no java among them.
		for (String tool : List.of("stat", "tr", "cp", "touch", "mkdir", "rm", "dirname")) {
			Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool));
		}
	}

	@Test
	void startsFromTheCacheWithItsOwnJava() throws IOException {
		try (ManagedRuntimeProcess uppercase = new ManagedRuntimeProcess(function())) {
			InvocationResult answer = uppercase.invoke("\"hello\"");
			assertThat(answer.isFunctionError()).as(uppercase.output()).isFalse();
			assertThat(answer.payloadAsString()).isEqualTo("HELLO");
			Path taskRoot = uppercase.taskRoot();
			assertThat(Path.of("/proc", uppercase.pid().orElseThrow().toString(), "exe").toRealPath())
				.isEqualTo(taskRoot.resolve("runtime/bin/java").toRealPath());
			assertThat(uppercase.output()).contains(RUNTIME_CLASS + " source: shared objects file")
				.doesNotContain("serverless-spring: ");
		}
	}

	@Test
	void restoresTheBuildsTimesWhenUnpackingLostThem() throws IOException {
		try (ManagedRuntimeProcess uppercase = new ManagedRuntimeProcess(function())) {
			Path taskRoot = uppercase.start().taskRoot();
			uppercase.shutdown(Duration.ofSeconds(10));
			touchJars(taskRoot);
			InvocationResult answer = uppercase.invoke("\"hello\"");
			assertThat(answer.payloadAsString()).as(uppercase.output()).isEqualTo("HELLO");
			assertThat(uppercase.output()).contains("serverless-spring: the jars' file times differ from the build's: running from "
					+ this.copies.resolve("classpath"))
				.contains(RUNTIME_CLASS + " source: shared objects file");

			// Where no copy can be written, the function starts without the cache, and says so once.
			FunctionPackage noCopy = function(taskRoot).environment("SERVERLESS_SPRING_CLASSPATH_COPY", "/dev/null/classpath");
			try (ManagedRuntimeProcess refused = new ManagedRuntimeProcess(noCopy)) {
				InvocationResult uncached = refused.invoke("\"hello\"");
				assertThat(uncached.payloadAsString()).as(refused.output()).isEqualTo("HELLO");
				assertThat(refused.output()).containsOnlyOnce("serverless-spring: app.aot refused: the jars' file times differ")
					.doesNotContain(RUNTIME_CLASS + " source: shared objects file")
					.contains(RUNTIME_CLASS + " source: file:" + taskRoot.resolve("lib"));
			}
		}
	}

	@Test
	void startsFromTheCacheWithTheRuntimeOfALayer() throws IOException {
		// As custom.spring.javaRuntimeLayer deploys it: the function's zip without runtime/, and the same
		// runtime (the one that trained the cache) where Lambda unpacks the layer, /opt/java-runtime.
		Path opt = Files.createDirectories(this.copies.resolve("opt"));
		try (ManagedRuntimeProcess unpacked = new ManagedRuntimeProcess(function())) {
			Path taskRoot = unpacked.start().taskRoot();
			unpacked.shutdown(Duration.ofSeconds(10));
			Files.move(taskRoot.resolve("runtime"), opt.resolve("java-runtime"));
			FunctionPackage withLayer = function(taskRoot).environment("SERVERLESS_SPRING_LAYER_ROOT", opt.toString());
			try (ManagedRuntimeProcess uppercase = new ManagedRuntimeProcess(withLayer)) {
				InvocationResult answer = uppercase.invoke("\"hello\"");
				assertThat(answer.payloadAsString()).as(uppercase.output()).isEqualTo("HELLO");
				assertThat(Path.of("/proc", uppercase.pid().orElseThrow().toString(), "exe").toRealPath())
					.isEqualTo(opt.resolve("java-runtime/bin/java").toRealPath());
				assertThat(uppercase.output()).contains(RUNTIME_CLASS + " source: shared objects file")
					.doesNotContain("serverless-spring: ");
			}
		}
	}

	private static void touchJars(Path taskRoot) throws IOException {
		FileTime now = FileTime.from(Instant.now());
		Files.setLastModifiedTime(taskRoot.resolve("app.jar"), now);
		try (var jars = Files.list(taskRoot.resolve("lib"))) {
			for (Path jar : jars.toList()) {
				Files.setLastModifiedTime(jar, now);
			}
		}
	}

	private FunctionPackage function() {
		Path target = Path.of("target");
		boolean built;
		try (var files = Files.newDirectoryStream(target, ZIP)) {
			built = files.iterator().hasNext();
		}
		catch (IOException ex) {
			built = false;
		}
		assumeTrue(built, "No " + ZIP + ": the java-runtime profile builds it where Temurin 25 is installed"
				+ " (/usr/lib/jvm/temurin-25-jdk-amd64)");
		return configure(FunctionPackage.find(target, ZIP));
	}

	private FunctionPackage function(Path taskRoot) {
		return configure(FunctionPackage.of(taskRoot));
	}

	private FunctionPackage configure(FunctionPackage zipOrTaskRoot) {
		return zipOrTaskRoot.runtime("provided.al2023")
			.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "uppercase")
			.environment("PATH", tools.toString())
			.environment("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info")
			.environment("SERVERLESS_SPRING_CLASSPATH_COPY", this.copies.resolve("classpath").toString())
			.memorySize(1024)
			.timeout(Duration.ofSeconds(30));
	}

}
