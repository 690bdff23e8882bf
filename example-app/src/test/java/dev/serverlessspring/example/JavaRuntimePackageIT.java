package dev.serverlessspring.example;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example's {@code java-runtime} package ({@code provided.al2023} with its own Java
 * 25 runtime and a JDK AOT cache trained at build time), run by the local Lambda as
 * Lambda runs it: no {@code JAVA_HOME}, no {@code java} on the {@code PATH}, the bundled
 * {@code java} as the process's executable. The JVM's own class-loading log
 * ({@code -Xlog:class+load}, given through {@code JAVA_TOOL_OPTIONS} as a user would)
 * tells where each class came from: "shared objects file" is the cache.
 */
class JavaRuntimePackageIT {

	private static final String ZIP = "serverless-spring-example-*-java-runtime.zip";

	// A class of serverless-spring's, on the class path (app.jar and lib/), loaded before
	// the first event.
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
			assertThat(uppercase.output())
				.contains("serverless-spring: the jars' file times differ from the build's: running from "
						+ this.copies.resolve("classpath"))
				.contains(RUNTIME_CLASS + " source: shared objects file");

			// Where no copy can be written, the function starts without the cache, and
			// says so once.
			FunctionPackage noCopy = function(taskRoot).environment("SERVERLESS_SPRING_CLASSPATH_COPY",
					"/dev/null/classpath");
			try (ManagedRuntimeProcess refused = new ManagedRuntimeProcess(noCopy)) {
				InvocationResult uncached = refused.invoke("\"hello\"");
				assertThat(uncached.payloadAsString()).as(refused.output()).isEqualTo("HELLO");
				assertThat(refused.output())
					.containsOnlyOnce("serverless-spring: app.aot refused: the jars' file times differ")
					.doesNotContain(RUNTIME_CLASS + " source: shared objects file")
					.contains(RUNTIME_CLASS + " source: file:" + taskRoot.resolve("lib"));
			}
		}
	}

	@Test
	void startsFromTheCacheWithTheRuntimeOfALayer() throws IOException {
		// As custom.spring.javaRuntimeLayer deploys it: the function's zip without
		// runtime/, and the same runtime (the one that trained the cache) where Lambda
		// unpacks the layer, /opt/java-runtime.
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

	@Test
	void leavesOutWhatTheRuntimeNeverRuns() throws IOException {
		Path zip = zip();
		List<String> entries;
		try (ZipFile archive = new ZipFile(zip.toFile())) {
			entries = Collections.list(archive.entries()).stream().map(ZipEntry::getName).toList();
		}
		assertThat(entries).contains("bootstrap", "app.jar", "app.aot", "runtime/bin/java", "runtime/lib/modules",
				"runtime/lib/server/libjvm.so");
		// One launcher; no class list (the AOT cache replaces the CDS archive dumped from
		// it), no AWT libraries.
		assertThat(entries).filteredOn((name) -> name.startsWith("runtime/bin/") && !name.endsWith("/"))
			.containsExactly("runtime/bin/java");
		assertThat(entries)
			.doesNotContain("runtime/lib/classlist", "runtime/lib/jexec", "runtime/lib/libawt.so",
					"runtime/lib/libfontmanager.so", "runtime/lib/src.zip", "runtime/lib/ct.sym")
			.noneMatch((name) -> name.startsWith("runtime/include/") || name.startsWith("runtime/man/"));
		if (onPath("strip")) {
			// The package's own tests start it: the stripped libjvm.so runs.
			try (ZipFile archive = new ZipFile(zip.toFile())) {
				byte[] libjvm = archive.getInputStream(archive.getEntry("runtime/lib/server/libjvm.so")).readAllBytes();
				assertThat(hasSymbolTable(libjvm)).as("libjvm.so has a .symtab section").isFalse();
			}
		}
	}

	// ELF64 (the JVM's on x86_64 and arm64 Linux): is there a section of type SHT_SYMTAB?
	private static boolean hasSymbolTable(byte[] elf) {
		ByteBuffer buffer = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
		assertThat(buffer.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
		long sections = buffer.getLong(0x28);
		int size = Short.toUnsignedInt(buffer.getShort(0x3a));
		int count = Short.toUnsignedInt(buffer.getShort(0x3c));
		for (int i = 0; i < count; i++) {
			if (buffer.getInt((int) (sections + (long) i * size) + 4) == 2) {
				return true;
			}
		}
		return false;
	}

	private static boolean onPath(String tool) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch((directory) -> !directory.isEmpty() && Files.isExecutable(Path.of(directory, tool)));
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
		zip();
		return configure(FunctionPackage.find(Path.of("target"), ZIP));
	}

	private static Path zip() {
		Path zip = null;
		try (var files = Files.newDirectoryStream(Path.of("target"), ZIP)) {
			var found = files.iterator();
			zip = found.hasNext() ? found.next() : null;
		}
		catch (IOException ex) {
			// Not built.
		}
		assumeTrue(zip != null, "No " + ZIP + ": the java-runtime profile builds it where Temurin 25 is installed"
				+ " (/usr/lib/jvm/temurin-25-jdk-amd64)");
		return zip;
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
