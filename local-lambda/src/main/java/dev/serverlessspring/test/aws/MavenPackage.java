package dev.serverlessspring.test.aws;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Java server from Maven Central that a local service runs in a JVM of its own, never
 * on the functions' class path: its runtime class path is resolved once with Maven (the
 * project's {@code mvnw}, found from its directory upwards, else {@code mvn}) into the
 * cache ({@link CachedInstall}).
 *
 * @param groupId the group id
 * @param artifactId the artifact id
 * @param version the version
 */
record MavenPackage(String groupId, String artifactId, String version) {

	/**
	 * Return the package's jars, resolving them first if needed.
	 * @param projectDirectory where to look for {@code mvnw}
	 * @return the class path
	 * @throws IllegalStateException if Maven is missing or the resolution fails
	 */
	String classPath(Path projectDirectory) {
		Path installed = CachedInstall.cache("maven").resolve(this.artifactId + "-" + this.version);
		CachedInstall.install(installed, (staging) -> resolve(staging, projectDirectory));
		Path lib = installed.resolve("lib");
		try (Stream<Path> jars = Files.list(lib)) {
			return String.join(File.pathSeparator,
					jars.filter((jar) -> jar.toString().endsWith(".jar")).map(Path::toString).sorted().toList());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + lib + ": " + ex.getMessage(), ex);
		}
	}

	private void resolve(Path staging, Path projectDirectory) throws IOException, InterruptedException {
		String coordinates = this.groupId + ":" + this.artifactId + ":" + this.version;
		Files.writeString(staging.resolve("pom.xml"), """
				<project xmlns="http://maven.apache.org/POM/4.0.0">
				  <modelVersion>4.0.0</modelVersion>
				  <groupId>dev.serverlessspring.local</groupId>
				  <artifactId>%s-runner</artifactId>
				  <version>1</version>
				  <dependencies>
				    <dependency>
				      <groupId>%s</groupId>
				      <artifactId>%s</artifactId>
				      <version>%s</version>
				    </dependency>
				  </dependencies>
				</project>
				""".formatted(this.artifactId, this.groupId, this.artifactId, this.version), StandardCharsets.UTF_8);
		try {
			CachedInstall.run(
					List.of(maven(projectDirectory), "-B", "-ntp", "-f", staging.resolve("pom.xml").toString(),
							"dependency:copy-dependencies", "-DincludeScope=runtime",
							"-DoutputDirectory=" + staging.resolve("lib")),
					staging.resolve("maven.log"), "Resolving " + coordinates + " with Maven");
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Could not resolve " + coordinates + " with Maven (" + ex.getMessage() + ")", ex);
		}
	}

	// The project's wrapper pins the Maven it builds with; without one, the Maven on the
	// PATH.
	private static String maven(Path projectDirectory) {
		boolean windows = System.getProperty("os.name", "").startsWith("Windows");
		for (Path current = projectDirectory.toAbsolutePath(); current != null; current = current.getParent()) {
			Path wrapper = current.resolve(windows ? "mvnw.cmd" : "mvnw");
			if (Files.isExecutable(wrapper)) {
				return wrapper.toString();
			}
		}
		return windows ? "mvn.cmd" : "mvn";
	}

}
