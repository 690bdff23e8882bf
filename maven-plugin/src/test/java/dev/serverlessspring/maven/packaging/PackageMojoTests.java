package dev.serverlessspring.maven.packaging;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The deployment packages as {@code serverless-spring:package} writes them from a
 * project's jar and dependencies, in the layouts of the published assembly descriptors.
 */
class PackageMojoTests {

	@TempDir
	Path directory;

	@Test
	void awsZipHoldsTheJarAtTheRootWithItsStartClassAndTheLibrariesTheRuntimeLacks() throws Exception {
		MavenProject project = project(jar(null, "com/acme/Application.class"), dependencies());

		execute(project, (mojo) -> {
		});

		try (ZipFile zip = zip("aws")) {
			assertThat(names(zip)).containsExactly("META-INF/MANIFEST.MF", "com/acme/Application.class",
					"lib/aws-lambda-java-events-3.16.1.jar", "lib/serverless-spring-boot-autoconfigure-1.0.jar",
					"lib/spring-core-7.0.0.jar");
			assertThat(startClass(zip)).isEqualTo("com.acme.Application");
			assertThat(java.util.Collections.list(zip.getEntries()))
				.allSatisfy((entry) -> assertThat(entry.getUnixMode()).isEqualTo(0100644));
			assertStored(zip, "lib/spring-core-7.0.0.jar");
		}
	}

