package dev.serverlessspring.maven;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.maven.dev.InvokeMojo;
import dev.serverlessspring.maven.dev.RunMojo;
import dev.serverlessspring.maven.packaging.PackageMojo;
import dev.serverlessspring.maven.runtime.JavaRuntimeZipMojo;
import dev.serverlessspring.maven.runtime.LinkJavaRuntimeMojo;
import dev.serverlessspring.maven.serverless.NpmInstallMojo;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each goal's {@code skip} ({@code -Dserverless-spring.<goal>.skip}): the goal does
 * nothing, however unusable the rest of its configuration (no project, no JDK, no npm, no
 * {@code serverless.yml}), and says so in one line.
 */
class GoalSkipTests {

	@TempDir
	Path directory;

	private final List<String> log = new ArrayList<>();

	@Test
	void prepareLib() throws Exception {
		PrepareLibMojo mojo = new PrepareLibMojo();
		set(mojo, "outputDirectory", this.directory.resolve("lambda-lib").toFile());
		assertSkipped(mojo, "prepare-lib skipped (serverless-spring.prepare-lib.skip)");
	}

	@Test
	void packageGoal() throws Exception {
		PackageMojo mojo = new PackageMojo();
		set(mojo, "outputDirectory", this.directory.toFile());
		set(mojo, "finalName", "app");
		assertSkipped(mojo, "package skipped (serverless-spring.package.skip)");
	}

	@Test
	void run() throws Exception {
		RunMojo mojo = new RunMojo();
		set(mojo, "config", this.directory.resolve("no-serverless.yml").toFile());
		assertSkipped(mojo, "run skipped (serverless-spring.run.skip)");
	}

	@Test
	void invoke() throws Exception {
		InvokeMojo mojo = new InvokeMojo();
		set(mojo, "config", this.directory.resolve("no-serverless.yml").toFile());
		set(mojo, "function", "hello");
		assertSkipped(mojo, "invoke skipped (serverless-spring.invoke.skip)");
	}

	@Test
	void npmInstall() throws Exception {
		Files.writeString(this.directory.resolve("package.json"), "{}");
		NpmInstallMojo mojo = new NpmInstallMojo();
		set(mojo, "directory", this.directory.toFile());
		set(mojo, "npm", this.directory.resolve("no-npm").toString());
		set(mojo, "pluginPackage", this.directory.resolve("target/npm/serverless-spring-plugin.tgz").toFile());
		// Skipped silently, as a project without package.json: it says nothing at info
		// level either way.
		mojo.setLog(new RecordingLog());
		set(mojo, "skip", true);
		mojo.execute();
		assertThat(this.directory).isDirectoryNotContaining("glob:**/{target,node_modules}");
	}

	@Test
	void linkJavaRuntime() throws Exception {
		LinkJavaRuntimeMojo mojo = new LinkJavaRuntimeMojo();
		set(mojo, "jdk", this.directory.resolve("no-jdk").toFile());
		set(mojo, "outputDirectory", this.directory.resolve("java-runtime").toFile());
		assertSkipped(mojo, "linking the Java runtime skipped");
	}

	@Test
	void javaRuntimeZip() throws Exception {
		JavaRuntimeZipMojo mojo = new JavaRuntimeZipMojo();
		set(mojo, "runtimeDirectory", this.directory.resolve("no-runtime").toFile());
		assertSkipped(mojo, "java-runtime package skipped");
	}

	private void assertSkipped(AbstractMojo mojo, String message) throws Exception {
		mojo.setLog(new RecordingLog());
		set(mojo, "skip", true);
		mojo.execute();
		assertThat(this.log).containsExactly("serverless-spring: " + message);
		try (var written = Files.list(this.directory)) {
			assertThat(written).isEmpty();
		}
	}

	private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				field.set(target, value);
				return;
			}
			catch (NoSuchFieldException ex) {
				// declared further up
			}
		}
		throw new NoSuchFieldException(name);
	}

	private final class RecordingLog extends SystemStreamLog {

		@Override
		public void info(CharSequence content) {
			GoalSkipTests.this.log.add(content.toString());
		}

	}

}
