package dev.serverlessspring.maven.dev;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.maven.ApplicationClass;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals that run the project's functions on the local Lambda share: the
 * {@code serverless.yml}, the application class, the JVM.
 */
abstract class AbstractLocalLambdaMojo extends AbstractMojo {

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	MavenProject project;

	/**
	 * The {@code serverless.yml} whose functions run.
	 */
	@Parameter(property = "serverless-spring.config", defaultValue = "${project.basedir}/serverless.yml",
			required = true)
	File config;

	/**
	 * The stage for which {@code serverless.yml} is read ({@code ${sls:stage}},
	 * {@code --stage}); by default its {@code provider.stage}, else {@code dev}, as the
	 * Serverless Framework's.
	 */
	@Parameter(property = "serverless-spring.stage")
	String stage;

	/**
	 * The {@code @SpringBootApplication} class the functions start; by default the one
	 * such class with a {@code main} method.
	 */
	@Parameter(property = "start-class")
	String startClass;

	/**
	 * Options of the local Lambda's JVM, such as {@code -Xmx1g} or a debugger's agent;
	 * none by default.
	 */
	@Parameter(property = "serverless-spring.jvm-arguments")
	String jvmArguments;

	/**
	 * The compiled classes and resources of the functions.
	 */
	@Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
	File classesDirectory;

	/**
	 * The arguments of {@code LocalLambdaCli} common to its commands.
	 * @return {@code --config}, {@code --main-class} and {@code --stage}
	 * @throws MojoFailureException if there is no serverless.yml or no application class
	 */
	List<String> commonArguments() throws MojoFailureException {
		if (!this.config.isFile()) {
			throw new MojoFailureException(
					"No " + this.config + ": the local Lambda serves the functions of a serverless.yml"
							+ " (set serverless-spring.config to another one)");
		}
		List<String> arguments = new ArrayList<>(List.of("--config", this.config.getAbsolutePath(), "--main-class",
				ApplicationClass.find(this.startClass, this.classesDirectory)));
		if (this.stage != null && !this.stage.isBlank()) {
			arguments.addAll(List.of("--stage", this.stage));
		}
		return arguments;
	}

	/**
	 * The JVM of the local Lambda.
	 * @param withClasses whether the project's classes are on its class path (rather than
	 * loaded by the local Lambda from a class loader of their own)
	 * @return the JVM, not started
	 * @throws MojoFailureException if the project has no local Lambda
	 */
	LocalLambdaJvm jvm(boolean withClasses) throws MojoFailureException {
		List<String> classPath = new ArrayList<>();
		if (withClasses) {
			classPath.add(this.classesDirectory.getAbsolutePath());
		}
		classPath.addAll(LocalLambdaJvm.dependencies(this.project.getArtifacts()));
		List<String> options = (this.jvmArguments != null && !this.jvmArguments.isBlank())
				? List.of(this.jvmArguments.strip().split("\\s+")) : List.of();
		return new LocalLambdaJvm(classPath, options,
				new File(this.project.getBuild().getDirectory(), "serverless-spring/local-lambda.args").toPath());
	}

	/**
	 * Run {@code LocalLambdaCli} to its end.
	 * @param jvm the JVM
	 * @param arguments its arguments
	 * @return its exit code
	 * @throws MojoExecutionException if it cannot run
	 */
	int run(LocalLambdaJvm jvm, List<String> arguments) throws MojoExecutionException {
		return LocalLambdaJvm.waitFor(jvm.start(this.project.getBasedir(), arguments, getLog()));
	}

}
