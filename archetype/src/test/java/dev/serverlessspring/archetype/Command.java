package dev.serverlessspring.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command line run in a directory, its output kept in a log file next to the work it
 * did so a failure can be read after the test.
 *
 * @param directory where the command runs
 * @param arguments the program and its arguments
 * @param environment variables added to this process's environment
 */
record Command(Path directory, List<String> arguments, Map<String, String> environment) {

	/**
	 * The local repository of this build: generated builds must resolve our SNAPSHOTs
	 * from it.
	 */
	static final String LOCAL_REPOSITORY = System.getProperty("local.repository");

	/** The project's root directory: its Maven wrapper generates projects. */
	static final Path ROOT = Path.of(System.getProperty("root.dir", "..")).toAbsolutePath().normalize();

	/**
	 * The lock of the test classes that run commands in {@link #ROOT} (its
	 * {@code target/} and {@code .serverless/} are shared): they run one at a time.
	 */
	static final String REPOSITORY_ROOT = "repository root";

	static Command of(Path directory, String... arguments) {
		return new Command(directory, List.of(arguments), Map.of());
	}

	/**
	 * A command line run by {@code sh -c} exactly as a README shows it.
	 * @param directory where it runs
	 * @param line the line
	 * @return the command
	 */
	static Command shell(Path directory, String line) {
		return of(directory, "sh", "-c", line);
	}

	/**
	 * This command with more environment variables.
	 * @param variables the variables
	 * @return the command
	 */
	Command withEnvironment(Map<String, String> variables) {
		Map<String, String> all = new LinkedHashMap<>(this.environment);
		all.putAll(variables);
		return new Command(this.directory, this.arguments, all);
	}

	/**
	 * A Maven build with a wrapper script, in batch mode, against this build's local
	 * repository.
	 * @param directory where the build runs
	 * @param wrapper the {@code mvnw} script to run
	 * @param arguments goals and options
	 * @return the command
	 */
	static Command maven(Path directory, Path wrapper, String... arguments) {
		List<String> all = new ArrayList<>(List.of(wrapper.toString(), "-B", "-ntp"));
		if (LOCAL_REPOSITORY != null) {
			all.add("-Dmaven.repo.local=" + LOCAL_REPOSITORY);
		}
		all.addAll(Arrays.asList(arguments));
		return new Command(directory, all, Map.of());
	}

	/**
	 * Runs the command to its end.
	 * @param log the file that receives its standard output and error
	 * @return the result
	 */
	Result run(Path log) {
		try {
			Process process = start(log);
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(this.arguments + " did not finish in 10 minutes; see " + log);
			}
			return new Result(this, process.exitValue(), Files.readString(log), log);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + this.arguments, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + this.arguments, ex);
		}
	}

	/**
	 * Starts the command, for one that runs until it is stopped.
	 * @param log the file that receives its standard output and error
	 * @return the running process
	 * @throws IOException if it cannot start
	 */
	Process start(Path log) throws IOException {
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(this.arguments).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		process.getOutputStream().close();
		return process;
	}

	/**
	 * What a command did.
	 *
	 * @param command the command
	 * @param exitCode its exit code
	 * @param output its standard output and error
	 * @param log where the output is kept
	 */
	record Result(Command command, int exitCode, String output, Path log) {

		/**
		 * @return this result, if the command succeeded
		 * @throws AssertionError naming the command and its log otherwise
		 */
		Result assertSuccess() {
			if (this.exitCode != 0) {
				throw new AssertionError(this.command.arguments() + " failed with exit code " + this.exitCode + " in "
						+ this.command.directory() + "; see " + this.log + ":\n" + tail());
			}
			return this;
		}

		private String tail() {
			return this.output.substring(Math.max(0, this.output.length() - 4000));
		}

	}

}
