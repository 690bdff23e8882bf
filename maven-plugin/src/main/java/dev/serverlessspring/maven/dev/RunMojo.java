package dev.serverlessspring.maven.dev;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The dev loop: compiles the project, then serves the functions of its
 * {@code serverless.yml} on the local Lambda (Lambda's Invoke API and the HTTP front of
 * their {@code httpApi}/ {@code http} events, on {@code 127.0.0.1}, URLs printed) until
 * Ctrl-C. The functions run from {@code target/classes} and reload when it changes
 * (recompiled by the IDE, or by {@code ./mvnw compile} in another shell), each reload
 * printing how long it took; a function that fails to start is reported in one line and
 * retried at the next change.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RunMojo extends AbstractLocalLambdaMojo {

	/**
	 * The port of the HTTP front; {@code 0} for a free one.
	 */
	@Parameter(property = "serverless-spring.run.port", defaultValue = "3000")
	int port;

	/**
	 * The port of the Invoke API; by default the HTTP front's plus one (a free one when
	 * that is {@code 0}).
	 */
	@Parameter(property = "serverless-spring.run.invoke-port")
	Integer invokePort;

	/**
	 * Skip the goal: the local Lambda does not start.
	 */
	@Parameter(property = "serverless-spring.run.skip", defaultValue = "false")
	boolean skip;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("serverless-spring: run skipped (serverless-spring.run.skip)");
			return;
		}
		List<String> arguments = new ArrayList<>(List.of("start"));
		arguments.addAll(commonArguments());
		arguments
			.addAll(List.of("--port", String.valueOf(this.port), "--watch", this.classesDirectory.getAbsolutePath()));
		if (this.invokePort != null) {
			arguments.addAll(List.of("--invoke-port", String.valueOf(this.invokePort)));
		}
		int exitCode = run(jvm(false), arguments);
		if (exitCode != 0 && exitCode != 130 && exitCode != 143) {
			throw new MojoFailureException(
					"The local Lambda stopped (exit code " + exitCode + "): see its message above");
		}
	}

}