	@Test
	void customRuntimeZipStartsWithAnExecutableBootstrapAndCarriesTheAwsJars() throws Exception {
		execute(project(jar(null, "com/acme/Application.class"), dependencies()), (mojo) -> {
		});

		try (ZipFile zip = zip("custom-runtime")) {
			assertThat(names(zip)).containsExactly("bootstrap", "META-INF/MANIFEST.MF", "com/acme/Application.class",
					"lib/aws-lambda-java-core-1.4.0.jar", "lib/aws-lambda-java-events-3.16.1.jar",
					"lib/serverless-spring-boot-autoconfigure-1.0.jar", "lib/spring-core-7.0.0.jar");
			ZipArchiveEntry bootstrap = zip.getEntry("bootstrap");
			assertThat(bootstrap.getUnixMode()).isEqualTo(0100755);
			try (InputStream in = zip.getInputStream(bootstrap)) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\nexec java\n");
			}
		}
	}

	@Test
	void aStartClassTheJarAlreadyNamesIsKept() throws Exception {
		execute(project(jar("com.acme.Configured", "com/acme/Configured.class"), dependencies()), (mojo) -> {
		});

		try (ZipFile zip = zip("aws")) {
			assertThat(startClass(zip)).isEqualTo("com.acme.Configured");
		}
	}

	@Test
	void theStartClassPropertyNamesTheApplicationClass() throws Exception {
		MavenProject project = project(jar(null, "com/acme/Other.class"), dependencies());
		Files.write(this.directory.resolve("classes/com/acme/Other.class"), new byte[] { (byte) 0xCA });

		execute(project, (mojo) -> set(mojo, "startClass", "com.acme.Other"));

		try (ZipFile zip = zip("aws")) {
			assertThat(startClass(zip)).isEqualTo("com.acme.Other");
		}
	}

	@Test
	void withoutAnApplicationClassTheBuildFailsWithOneMessage() throws Exception {
		MavenProject project = project(jar(null, "com/acme/Plain.class"), dependencies());
		Files.delete(this.directory.resolve("classes/com/acme/Application.class"));

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> execute(project, (mojo) -> {
		})).withMessageContaining("No application class in").withMessageContaining("@SpringBootApplication");
		assertThat(this.directory.resolve("target/app-1.0-aws.zip")).doesNotExist();
	}

	@Test
	void anExecutableJarFailsNamingThePropertyThatKeepsTheLayout() throws Exception {
		MavenProject project = project(jar(null, "BOOT-INF/classes/com/acme/Application.class"), dependencies());

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> execute(project, (mojo) -> {
		})).withMessageContaining("spring-boot.repackage.skip");
	}

	@Test
	void eachZipIsSwitchedOffByItsProperty() throws Exception {
		execute(project(jar(null, "com/acme/Application.class"), dependencies()),
				(mojo) -> set(mojo, "skipCustomRuntimeZip", true));

		assertThat(this.directory.resolve("target/app-1.0-aws.zip")).isRegularFile();
		assertThat(this.directory.resolve("target/app-1.0-custom-runtime.zip")).doesNotExist();
	}

	@Test
	void theNativeImageOfANativeBuildBecomesTheNativeZipsBootstrap() throws Exception {
		MavenProject project = project(jar(null, "com/acme/Application.class"), dependencies());
		Plugin nativePlugin = new Plugin();
		nativePlugin.setGroupId("org.graalvm.buildtools");
		nativePlugin.setArtifactId("native-maven-plugin");
		project.getBuild().addPlugin(nativePlugin);
		Files.writeString(this.directory.resolve("target/bootstrap"), "ELF");

		execute(project, (mojo) -> {
		});

		try (ZipFile zip = zip("native")) {
			assertThat(names(zip)).containsExactly("bootstrap");
			assertThat(zip.getEntry("bootstrap").getUnixMode()).isEqualTo(0100755);
		}
	}

	@Test
	void aNativeImageLeftByAnEarlierBuildIsNotZippedByAJvmBuild() throws Exception {
		Path target = Files.createDirectories(this.directory.resolve("target"));
		Files.writeString(target.resolve("bootstrap"), "ELF");

		execute(project(jar(null, "com/acme/Application.class"), dependencies()), (mojo) -> {
		});

		assertThat(target.resolve("app-1.0-native.zip")).doesNotExist();
	}

	private void execute(MavenProject project, MojoCustomizer customizer) throws Exception {
		PackageMojo mojo = new PackageMojo();
		set(mojo, "project", project);
		set(mojo, "attach", false);
		set(mojo, "classesDirectory", this.directory.resolve("classes").toFile());
		set(mojo, "libDirectory", this.directory.resolve("target/lambda-lib").toFile());
		set(mojo, "nativeImage", this.directory.resolve("target/bootstrap").toFile());
		set(mojo, "outputDirectory", this.directory.resolve("target").toFile());
		set(mojo, "finalName", "app-1.0");
		customizer.customize(mojo);
		mojo.execute();
	}

	private MavenProject project(Path jar, List<Artifact> dependencies) throws IOException {
		MavenProject project = new MavenProject();
		project.setBuild(new Build());
		project.setArtifact(artifact("com.acme", "app", "1.0", jar.toFile()));
		project.setArtifacts(new LinkedHashSet<>(dependencies));
		writeApplicationClass(Files.createDirectories(this.directory.resolve("classes/com/acme")));
		Files.createDirectories(this.directory.resolve("target"));
		return project;
	}

	private List<Artifact> dependencies() throws IOException {
		return List.of(dependency("org.springframework", "spring-core", "7.0.0", "org/springframework/core/Type.class"),
				dependency("com.amazonaws", "aws-lambda-java-core", "1.4.0", "com/amazonaws/Context.class"),
				dependency("com.amazonaws", "aws-lambda-java-events", "3.16.1", "com/amazonaws/Event.class"),
				dependency("org.springframework.boot", "spring-boot-web-server", "4.0.7",
						"org/springframework/Web.class"),
				dependency("dev.serverlessspring", "serverless-spring-boot-autoconfigure", "1.0", "bootstrap"));
	}

	/**
	 * A jar with one entry; the autoconfigure jar's bootstrap is written with Windows
	 * line ends.
	 */
	private Artifact dependency(String groupId, String artifactId, String version, String entry) throws IOException {
		Path jar = this.directory.resolve("repository/" + artifactId + "-" + version + ".jar");
		Files.createDirectories(jar.getParent());
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
			out.putNextEntry(new ZipEntry(entry));
			out.write(entry.equals("bootstrap") ? "#!/bin/sh\r\nexec java\r\n".getBytes(StandardCharsets.UTF_8)
					: new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE });
		}
		return artifact(groupId, artifactId, version, jar.toFile());
	}

	/**
	 * The project's jar as the jar plugin writes it: a manifest first, the classes after
	 * it.
	 */
	private Path jar(String startClass, String entry) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (startClass != null) {
			manifest.getMainAttributes().putValue("Start-Class", startClass);
		}
		Path jar = this.directory.resolve("target/app-1.0.jar");
		Files.createDirectories(jar.getParent());
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest)) {
			out.putNextEntry(new ZipEntry(entry));
			out.write(new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE });
		}
		return jar;
	}

	/**
	 * com.acme.Application: annotated with @SpringBootApplication, with a main method.
	 */
	private static void writeApplicationClass(Path directory) throws IOException {
		ClassWriter writer = new ClassWriter(0);
		writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Application", null, "java/lang/Object", null);
		writer.visitAnnotation("Lorg/springframework/boot/autoconfigure/SpringBootApplication;", true).visitEnd();
		MethodVisitor main = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main",
				"([Ljava/lang/String;)V", null, null);
		main.visitCode();
		main.visitInsn(Opcodes.RETURN);
		main.visitMaxs(0, 1);
		main.visitEnd();
		writer.visitEnd();
		Files.write(directory.resolve("Application.class"), writer.toByteArray());
	}

	private static Artifact artifact(String groupId, String artifactId, String version, File file) {
		DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
		handler.setAddedToClasspath(true);
		DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, version, "runtime", "jar", null, handler);
		artifact.setFile(file);
		return artifact;
	}

	private ZipFile zip(String classifier) throws IOException {
		return ZipFile.builder().setPath(this.directory.resolve("target/app-1.0-" + classifier + ".zip")).get();
	}

	private static List<String> names(ZipFile zip) {
		return java.util.Collections.list(zip.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
	}

	private static String startClass(ZipFile zip) throws IOException {
		try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
			return new Manifest(in).getMainAttributes().getValue("Start-Class");
		}
	}

	private static void assertStored(ZipFile zip, String jar) throws IOException {
		try (java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(
				zip.getInputStream(zip.getEntry(jar)))) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
			}
		}
	}

	private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
		Field field = target.getClass().getDeclaredField(name);
		field.setAccessible(true);
		field.set(target, value);
	}

	@FunctionalInterface
	private interface MojoCustomizer {

		void customize(PackageMojo mojo) throws Exception;

	}

}
