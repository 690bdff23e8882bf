package dev.serverlessspring.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Copies the project's runtime dependencies, the jars a deployment zip puts under {@code lib/},
 * to {@code target/lambda-lib} with stored entries (see {@link StoredJar} for why). The
 * {@code lambda-zip} and {@code lambda-custom-runtime-zip} assembly descriptors take {@code lib/}
 * from there, so this goal runs before them ({@code prepare-package}).
 * <p>
 * A jar is rewritten only when its source changed since the last build; copies of dependencies
 * the project no longer has are removed.
 */
@Mojo(name = "prepare-lib", defaultPhase = LifecyclePhase.PREPARE_PACKAGE,
		requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PrepareLibMojo extends AbstractMojo {

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/**
	 * Where the stored copies go.
	 */
	@Parameter(defaultValue = "${project.build.directory}/lambda-lib", required = true)
	private File outputDirectory;

	@Override
	public void execute() throws MojoExecutionException {
		Path output = this.outputDirectory.toPath();
		Map<Path, Artifact> written = new HashMap<>();
		try {
			Files.createDirectories(output);
			for (Artifact artifact : this.project.getArtifacts()) {
				if (artifact.getArtifactHandler().isAddedToClasspath()) {
					Artifact other = written.put(storedCopy(artifact, output), artifact);
					if (other != null) {
						throw new MojoExecutionException(artifact + " and " + other
								+ " would have the same file name under lib/: exclude one of them");
					}
				}
			}
			removeAllBut(written.keySet(), output);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot write the stored dependency jars to " + output + ": " + ex.getMessage(), ex);
		}
		getLog().info("serverless-spring: " + written.size() + " dependency jars with stored entries in " + output);
	}

	private static Path storedCopy(Artifact artifact, Path output) throws IOException, MojoExecutionException {
		File file = artifact.getFile();
		if (file == null || !file.isFile()) {
			throw new MojoExecutionException(artifact + " has no jar to put into the deployment package (" + file
					+ "); run at least the package phase so that reactor modules are jars");
		}
		Path source = file.toPath();
		Path target = output.resolve(fileName(artifact));
		FileTime sourceTime = Files.getLastModifiedTime(source);
		if (!Files.isRegularFile(target) || !Files.getLastModifiedTime(target).equals(sourceTime)) {
			StoredJar.copy(source, target);
			Files.setLastModifiedTime(target, sourceTime);
		}
		return target;
	}

	/**
	 * Return the name a dependency's stored copy gets: {@code artifactId-version[-classifier].jar},
	 * the name under {@code lib/} in every package.
	 * @param artifact the dependency
	 * @return the file name
	 */
	public static String fileName(Artifact artifact) {
		return artifact.getArtifactId() + "-" + artifact.getBaseVersion()
				+ (artifact.hasClassifier() ? "-" + artifact.getClassifier() : "") + "."
				+ artifact.getArtifactHandler().getExtension();
	}

	private static void removeAllBut(Set<Path> copies, Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((file) -> !copies.contains(file)).toList()) {
				Files.delete(file);
			}
		}
	}

}
