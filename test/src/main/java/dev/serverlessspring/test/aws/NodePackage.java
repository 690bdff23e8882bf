package dev.serverlessspring.test.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An npm package that a local service runs on Node.js: the project's own copy when a
 * {@code node_modules} of its directory or a parent has it (a project that pins it in its
 * {@code package.json}), else the version asked for, installed once with {@code npm} into a
 * cache that builds share ({@code ~/.cache/serverless-spring/node}, or the
 * {@code SERVERLESS_SPRING_CACHE} variable's folder).
 *
 * @param name the package's name
 * @param version the version installed when the project has none
 */
record NodePackage(String name, String version) {

	private static final long INSTALL_TIMEOUT_MINUTES = 5;

	/**
	 * Find the package, installing it if needed.
	 * @param projectDirectory where to look for a {@code node_modules} first
	 * @return the {@code node_modules} folder that holds it, for {@code NODE_PATH}
	 * @throws IllegalStateException if Node.js or npm is missing, or the install fails
	 */
	Path nodeModules(Path projectDirectory) {
		for (Path current = projectDirectory.toAbsolutePath(); current != null; current = current.getParent()) {
			Path candidate = current.resolve("node_modules");
			if (Files.isRegularFile(candidate.resolve(this.name).resolve("package.json"))) {
				return candidate;
			}
		}
		Path installed = cache().resolve(this.name + "-" + this.version);
		Path nodeModules = installed.resolve("node_modules");
		if (!Files.isRegularFile(nodeModules.resolve(this.name).resolve("package.json"))) {
			install(installed);
		}
		return nodeModules;
	}

	static Path cache() {
		String configured = System.getenv("SERVERLESS_SPRING_CACHE");
		Path cache = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "serverless-spring");
		return cache.resolve("node");
	}

	// Into a folder of its own, then moved into place: builds running at once never see half an install.
	private void install(Path target) {
		try {
			Files.createDirectories(target.getParent());
			Path staging = Files.createTempDirectory(target.getParent(), this.name + "-install-");
			Path log = staging.resolve("npm-install.log");
			Process npm = new ProcessBuilder(List.of(npm(), "install", "--prefix", staging.toString(), "--no-save",
					"--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", this.name + "@" + this.version))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
			if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
				npm.destroyForcibly();
				throw new IllegalStateException("npm install " + this.name + "@" + this.version + " did not finish in "
						+ INSTALL_TIMEOUT_MINUTES + " minutes");
			}
			if (npm.exitValue() != 0) {
				throw new IllegalStateException("npm install " + this.name + "@" + this.version + " failed (exit "
						+ npm.exitValue() + "):\n" + Files.readString(log, StandardCharsets.UTF_8));
			}
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException ex) {
				// Another build installed it first: theirs is as good.
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot install " + this.name + " with npm (local AWS services need Node.js "
					+ "and npm on the PATH): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while installing " + this.name, ex);
		}
	}

	private static String npm() {
		return System.getProperty("os.name", "").startsWith("Windows") ? "npm.cmd" : "npm";
	}

}
