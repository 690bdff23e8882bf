package dev.serverlessspring.maven.serverless;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Installs the Serverless tooling that the project's {@code package.json} pins, so that
 * {@code npx serverless deploy} runs it: copies serverless-spring's Serverless Framework
 * plugin, an npm package published to Maven repositories rather than to npm, to
 * {@code target/npm/serverless-spring-plugin.tgz}, where {@code package.json} takes it
 * from, then runs {@code npm install}. Skipped while {@code node_modules} is newer than
 * {@code package.json}, {@code package-lock.json} and the plugin, and in projects without
 * a {@code package.json}.
 */
@Mojo(name = "npm-install", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class NpmInstallMojo extends AbstractMojo {

	@Component
	private RepositorySystem repositorySystem;

	@Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
	private RepositorySystemSession repositorySession;

	@Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
	private List<RemoteRepository> repositories;

	/**
	 * Skip the goal: neither the plugin's package is copied nor {@code npm install} run.
	 */
	@Parameter(property = "serverless-spring.npm-install.skip", defaultValue = "false")
	private boolean skip;

	/**
	 * The directory of {@code package.json}.
	 */
	@Parameter(defaultValue = "${project.basedir}", required = true)
	private File directory;

	/**
	 * Where the Serverless Framework plugin's package is copied to.
	 */
	@Parameter(defaultValue = "${project.build.directory}/npm/serverless-spring-plugin.tgz", required = true)
	private File pluginPackage;

	/**
	 * The version of serverless-spring's Serverless Framework plugin: this Maven
	 * plugin's.
	 */
	@Parameter(property = "serverless-spring.serverless-plugin.version", defaultValue = "${plugin.version}",
			required = true)
	private String pluginVersion;

	/**
	 * The {@code npm} command.
	 */
	@Parameter(property = "serverless-spring.npm", defaultValue = "npm", required = true)
	private String npm;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		Path packageJson = this.directory.toPath().resolve("package.json");
		if (this.skip || !Files.isRegularFile(packageJson)) {
			getLog().debug("serverless-spring: no npm install (skipped, or no package.json)");
			return;
		}
		try {
			Path plugin = copyPlugin();
			Path installed = this.directory.toPath().resolve("node_modules/.package-lock.json");
			if (isNewerThanAll(installed, packageJson, this.directory.toPath().resolve("package-lock.json"), plugin)) {
				getLog().info("serverless-spring: node_modules is up to date");
				return;
			}
			runNpmInstall();
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not install the Serverless tooling: " + ex.getMessage(), ex);
		}
	}

	private Path copyPlugin() throws IOException, MojoFailureException {
		ArtifactRequest request = new ArtifactRequest(
				new DefaultArtifact("dev.serverlessspring", "serverless-spring-plugin", "tgz", this.pluginVersion),
				this.repositories, null);
		File source;
		try {
			source = this.repositorySystem.resolveArtifact(this.repositorySession, request).getArtifact().getFile();
		}
		catch (ArtifactResolutionException ex) {
			throw new MojoFailureException(
					"Could not resolve serverless-spring's Serverless Framework plugin: " + ex.getMessage(), ex);
		}
		Path target = this.pluginPackage.toPath();
		FileTime time = Files.getLastModifiedTime(source.toPath());
		if (!Files.isRegularFile(target) || Files.size(target) != Files.size(source.toPath())
				|| !Files.getLastModifiedTime(target).equals(time)) {
			Files.createDirectories(target.getParent());
			Files.copy(source.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			Files.setLastModifiedTime(target, time);
		}
		return target;
	}

	private static boolean isNewerThanAll(Path file, Path... others) throws IOException {
		if (!Files.isRegularFile(file)) {
			return false;
		}
		FileTime time = Files.getLastModifiedTime(file);
		for (Path other : others) {
			if (Files.exists(other) && Files.getLastModifiedTime(other).compareTo(time) >= 0) {
				return false;
			}
		}
		return true;
	}

	private void runNpmInstall() throws MojoExecutionException, MojoFailureException {
		List<String> command = List.of(this.npm, "install", "--no-audit", "--no-fund");
		getLog().info("serverless-spring: " + String.join(" ", command));
		try {
			int exitCode = new ProcessBuilder(command).directory(this.directory).inheritIO().start().waitFor();
			if (exitCode != 0) {
				throw new MojoFailureException("npm install failed (exit code " + exitCode + "): see its output above");
			}
		}
		catch (IOException ex) {
			throw new MojoFailureException("Could not run " + this.npm + " (" + ex.getMessage()
					+ "): the Serverless tooling"
					+ " needs Node.js 20 or later on the PATH; -Dserverless-spring.npm-install.skip builds without it",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MojoExecutionException("Interrupted during npm install", ex);
		}
	}

}
