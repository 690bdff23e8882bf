package dev.serverlessspring.maven.runtime;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zips {@code java-runtime-zip} writes with and without {@code layer}, from a
 * stand-in for a linked runtime and without the training run: the Java runtime in the
 * function's zip, or in a layer zip of its own under {@code java-runtime/} and not in the
 * function's.
 */
class JavaRuntimeZipMojoTests {

	@TempDir
	Path directory;

	private Path runtime;

	@BeforeEach
	void linkedRuntime() throws IOException {
		this.runtime = Files.createDirectories(this.directory.resolve("target/serverless-spring/java-runtime"));
		Files.createDirectories(this.runtime.resolve("bin"));
		Files.createDirectories(this.runtime.resolve("lib"));
		Files.writeString(this.runtime.resolve("release"),
				"JAVA_VERSION=\"25.0.1\"\nOS_NAME=\"Linux\"\nOS_ARCH=\"x86_64\"\n");
		Files.writeString(this.runtime.resolve("bin/java"), "#!/bin/sh\n");
		Files.setPosixFilePermissions(this.runtime.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(this.runtime.resolve("lib/modules"), "modules");
	}

	@Test
	void theFunctionsZipCarriesTheRuntimeByDefault() throws Exception {
		execute(false);
		try (ZipFile zip = ZipFile.builder().setPath(this.directory.resolve("target/app-1.0-java-runtime.zip")).get()) {
			assertThat(names(zip)).containsExactly("bootstrap", "app.jar", "runtime/bin/java", "runtime/lib/modules",
					"runtime/release");
		}
		assertThat(this.directory.resolve("target/app-1.0-java-runtime-layer.zip")).doesNotExist();
	}

	@Test
	void withLayerTheRuntimeGoesIntoALayerZipUnderJavaRuntimeAndOutOfTheFunctionsZip() throws Exception {
		execute(true);
		try (ZipFile zip = ZipFile.builder().setPath(this.directory.resolve("target/app-1.0-java-runtime.zip")).get()) {
			assertThat(names(zip)).containsExactly("bootstrap", "app.jar");
		}
		Path layerZip = this.directory.resolve("target/app-1.0-java-runtime-layer.zip");
		try (ZipFile layer = ZipFile.builder().setPath(layerZip).get()) {
			assertThat(names(layer)).containsExactly("java-runtime/bin/java", "java-runtime/lib/modules",
					"java-runtime/release");
			assertThat(layer.getEntry("java-runtime/bin/java").getUnixMode()).isEqualTo(0100755);
		}

		// A build without the layer removes it, so that it is not taken for that build's.
		execute(false);
		assertThat(layerZip).doesNotExist();
	}

	private void execute(boolean layer) throws Exception {
		Path jar = this.directory.resolve("target/app-1.0.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new ZipEntry("com/acme/Application.class"));
			out.write(new byte[] { (byte) 0xCA, (byte) 0xFE });
		}
		MavenProject project = new MavenProject();
		DefaultArtifact artifact = new DefaultArtifact("com.acme", "app", "1.0", "compile", "jar", null,
				new DefaultArtifactHandler("jar"));
		artifact.setFile(jar.toFile());
		project.setArtifact(artifact);
		project.setArtifacts(new LinkedHashSet<>());
		JavaRuntimeZipMojo mojo = new JavaRuntimeZipMojo();
		set(mojo, "project", project);
		set(mojo, "runtimeDirectory", this.runtime.toFile());
		set(mojo, "libDirectory", this.directory.resolve("target/lambda-lib").toFile());
		set(mojo, "taskRoot", this.directory.resolve("target/serverless-spring/java-runtime-package").toFile());
		set(mojo, "zip", this.directory.resolve("target/app-1.0-java-runtime.zip").toFile());
		set(mojo, "layerZip", this.directory.resolve("target/app-1.0-java-runtime-layer.zip").toFile());
		set(mojo, "skipTraining", true);
		set(mojo, "layer", layer);
		mojo.execute();
	}

	private static List<String> names(ZipFile zip) {
		return Collections.list(zip.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
	}

	private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
		Field field = target.getClass().getDeclaredField(name);
		field.setAccessible(true);
		field.set(target, value);
	}

}
