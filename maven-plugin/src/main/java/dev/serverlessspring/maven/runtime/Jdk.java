package dev.serverlessspring.maven.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.maven.plugin.MojoExecutionException;

/**
 * A JDK a function's Java runtime is linked from: its version, the OS and CPU it runs on
 * (from its {@code release} file) and its {@code jdeps} and {@code jlink}.
 */
final class Jdk {

	/**
	 * The oldest JDK whose runtime can carry a cache trained at build time (dynamic
	 * AppCDS).
	 */
	static final int MINIMUM_FEATURE = 21;

	/** The first JDK with {@code -XX:AOTCacheOutput} (JEP 514). */
	static final int AOT_CACHE_FEATURE = 25;

	private final Path home;

	private final Properties release;

	private Jdk(Path home, Properties release) {
		this.home = home;
		this.release = release;
	}

	/**
	 * Describe the JDK at {@code home}.
	 * @param home the JDK's directory
	 * @return the JDK
	 * @throws MojoExecutionException if it is no JDK 21 or newer with {@code jlink}
	 */
	static Jdk at(Path home) throws MojoExecutionException {
		if (!Files.isExecutable(home.resolve("bin/jlink"))) {
			throw new MojoExecutionException("No JDK with jlink at " + home + ": name a JDK " + MINIMUM_FEATURE
					+ " or newer (25 recommended) with -Dserverless-spring.jdk=/path/to/jdk");
		}
		return read(home);
	}

	/**
	 * Describe the Java runtime {@code link-java-runtime} linked at {@code home}.
	 * @param home the runtime's directory
	 * @return the runtime
	 * @throws MojoExecutionException if there is none
	 */
	static Jdk runtimeAt(Path home) throws MojoExecutionException {
		if (!Files.isExecutable(home.resolve("bin/java"))) {
			throw new MojoExecutionException("No Java runtime at " + home + ": the java-runtime package needs the goal"
					+ " serverless-spring:link-java-runtime to run before it");
		}
		return read(home);
	}

	private static Jdk read(Path home) throws MojoExecutionException {
		Path releaseFile = home.resolve("release");
		if (!Files.isRegularFile(releaseFile)) {
			throw new MojoExecutionException("No release file in " + home + ": not a JDK");
		}
		Properties release = new Properties();
		try (InputStream in = Files.newInputStream(releaseFile)) {
			release.load(in);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not read " + releaseFile, ex);
		}
		Jdk jdk = new Jdk(home, release);
		if (jdk.feature() < MINIMUM_FEATURE) {
			throw new MojoExecutionException("The JDK at " + home + " is Java " + jdk.version()
					+ ": a function's own Java" + " runtime needs a JDK " + MINIMUM_FEATURE
					+ " or newer (25 recommended): run Maven with one as JAVA_HOME,"
					+ " or name it with -Dserverless-spring.jdk=/path/to/jdk");
		}
		return jdk;
	}

	Path home() {
		return this.home;
	}

	/**
	 * The full version, such as {@code 25.0.3}.
	 * @return the version
	 */
	String version() {
		return value("JAVA_VERSION");
	}

	/**
	 * The feature release, such as 25.
	 * @return the feature release number
	 */
	int feature() {
		String version = version();
		int end = 0;
		while (end < version.length() && Character.isDigit(version.charAt(end))) {
			end++;
		}
		return (end > 0) ? Integer.parseInt(version.substring(0, end)) : 0;
	}

	/**
	 * Whether the JVM writes a JDK AOT cache ({@code -XX:AOTCacheOutput}), else a dynamic
	 * AppCDS archive.
	 * @return whether it is a JDK 25 or later
	 */
	boolean hasAotCache() {
		return feature() >= AOT_CACHE_FEATURE;
	}

	/**
	 * The OS the JDK was built for, as its release file says: {@code Linux},
	 * {@code Darwin}...
	 * @return the OS name
	 */
	String osName() {
		return value("OS_NAME");
	}

	/**
	 * The CPU the JDK was built for: {@code x86_64} or {@code aarch64}.
	 * @return the CPU architecture
	 */
	String osArch() {
		return value("OS_ARCH");
	}

	/**
	 * The Lambda architecture the JDK's runtime runs on: {@code x86_64} or {@code arm64}.
	 * @return the architecture, as {@code serverless.yml} names it
	 * @throws MojoExecutionException for a JDK that is not a Linux one of either CPU
	 */
	String lambdaArchitecture() throws MojoExecutionException {
		if (!"Linux".equals(osName())) {
			throw new MojoExecutionException("The JDK at " + this.home + " is for " + osName() + ": Lambda runs Linux,"
					+ " so a function's own Java runtime must be linked from a Linux JDK, on Linux (build on Linux or in CI)");
		}
		return switch (osArch()) {
			case "x86_64", "amd64" -> "x86_64";
			case "aarch64", "arm64" -> "arm64";
			default -> throw new MojoExecutionException(
					"The JDK at " + this.home + " is for " + osArch() + ": Lambda runs x86_64 and arm64 only");
		};
	}

	private String value(String key) {
		String value = this.release.getProperty(key, "");
		return value.replace("\"", "").strip();
	}

	/**
	 * Run one of the JDK's tools.
	 * @param tool the tool's name, such as {@code jlink}
	 * @param arguments its arguments
	 * @return what it wrote to standard output
	 * @throws MojoExecutionException if it fails
	 */
	String run(String tool, List<String> arguments) throws MojoExecutionException {
		List<String> command = new ArrayList<>();
		command.add(this.home.resolve("bin").resolve(tool).toString());
		command.addAll(arguments);
		return run(command);
	}

	/**
	 * Run a build tool and wait for it (ten minutes at most).
	 * @param command the tool's path and its arguments
	 * @return what it wrote to standard output and standard error
	 * @throws MojoExecutionException if it cannot run or fails
	 */
	static String run(List<String> command) throws MojoExecutionException {
		String tool = Path.of(command.get(0)).getFileName().toString();
		try {
			Path output = Files.createTempFile("serverless-spring-" + tool, ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(10, TimeUnit.MINUTES)) {
					process.destroyForcibly();
					throw new MojoExecutionException(tool + " did not finish within 10 minutes");
				}
				String text = Files.readString(output, StandardCharsets.UTF_8);
				if (process.exitValue() != 0) {
					throw new MojoExecutionException(
							tool + " failed (exit " + process.exitValue() + "): " + text.strip());
				}
				return text;
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MojoExecutionException("Interrupted while running " + tool, ex);
		}
	}

	@Override
	public String toString() {
		return "Java " + version() + " (" + osName() + " " + osArch() + ") at " + this.home;
	}

}
