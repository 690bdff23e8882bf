package dev.serverlessspring.maven.dev;

import java.io.File;
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
 * Compiles the project and invokes one function of its {@code serverless.yml} once, on
 * the local Lambda, with one event: the response payload is printed, and a function error
 * fails the build. <pre>
 * ./mvnw serverless-spring:invoke -Dserverless-spring.function=hello -Dserverless-spring.event=src/test/resources/events/hello-http-api.json
 * </pre>
 */
@Mojo(name = "invoke", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class InvokeMojo extends AbstractLocalLambdaMojo {

	/**
	 * The function to invoke: its name in {@code serverless.yml}.
	 */
	@Parameter(property = "serverless-spring.function", required = true)
	String function;

	/**
	 * The file of the event; without it, {@code data} is the event.
	 */
	@Parameter(property = "serverless-spring.event")
	File event;

	/**
	 * The event itself, usually JSON, when there is no {@code event} file.
	 */
	@Parameter(property = "serverless-spring.data", defaultValue = "{}")
	String data;

	/**
	 * Skip the goal: no function is invoked.
	 */
	@Parameter(property = "serverless-spring.invoke.skip", defaultValue = "false")
	boolean skip;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("serverless-spring: invoke skipped (serverless-spring.invoke.skip)");
			return;
		}
		List<String> arguments = new ArrayList<>(
				List.of("invoke", "--function", this.function, "--mode", "in-process"));
		arguments.addAll(commonArguments());
		if (this.event != null) {
			if (!this.event.isFile()) {
				throw new MojoFailureException("No event file " + this.event);
			}
			arguments.addAll(List.of("--path", this.event.getAbsolutePath()));
		}
		else {
			arguments.addAll(List.of("--data", this.data));
		}
		int exitCode = run(jvm(true), arguments);
		// The payload ends without a new line: keep Maven's next line apart.
		System.out.println();
		if (exitCode == LocalLambdaJvm.FUNCTION_ERROR) {
			throw new MojoFailureException(this.function + " answered with a function error (above)");
		}
		if (exitCode != 0) {
			throw new MojoFailureException(
					"The local Lambda could not invoke " + this.function + ": see its message above");
		}
	}

}
