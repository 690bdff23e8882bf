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
 * ({@code provided.al2023}, see {@code java-runtime-zip}): {@code jlink} from the JDK
 * named by {@code serverless-spring.jdk}, with only the modules the function needs, found
 * by {@code jdeps} in the project's jar and its runtime dependencies (plus
 * {@code additionalModules}, for what only reflection reaches), without Java and native
 * debug symbols, man pages, headers or launchers other than {@code java}; the native
 * libraries' symbol tables are stripped where binutils' {@code strip} is installed
 * ({@link NativeSymbols}).
 * <p>
 * The runtime is linked again only when the JDK or the jars changed since the last build:
 * {@code jdeps} and {@code jlink} take 10–20 seconds.
 */
@Mojo(name = "link-java-runtime", defaultPhase = LifecyclePhase.PACKAGE,
		requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class LinkJavaRuntimeMojo extends AbstractMojo {

	private static final String STAMP = ".serverless-spring-link";

	private static final String SECTION = "\n--\n";

	private static final List<String> HEADLESS_UNUSED = List.of("/java.desktop/lib/libawt*",
			"/java.desktop/lib/libfontmanager*", "/java.desktop/lib/libfreetype*", "/java.desktop/lib/liblcms*",
			"/java.desktop/lib/libmlib_image*", "/java.desktop/lib/libjavajpeg*", "/java.desktop/lib/libsplashscreen*",
			"/java.desktop/lib/libjsound*", "/java.desktop/lib/psfont*");

	// The bootstrap starts bin/java; the modules' other launchers (keytool, jrunscript,
	// jfr) and jexec never run.
	private static final List<String> LAUNCHERS_UNUSED = List.of("/java.base/bin/keytool", "/java.base/lib/jexec",
			"/java.scripting/bin/jrunscript", "/jdk.jfr/bin/jfr");

	// JDK 25+: the class list from which the JDK's default CDS archive is dumped; the AOT
	// cache takes its place.
	private static final String CLASS_LIST = "/java.base/lib/classlist";

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/**
	 * The JDK to link the runtime from (21 or newer; 25 recommended: it writes a JDK AOT
	 * cache, 21 to 24 a dynamic AppCDS archive). Default: the JDK running the build. It
	 * must be a Linux JDK of the function's architecture.
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
		Path app = jars.get(0);
		List<Path> dependencies = jars.subList(1, jars.size());
		Path output = this.outputDirectory.toPath();
		// What it was linked from, beside it (the zip takes the runtime directory as it
		// is): the project's jar, then the rest, then the modules the dependencies need,
		// then all modules.
		Path stamp = output.resolveSibling(output.getFileName() + STAMP);
		try {
			String appInput = app.getFileName() + " " + JarContent.digest(app) + "\n";
			String inputs = inputs(jdk, dependencies);
			List<String> previous = (Files.isExecutable(output.resolve("bin/java")) && Files.isRegularFile(stamp))
					? List.of(Files.readString(stamp, StandardCharsets.UTF_8).split(SECTION, -1)) : List.of();
			boolean sameDependencies = previous.size() == 4 && previous.get(1).equals(inputs);
			if (sameDependencies && previous.get(0).equals(appInput)) {
				getLog().info("serverless-spring: Java runtime up to date in " + output);
				return;
			}
			long start = System.nanoTime();
			// jdeps over the dependencies costs seconds of CPU; over the project's jar
			// alone, under one.
			String dependencyModules = sameDependencies ? previous.get(2)
					: String.join(",", jdeps(jdk, dependencies, dependencies, true));
			TreeSet<String> modules = new TreeSet<>(List.of(dependencyModules.split(",")));
			modules.addAll(jdeps(jdk, List.of(app), dependencies, false));
			modules.addAll(this.additionalModules);
			modules.remove("");
			String moduleList = String.join(",", modules);
			String linked = appInput + SECTION + inputs + SECTION + dependencyModules + SECTION + moduleList;
			if (previous.size() == 4 && previous.get(3).equals(moduleList)
					&& previous.get(1).startsWith(inputs.substring(0, inputs.indexOf(']') + 1))) {
				Files.writeString(stamp, linked, StandardCharsets.UTF_8);
				getLog().info("serverless-spring: Java runtime up to date in " + output + " (same modules)");
				return;
			}
			delete(output);
			Files.deleteIfExists(stamp);
			jdk.run("jlink", jlinkArguments(jdk, new ArrayList<>(modules), output));
			new NativeSymbols(getLog()).strip(output);
			Files.writeString(stamp, linked, StandardCharsets.UTF_8);
			getLog().info("serverless-spring: Java " + jdk.version() + " runtime (" + modules.size() + " modules: "
					+ String.join(", ", modules) + ") linked in " + (System.nanoTime() - start) / 1_000_000 + " ms to "
					+ output);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not link the Java runtime to " + output + ": " + ex.getMessage(),
					ex);
		}
	}

	private static List<String> jlinkArguments(Jdk jdk, List<String> modules, Path output) {
		List<String> arguments = new ArrayList<>(List.of("--add-modules", String.join(",", modules),
				// Java debug attributes and, on Linux, native debug symbols (JDK 13+).
				"--strip-debug", "--no-man-pages", "--no-header-files",
				// jlink leaves them out; the java-runtime-zip goal checks the function's
				// architecture against them.
				"--release-info", "add:OS_NAME=" + jdk.osName() + ":OS_ARCH=" + jdk.osArch()));
		// The image stays uncompressed: the zip compresses it better (58 -> 17 MB for the
		// example, against 27 MB with jlink's zip-6), and a start without the cache reads
		// it as fast as the JDK's. java.beans brings java.desktop; a function runs
		// headless and never loads its AWT, 2D, font, image and sound libraries (5.8 MB
		// unpacked, 2.4 MB of the zip).
		List<String> unused = new ArrayList<>(HEADLESS_UNUSED);
		unused.addAll(LAUNCHERS_UNUSED);
		if (jdk.hasAotCache()) {
			unused.add(CLASS_LIST);
		}
		arguments.add("--exclude-files=" + String.join(",", unused));
		if (!jdk.hasAotCache()) {
			// A dynamic AppCDS archive (JDK 21 to 24) sits on top of the runtime's
			// default one.
			arguments.add("--generate-cds-archive");
		}
		arguments.add("--output");
		arguments.add(output.toString());
		return arguments;
	}

	/**
	 * The project's jar first, then its runtime dependencies, as on the function's class
	 * path.
	 * @return the jars, in class path order
	 */
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

	/**
	 * The modules {@code jdeps} finds that the given jars need, either following their
	 * dependencies through {@code classPath} or not.
	 * @param jdk the JDK whose {@code jdeps} runs
	 * @param jars the jars to analyse
	 * @param classPath where their dependencies are found
	 * @param recursive whether to follow the dependencies too
	 * @return the module names
	 */
	private static List<String> jdeps(Jdk jdk, List<Path> jars, List<Path> classPath, boolean recursive)
			throws MojoExecutionException {
		if (jars.isEmpty()) {
			return List.of();
		}
		List<String> arguments = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
				"--multi-release", Integer.toString(jdk.feature())));
		if (!recursive) {
			arguments.add("--no-recursive");
		}
		if (!classPath.isEmpty()) {
			arguments.add("--class-path");
			arguments.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
		}
		jars.forEach((jar) -> arguments.add(jar.toString()));
		String output = jdk.run("jdeps", arguments).strip();
		// The last line is the list; warnings (split packages) come before it.
		String list = output.substring(output.lastIndexOf('\n') + 1).strip();
		if (!list.matches("[\\w.]+(,[\\w.]+)*")) {
			throw new MojoExecutionException("jdeps found no modules in " + jars + ": " + output);
		}
		return List.of(list.split(","));
	}

	/**
	 * What the dependencies' modules depend on: the JDK, jlink's options, the extra
	 * modules and each jar's name, size and time.
	 * @param jdk the JDK that links the runtime
	 * @param dependencies the dependency jars
	 * @return the inputs, as text
	 */
	private String inputs(Jdk jdk, List<Path> dependencies) throws IOException {
		StringBuilder inputs = new StringBuilder(jdk.toString()).append('\n')
			.append(jlinkArguments(jdk, List.of(), Path.of("")))
			.append('\n')
			.append(this.additionalModules)
			.append('\n');
		for (Path jar : dependencies) {
			inputs.append(jar.getFileName())
				.append(' ')
				.append(Files.size(jar))
				.append(' ')
				.append(Files.getLastModifiedTime(jar).toMillis())
				.append('\n');
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
