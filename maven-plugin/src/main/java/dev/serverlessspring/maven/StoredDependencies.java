package dev.serverlessspring.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The project's runtime dependencies as the jars a deployment package puts under
 * {@code lib/}: copies with stored entries (see {@link StoredJar} for why), named
 * {@code artifactId-version[-classifier].jar}, in one directory. A copy is rewritten only
 * when its source changed since the last build; copies of dependencies the project no
 * longer has are removed. Every packaging goal of this plugin takes {@code lib/} from
 * here.
 */
public final class StoredDependencies {

	/**
	 * Dependencies no package ships: Spring Cloud Function needs
	 * {@code spring-boot-web-server} for build-time AOT only, and at run time it costs
	 * ~40 ms of each cold start.
	 */
	private static final Set<String> BUILD_TIME_ONLY = Set.of("org.springframework.boot:spring-boot-web-server");

	private StoredDependencies() {
	}

	/**
	 * Return whether a dependency is needed at build time only, so that no package ships
	 * it.
	 * @param artifact the dependency
	 * @return {@code true} to leave it out of {@code lib/}
	 */
	public static boolean isBuildTimeOnly(Artifact artifact) {
		return BUILD_TIME_ONLY.contains(artifact.getGroupId() + ":" + artifact.getArtifactId());
	}

	/**
	 * Write the stored copies of the artifacts that go on the class path.
	 * @param artifacts the project's resolved runtime artifacts
	 * @param output the directory of the copies
	 * @return each artifact's stored copy, in the artifacts' order
	 * @throws MojoExecutionException if an artifact has no jar yet, two would have the
	 * same name, or a copy cannot be written
	 */
	public static Map<Artifact, Path> write(Collection<Artifact> artifacts, Path output) throws MojoExecutionException {
		Map<Artifact, Path> copies = new LinkedHashMap<>();
		Map<Path, Artifact> owners = new LinkedHashMap<>();
		try {
			Files.createDirectories(output);
			for (Artifact artifact : artifacts) {
				if (artifact.getArtifactHandler().isAddedToClasspath()) {
					Path copy = storedCopy(artifact, output);
					Artifact other = owners.put(copy, artifact);
					if (other != null) {
						throw new MojoExecutionException(artifact + " and " + other
								+ " would have the same file name under lib/: exclude one of them");
					}
					copies.put(artifact, copy);
				}
			}
			try (Stream<Path> files = Files.list(output)) {
				for (Path file : files.filter((file) -> !owners.containsKey(file)).toList()) {
					Files.delete(file);
				}
			}
		}
		catch (IOException ex) {
			throw new MojoExecutionException(
					"Could not write the stored dependency jars to " + output + ": " + ex.getMessage(), ex);
		}
		return copies;
	}

	private static Path storedCopy(Artifact artifact, Path output) throws IOException, MojoExecutionException {
		File file = artifact.getFile();
		if (file == null || !file.isFile()) {
			throw new MojoExecutionException(artifact + " has no jar to put into the deployment package (" + file
					+ "); run at least the package phase so that reactor modules are jars");
		}
		String name = artifact.getArtifactId() + "-" + artifact.getBaseVersion()
				+ (artifact.hasClassifier() ? "-" + artifact.getClassifier() : "") + "."
				+ artifact.getArtifactHandler().getExtension();
		Path source = file.toPath();
		Path target = output.resolve(name);
		FileTime sourceTime = Files.getLastModifiedTime(source);
		if (!Files.isRegularFile(target) || !Files.getLastModifiedTime(target).equals(sourceTime)) {
			StoredJar.copy(source, target);
			Files.setLastModifiedTime(target, sourceTime);
		}
		return target;
	}

}
