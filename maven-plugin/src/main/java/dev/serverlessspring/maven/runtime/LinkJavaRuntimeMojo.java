package dev.serverlessspring.maven.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
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
 * Links the Java runtime a function carries in its {@code java-runtime} package
 * ({@code provided.al2023}, see {@code java-runtime-zip}): {@code jlink} from the JDK named by
 * {@code serverless-spring.jdk}, with only the modules the function needs, found by
 * {@code jdeps} in the project's jar and its runtime dependencies (plus
 * {@code additionalModules}, for what only reflection reaches), without Java and native debug
 * symbols, man pages or headers.
 * <p>
 * The runtime is linked again only when the JDK or the jars changed since the last build:
 * {@code jdeps} and {@code jlink} take 10–20 seconds.
 */
@Mojo(name = "link-java-runtime", defaultPhase = LifecyclePhase.PACKAGE,
		requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class LinkJavaRuntimeMojo extends AbstractMojo {

	private static final String STAMP = ".serverless-spring-link";

	private static final String MODULES = "modules: ";

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/**
	 * The JDK to link the runtime from (21 or newer; 25 recommended: it writes a JDK AOT
	 * cache, 21 to 24 a dynamic AppCDS archive). Default: the JDK running the build. It must be
	 * a Linux JDK of the function's architecture.
	 */
	@Parameter(property = "serverless-spring.jdk", defaultValue = "${java.home}", required = true)
	private File jdk;

	/**
	 * Where the runtime is linked to.
	 */
	@Parameter(property = "serverless-spring.java-runtime.directory",
			defaultValue = "${project.build.directory}/serverless-spring/java-runtime", required = true)
	private File outputDirectory;

	/**
	 * Modules to add to those {@code jdeps} finds, for code that reaches them only by
	 * reflection or a service loader (for example {@code jdk.crypto.ec},
	 * {@code jdk.localedata}).
	 */
	@Parameter(property = "serverless-spring.java-runtime.additional-modules")
	private List<String> additionalModules = new ArrayList<>();

	/**
	 * Skip linking (and so the {@code java-runtime} package).
	 */
	@Parameter(property = "serverless-spring.java-runtime.skip", defaultValue = "false")
	private boolean skip;

	@Override
	public void execute() throws MojoExecutionException {
		if (this.skip) {
			getLog().info("serverless-spring: linking the Java runtime skipped");
			return;
		}
		Jdk jdk = Jdk.at(this.jdk.toPath());
		jdk.lambdaArchitecture();
		List<Path> jars = jars();
		Path output = this.outputDirectory.toPath();
		String inputs = inputs(jdk, jars);
		// What it was linked from, beside it: the zip takes the runtime directory as it is.
		Path stamp = output.resolveSibling(output.getFileName() + STAMP);
		try {
			String previous = (Files.isExecutable(output.resolve("bin/java")) && Files.isRegularFile(stamp))
					? Files.readString(stamp, StandardCharsets.UTF_8) : "";
			if (previous.startsWith(inputs + MODULES)) {
				getLog().info("serverless-spring: Java runtime up to date in " + output);
				return;
			}
			long start = System.nanoTime();
			List<String> modules = modules(jdk, jars);
			String linked = MODULES + String.join(",", modules) + "\n";
			if (previous.endsWith(linked) && previous.startsWith(inputs.substring(0, inputs.indexOf(']') + 1))) {
				Files.writeString(stamp, inputs + linked, StandardCharsets.UTF_8);
				getLog().info("serverless-spring: Java runtime up to date in " + output + " (same modules)");
				return;
			}
			delete(output);
			Files.deleteIfExists(stamp);
			jdk.run("jlink", jlinkArguments(jdk, modules, output));
			Files.writeString(stamp, inputs + linked, StandardCharsets.UTF_8);
			getLog().info("serverless-spring: Java " + jdk.version() + " runtime (" + modules.size() + " modules: "
					+ String.join(", ", modules) + ") linked in " + (System.nanoTime() - start) / 1_000_000 + " ms to "
					+ output);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot link the Java runtime to " + output + ": " + ex.getMessage(), ex);
		}
	}

	private static List<String> jlinkArguments(Jdk jdk, List<String> modules, Path output) {
		List<String> arguments = new ArrayList<>(List.of("--add-modules", String.join(",", modules), 
				// Java debug attributes and, on Linux, native debug symbols (JDK 13+).
				"--strip-debug", "--no-man-pages", "--no-header-files",
				// jlink leaves them out; the java-runtime-zip goal checks the function's architecture against them.
				"--release-info", "add:OS_NAME=" + jdk.osName() + ":OS_ARCH=" + jdk.osArch()));
		if (!jdk.hasAotCache()) {
			// A dynamic AppCDS archive (JDK 21 to 24) sits on top of the runtime's default one.
			arguments.add("--generate-cds-archive");
		}
		arguments.add("--output");
		arguments.add(output.toString());
		return arguments;
	}

	/** The project's jar first, then its runtime dependencies, as on the function's class path. */
	private List<Path> jars() throws MojoExecutionException {
		File artifact = this.project.getArtifact().getFile();
		if (artifact == null || !artifact.isFile()) {
			throw new MojoExecutionException("No jar of " + this.project.getArtifactId()
					+ " to find the modules it needs: run this goal in the package phase, after the jar");
		}
		List<Path> jars = new ArrayList<>();
		jars.add(artifact.toPath());
		for (Artifact dependency : this.project.getArtifacts()) {
			if (dependency.getArtifactHandler().isAddedToClasspath() && dependency.getFile() != null) {
				jars.add(dependency.getFile().toPath());
			}
		}
		return jars;
	}

	private List<String> modules(Jdk jdk, List<Path> jars) throws MojoExecutionException {
		List<String> arguments = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
				"--multi-release", Integer.toString(jdk.feature()), "--class-path",
				String.join(File.pathSeparator, jars.stream().map(Path::toString).toList())));
		jars.forEach((jar) -> arguments.add(jar.toString()));
		String output = jdk.run("jdeps", arguments).strip();
		// The last line is the list; warnings (split packages) come before it.
		String list = output.substring(output.lastIndexOf('\n') + 1).strip();
		TreeSet<String> modules = new TreeSet<>();
		for (String module : list.split(",")) {
			if (!module.isBlank()) {
				modules.add(module.strip());
			}
		}
		if (modules.isEmpty() || !modules.contains("java.base")) {
			throw new MojoExecutionException("jdeps found no modules in the function's jars: " + output);
		}
		modules.addAll(this.additionalModules);
		return new ArrayList<>(modules);
	}

	/**
	 * What the runtime is made from: the JDK, the extra modules, and every jar: the project's by
	 * its entries' names and checksums (it is written anew by every build), the dependencies by
	 * name, size and time.
	 */
	private String inputs(Jdk jdk, List<Path> jars) throws MojoExecutionException {
		StringBuilder inputs = new StringBuilder(jdk.toString()).append('\n')
			.append(jlinkArguments(jdk, List.of(), Path.of(""))).append('\n')
			.append(this.additionalModules).append('\n');
		try {
			inputs.append(JarContent.digest(jars.get(0))).append('\n');
			for (Path jar : jars.subList(1, jars.size())) {
				inputs.append(jar.getFileName()).append(' ').append(Files.size(jar)).append(' ')
					.append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
			}
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot read the function's jars: " + ex.getMessage(), ex);
		}
		return inputs.toString();
	}

	static void delete(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
