package dev.serverlessspring.maven;

import java.io.File;
import java.nio.file.Path;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Copies the project's runtime dependencies, the jars a deployment zip puts under
 * {@code lib/}, to {@code target/lambda-lib} with stored entries (see {@link StoredJar}
 * for why). The {@code lambda-zip} and {@code lambda-custom-runtime-zip} assembly
 * descriptors take {@code lib/} from there, so this goal runs before them
 * ({@code prepare-package}).
 * <p>
 * The {@code package} goal writes the same copies itself: this goal is for builds that
 * lay out their zips with the published assembly descriptors.
 */
@Mojo(name = "prepare-lib", defaultPhase = LifecyclePhase.PREPARE_PACKAGE,
		requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PrepareLibMojo extends AbstractMojo {

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/**
	 * Where the stored copies go; the assembly descriptors take {@code lib/} from
	 * {@code target/lambda-lib}, the default.
	 */
	@Parameter(defaultValue = "${project.build.directory}/lambda-lib", required = true)
	private File outputDirectory;

	/**
	 * Skip the goal: no stored copies are written.
	 */
	@Parameter(property = "serverless-spring.prepare-lib.skip", defaultValue = "false")
	private boolean skip;

	@Override
	public void execute() throws MojoExecutionException {
		if (this.skip) {
			getLog().info("serverless-spring: prepare-lib skipped (serverless-spring.prepare-lib.skip)");
			return;
		}
		Path output = this.outputDirectory.toPath();
		int written = StoredDependencies.write(this.project.getArtifacts(), output).size();
		getLog().info("serverless-spring: " + written + " dependency jars with stored entries in " + output);
	}

}
