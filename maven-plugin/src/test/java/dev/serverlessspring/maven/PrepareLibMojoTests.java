package dev.serverlessspring.maven;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PrepareLibMojoTests {

	@TempDir
	Path directory;

	@Test
	void classpathDependenciesAreCopiedStoredUnderTheAssemblysNames() throws Exception {
		Path output = this.directory.resolve("lambda-lib");
		execute(output, jarArtifact("org.example", "core", "1.0", null),
				jarArtifact("org.example", "extra", "2.0", "linux"),
				artifact("org.example", "bom", "3.0", null, "pom", null));

		assertThat(names(output)).containsExactlyInAnyOrder("core-1.0.jar", "extra-2.0-linux.jar");
		try (ZipFile copy = new ZipFile(output.resolve("core-1.0.jar").toFile())) {
			assertThat(copy.stream()).isNotEmpty()
				.allSatisfy((entry) -> assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED));
		}
	}

	@Test
	void unchangedJarsAreKeptAndCopiesOfRemovedDependenciesDeleted() throws Exception {
		Path output = this.directory.resolve("lambda-lib");
		Artifact core = jarArtifact("org.example", "core", "1.0", null);
		execute(output, core, jarArtifact("org.example", "gone", "1.0", null));
		Path copy = output.resolve("core-1.0.jar");
		byte[] written = Files.readAllBytes(copy);

		execute(output, core);

		assertThat(names(output)).containsExactly("core-1.0.jar");
		assertThat(copy).hasBinaryContent(written);
		assertThat(Files.getLastModifiedTime(copy)).isEqualTo(Files.getLastModifiedTime(core.getFile().toPath()));
	}

	@Test
	void twoDependenciesWithTheSameFileNameFail() throws Exception {
		Artifact one = jarArtifact("org.example", "core", "1.0", null);
		Artifact other = jarArtifact("com.example", "core", "1.0", null);

		assertThatExceptionOfType(MojoExecutionException.class)
			.isThrownBy(() -> execute(this.directory.resolve("lambda-lib"), one, other))
			.withMessageContaining("org.example:core:jar:1.0:runtime")
			.withMessageContaining("com.example:core:jar:1.0:runtime")
			.withMessageContaining("same file name under lib/");
	}

	@Test
	void dependencyWithoutAJarFailsNamingIt() {
		Artifact unpackaged = artifact("org.example", "module", "1.0", null, "jar",
				this.directory.resolve("classes").toFile());

		assertThatExceptionOfType(MojoExecutionException.class)
			.isThrownBy(() -> execute(this.directory.resolve("lambda-lib"), unpackaged))
			.withMessageContaining("org.example:module:jar:1.0:runtime has no jar");
	}

	private void execute(Path output, Artifact... artifacts) throws Exception {
		MavenProject project = new MavenProject();
		project.setArtifacts(new LinkedHashSet<>(List.of(artifacts)));
		PrepareLibMojo mojo = new PrepareLibMojo();
		set(mojo, "project", project);
		set(mojo, "outputDirectory", output.toFile());
		mojo.execute();
	}

	private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
		Field field = target.getClass().getDeclaredField(name);
		field.setAccessible(true);
		field.set(target, value);
	}

	private Artifact jarArtifact(String groupId, String artifactId, String version, String classifier)
			throws IOException {
		Path jar = this.directory.resolve(groupId + "-" + artifactId + ".jar");
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
			out.putNextEntry(new ZipEntry(artifactId + "/Type.class"));
			out.write(new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE });
		}
		return artifact(groupId, artifactId, version, classifier, "jar", jar.toFile());
	}

	private static Artifact artifact(String groupId, String artifactId, String version, String classifier, String type,
			File file) {
		DefaultArtifactHandler handler = new DefaultArtifactHandler(type);
		handler.setAddedToClasspath(type.equals("jar"));
		DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, version, "runtime", type, classifier,
				handler);
		artifact.setFile(file);
		return artifact;
	}

	private static Set<String> names(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return Set.copyOf(files.map((file) -> file.getFileName().toString()).toList());
		}
	}

}
