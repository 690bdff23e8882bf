package dev.serverlessspring.maven.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated {@code bootstrap}, run by {@code /bin/sh} with a stand-in for the bundled
 * {@code java} that prints the command line it was given: the cache when the jars' times
 * are the build's, a copy with the build's times when they are not, a start without the
 * cache when no copy can be written, and the training run's options.
 */
class BootstrapTests {

	private static final Instant BUILT = Instant.parse("2026-11-27T10:15:31Z");

	// A task root whose path has a space, as some unpacking directories do.
	@TempDir
	Path temp;

	private Path root;

	private Path copy;

	@BeforeEach
	void taskRoot() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("task root"));
		this.copy = this.temp.resolve("copy");
		Files.createDirectories(this.root.resolve("lib"));
		Files.createDirectories(this.root.resolve("runtime/bin"));
		Path java = this.root.resolve("runtime/bin/java");
		// It notes which java was started (the package's or a layer's) beside the output.
		Files.writeString(java, "#!/bin/sh\necho \"$0\" > \"" + this.temp.resolve("java-started")
				+ "\"\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		for (String jar : List.of("app.jar", "lib/a-1.0.jar", "lib/b-2.0.jar")) {
			Files.writeString(this.root.resolve(jar), "jar " + jar);
			Files.setLastModifiedTime(this.root.resolve(jar), FileTime.from(BUILT));
		}
		Files.writeString(this.root.resolve("app.aot"), "cache");
		Bootstrap.write(this.root.resolve("bootstrap"),
				Bootstrap.entries(this.root, List.of("app.jar", "lib/a-1.0.jar", "lib/b-2.0.jar")),
				CacheKind.AOT_CACHE);
	}

	@Test
	void startsWithTheCacheWhenTheTimesAreTheBuilds() throws Exception {
		String started = run(Map.of());
		assertThat(started)
			.contains("[-XX:AOTCache=" + this.root + "/app.aot]", "[-XX:MaxHeapSize=870400k]", "[-XX:+UseSerialGC]",
					"[-XX:+TieredCompilation]", "[-XX:TieredStopAtLevel=1]",
					"[" + this.root + "/app.jar:" + this.root + "/lib/a-1.0.jar:" + this.root + "/lib/b-2.0.jar]",
					"[dev.serverlessspring.lambda.runtime.LambdaRuntime]")
			.doesNotContain("-Xshare:auto", "serverless-spring:");
	}

	@Test
	void compilesStartUpOnlyCodeLaterAndTheInvocationPathAsBefore() throws Exception {
		// A file whose name matches a method pattern, where Lambda starts the bootstrap:
		// no file name expansion.
		Files.writeString(this.root
			.resolve("-XX:CompileCommand=CompileThresholdScaling,org.springframework.boot.context.x::y,20.0"), "");
		String started = run(Map.of());
		assertThat(started)
			.contains("[-XX:CompileCommand=quiet]",
					"[-XX:CompileCommand=CompileThresholdScaling,jdk.internal.classfile*::*,20.0]",
					"[-XX:CompileCommand=CompileThresholdScaling,org.springframework.boot.context*::*,20.0]",
					"[-XX:CompileCommand=CompileThresholdScaling,org.springframework.beans.factory*::*,20.0]")
			.doesNotContain("org.springframework.boot.context.x::y", "CompileThresholdScaling,java.util",
					"CompileThresholdScaling,tools.jackson", "CompileThresholdScaling,org.springframework.cloud",
					"CompileThresholdScaling,dev.serverlessspring")
			.doesNotContain("-XX:CompileThresholdScaling");
	}

	@Test
	void runsFromACopyWithTheBuildsTimesWhenUnpackingLostThem() throws Exception {
		Files.setLastModifiedTime(this.root.resolve("lib/b-2.0.jar"), FileTime.from(Instant.now()));
		String started = run(Map.of());
		assertThat(started)
			.contains("serverless-spring: the jars' file times differ from the build's: running from " + this.copy)
			.contains("[-XX:AOTCache=" + this.root + "/app.aot]")
			.contains("[" + this.copy + "/app.jar:" + this.copy + "/lib/a-1.0.jar:" + this.copy + "/lib/b-2.0.jar]");
		assertThat(Files.getLastModifiedTime(this.copy.resolve("lib/b-2.0.jar")).to(TimeUnit.SECONDS))
			.isEqualTo(BUILT.getEpochSecond());
		assertThat(this.copy.resolve("lib/a-1.0.jar")).hasContent("jar lib/a-1.0.jar");
		// The next start in the same environment finds the copy as it left it.
		assertThat(run(Map.of())).contains("running from " + this.copy);
	}

	@Test
	void startsWithoutTheCacheAndSaysSoWhenNoCopyCanBeWritten() throws Exception {
		Files.setLastModifiedTime(this.root.resolve("app.jar"), FileTime.from(Instant.now()));
		String started = run(Map.of("SERVERLESS_SPRING_CLASSPATH_COPY", "/dev/null/classpath"));
		assertThat(started.lines().filter((line) -> line.startsWith("serverless-spring:")))
			.containsExactly("serverless-spring: app.aot refused: the jars' file times differ from the build's and"
					+ " /dev/null/classpath could not be written; starting without it");
		assertThat(started).contains("[-Xshare:auto]", "[" + this.root + "/app.jar:").doesNotContain("AOTCache");
	}

	@Test
	void theTrainingRunWritesTheCache() throws Exception {
		String started = run(Map.of("SERVERLESS_SPRING_TRAINING_CACHE", this.temp + "/out.aot"));
		assertThat(started).contains("[-XX:AOTCacheOutput=" + this.temp + "/out.aot]")
			.doesNotContain("-Xshare", "-XX:AOTCache=");
	}

	@Test
	void startsTheRuntimeOfTheLayerWhenThePackageHasNone() throws Exception {
		// Lambda unpacks the layer under /opt; SERVERLESS_SPRING_LAYER_ROOT stands in for
		// it.
		Path layerRoot = this.temp.resolve("opt");
		Files.createDirectories(layerRoot);
		Files.move(this.root.resolve("runtime"), layerRoot.resolve("java-runtime"));
		String started = run(Map.of("SERVERLESS_SPRING_LAYER_ROOT", layerRoot.toString()));
		assertThat(started)
			.contains("[-XX:AOTCache=" + this.root + "/app.aot]",
					"[" + this.root + "/app.jar:" + this.root + "/lib/a-1.0.jar:" + this.root + "/lib/b-2.0.jar]")
			.doesNotContain("serverless-spring:");
		assertThat(this.temp.resolve("java-started")).content()
			.isEqualTo(layerRoot.resolve("java-runtime/bin/java") + "\n");
	}

	@Test
	void prefersTheRuntimeOfThePackageToTheLayers() throws Exception {
		Path layerRuntime = Files.createDirectories(this.temp.resolve("opt/java-runtime/bin"));
		Files.copy(this.root.resolve("runtime/bin/java"), layerRuntime.resolve("java"));
		run(Map.of("SERVERLESS_SPRING_LAYER_ROOT", this.temp.resolve("opt").toString()));
		assertThat(this.temp.resolve("java-started")).content().isEqualTo(this.root.resolve("runtime/bin/java") + "\n");
	}

	@Test
	void failsWithOneMessageWithoutARuntimeInThePackageOrALayer() throws Exception {
		Files.move(this.root.resolve("runtime"), this.temp.resolve("elsewhere"));
		String output = run(Map.of("SERVERLESS_SPRING_LAYER_ROOT", this.temp.resolve("opt").toString()), 1);
		assertThat(output.strip()).isEqualTo("serverless-spring: no Java runtime in " + this.root + "/runtime nor "
				+ this.temp.resolve("opt/java-runtime")
				+ ": deploy the function with the Java runtime layer built with its"
				+ " zip (custom.spring.javaRuntimeLayer), or a zip that carries it");
	}

	private String run(Map<String, String> environment) throws IOException, InterruptedException {
		return run(environment, 0);
	}

	private String run(Map<String, String> environment, int exitCode) throws IOException, InterruptedException {
		Path output = this.temp.resolve("output.txt");
		ProcessBuilder builder = new ProcessBuilder(this.root.resolve("bootstrap").toString()).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.directory(this.root.toFile());
		builder.environment().put("LAMBDA_TASK_ROOT", this.root.toString());
		builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1000");
		builder.environment().put("SERVERLESS_SPRING_CLASSPATH_COPY", this.copy.toString());
		builder.environment().putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String started = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(started).isEqualTo(exitCode);
		return started;
	}

}
