package dev.serverlessspring.maven.dev;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * A JVM that runs the local Lambda of {@code serverless-spring-test} through its command
 * line, {@code LocalLambdaCli}, as {@code spring-boot:run} forks the application: with
 * the project's runtime dependencies, the local Lambda and its own dependencies, and the
 * Maven JVM's {@code java}. Its output is the terminal's; it stops with Maven.
 */
final class LocalLambdaJvm {

	static final String LOCAL_LAMBDA = "dev.serverlessspring:serverless-spring-test";

	private static final String MAIN_CLASS = "dev.serverlessspring.test.cli.LocalLambdaCli";

	/** The exit code of LocalLambdaCli for a function error. */
	static final int FUNCTION_ERROR = 1;

	private final List<String> classPath;

	private final List<String> jvmArguments;

	private final Path argumentsFile;

	LocalLambdaJvm(List<String> classPath, List<String> jvmArguments, Path argumentsFile) {
		this.classPath = classPath;
		this.jvmArguments = jvmArguments;
		this.argumentsFile = argumentsFile;
	}

	/**
	 * The class path of the local Lambda for a project: its runtime dependencies, and the
	 * local Lambda with what it depends on, which the project has as test dependencies.
	 * @param artifacts the project's artifacts, resolved with the test scope
	 * @return the jars
	 * @throws MojoFailureException if the project has no local Lambda
	 */
	static List<String> dependencies(Collection<Artifact> artifacts) throws MojoFailureException {
		boolean localLambda = artifacts.stream()
			.anyMatch((artifact) -> (artifact.getGroupId() + ":" + artifact.getArtifactId()).equals(LOCAL_LAMBDA));
		if (!localLambda) {
			throw new MojoFailureException("The local Lambda is " + LOCAL_LAMBDA
					+ ": add it to pom.xml as a test dependency"
					+ " (<dependency><groupId>dev.serverlessspring</groupId><artifactId>serverless-spring-test</artifactId>"
					+ "<scope>test</scope></dependency>)");
		}
		List<String> jars = new ArrayList<>();
		for (Artifact artifact : artifacts) {
			boolean runtime = Artifact.SCOPE_COMPILE.equals(artifact.getScope())
					|| Artifact.SCOPE_RUNTIME.equals(artifact.getScope());
			boolean ofLocalLambda = artifact.getDependencyTrail() != null
					&& artifact.getDependencyTrail().stream().anyMatch((step) -> step.startsWith(LOCAL_LAMBDA + ":"));
			if ((runtime || ofLocalLambda) && artifact.getArtifactHandler().isAddedToClasspath()
					&& artifact.getFile() != null) {
				jars.add(artifact.getFile().getAbsolutePath());
			}
		}
		return jars;
	}

	/**
	 * Start the JVM.
	 * @param directory its working directory
	 * @param arguments the arguments of {@code LocalLambdaCli}
	 * @param log the Maven log
	 * @return the process, its output on the terminal
	 * @throws MojoExecutionException if it cannot be started
	 */
	Process start(File directory, List<String> arguments, Log log) throws MojoExecutionException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("@" + writeArgumentsFile(arguments));
		log.debug("serverless-spring: " + String.join(" ", command));
		try {
			return new ProcessBuilder(command).directory(directory).inheritIO().start();
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not start the local Lambda: " + ex.getMessage(), ex);
		}
	}

	// An arguments file: a class path of a hundred jars exceeds some systems'
	// command-line limits.
	private Path writeArgumentsFile(List<String> arguments) throws MojoExecutionException {
		List<String> lines = new ArrayList<>(this.jvmArguments);
		lines.add("-cp");
		lines.add(String.join(File.pathSeparator, this.classPath));
		lines.add(MAIN_CLASS);
		lines.addAll(arguments);
		try {
			Files.createDirectories(this.argumentsFile.getParent());
			Files.write(this.argumentsFile, lines.stream().map(LocalLambdaJvm::quoted).collect(Collectors.toList()),
					StandardCharsets.UTF_8);
			return this.argumentsFile;
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not write " + this.argumentsFile + ": " + ex.getMessage(), ex);
		}
	}

	private static String quoted(String argument) {
		return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/**
	 * Wait for the JVM to end; if Maven stops first (Ctrl-C), stop it too.
	 * @param process the JVM
	 * @return its exit code
	 * @throws MojoExecutionException if interrupted
	 */
	static int waitFor(Process process) throws MojoExecutionException {
		Thread stop = new Thread(() -> {
			process.destroy();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
			}
		}, "serverless-spring-stop-local-lambda");
		Runtime.getRuntime().addShutdownHook(stop);
		try {
			return process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroy();
			throw new MojoExecutionException("Interrupted while the local Lambda ran", ex);
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(stop);
			}
			catch (IllegalStateException ex) {
				// Maven is shutting down: the hook runs.
			}
		}
	}

}
