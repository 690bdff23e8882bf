package dev.serverlessspring.test.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An npm package that a local service runs on Node.js: the project's own copy when a
 * {@code node_modules} of its directory or a parent has it (a project that pins it in its
 * {@code package.json}), else the version asked for, installed once with {@code npm} into
 * the cache ({@link CachedInstall}).
 *
 * @param name the package's name
 * @param version the version installed when the project has none
 */
record NodePackage(String name, String version) {

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
		Path installed = CachedInstall.cache("node").resolve(this.name + "-" + this.version);
		CachedInstall.install(installed, this::install);
		return installed.resolve("node_modules");
	}

	private void install(Path staging) throws IOException, InterruptedException {
		String npm = System.getProperty("os.name", "").startsWith("Windows") ? "npm.cmd" : "npm";
		try {
			CachedInstall.run(
					List.of(npm, "install", "--prefix", staging.toString(), "--no-save", "--no-package-lock",
							"--no-audit", "--no-fund", "--loglevel=error", this.name + "@" + this.version),
					staging.resolve("npm-install.log"), "npm install " + this.name + "@" + this.version);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install " + this.name
					+ " with npm (local AWS services need Node.js " + "and npm on the PATH): " + ex.getMessage(), ex);
		}
	}

}
