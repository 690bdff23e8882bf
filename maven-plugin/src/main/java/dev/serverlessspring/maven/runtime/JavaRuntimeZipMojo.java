package dev.serverlessspring.maven.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.serverlessspring.maven.StoredDependencies;
import dev.serverlessspring.maven.zip.DeploymentZip;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes the {@code java-runtime} package of a function for a custom runtime
 * ({@code provided.al2023}) that carries everything it needs: the Java runtime linked by
 * {@code link-java-runtime} ({@code runtime/}), the application's classes in
 * {@code app.jar} and the dependency jars with stored entries ({@code lib/}; CDS and AOT
 * caches refuse classes loaded from directories), a {@code bootstrap} that starts
 * serverless-spring's event loop on a class path in a fixed order, and the JVM's cache of
 * the classes and profiles an invocation needs ({@code app.aot}, a JDK AOT cache, JDK
 * 25+; {@code app.jsa}, a dynamic AppCDS archive, JDK 21 to 24).
 * <p>
 * The cache is written by a training run at build time ({@link TrainingRun}): the runtime
 * that ships starts the function with Lambda's JVM flags and the function's memory,
 * against a Runtime API on loopback and without AWS credentials, primes it with the
 * synthetic events of SnapStart priming and invokes it with the events under
 * {@code trainingEvents}. It runs again only when the runtime, a jar, an event or a
 * training setting changed.
 * <p>
 * The JVM refuses a cache whose jars' sizes or modification times differ from the
 * training's. The zip stores each file's time in UTC to the second (which Info-ZIP's
 * {@code unzip} restores), and the {@code bootstrap} checks the times before it starts
 * the JVM: if they were lost in unpacking, it runs from a copy of the jars in
 * {@code /tmp} with the build's times, and says so in one log line; if it cannot, it
 * starts without the cache, as fast as a package without one.
 */
@Mojo(name = "java-runtime-zip", defaultPhase = LifecyclePhase.PACKAGE,
		requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class JavaRuntimeZipMojo extends AbstractMojo {

	/** The package kind, the zip's classifier. */
	public static final String CLASSIFIER = "java-runtime";

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/**
	 * The Java runtime to ship, as {@code link-java-runtime} linked it.
	 */
	@Parameter(property = "serverless-spring.java-runtime.directory",
			defaultValue = "${project.build.directory}/serverless-spring/java-runtime", required = true)
	private File runtimeDirectory;

	/**
	 * Where the stored copies of the dependency jars are kept between builds (shared with
	 * the {@code package} goal).
	 */
	@Parameter(defaultValue = "${project.build.directory}/lambda-lib", required = true)
	private File libDirectory;

	/**
	 * Where the package is laid out (and trained) before it is zipped.
	 */
	@Parameter(defaultValue = "${project.build.directory}/serverless-spring/java-runtime-package", required = true)
	private File taskRoot;

	/**
	 * The zip written: {@code target/<finalName>-java-runtime.zip}.
	 */
	@Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}-java-runtime.zip", required = true)
	private File zip;

	/**
	 * The Lambda architecture the function is deployed with ({@code x86_64} or
	 * {@code arm64}), checked against the runtime's; unset: not checked. The Serverless
	 * plugin passes the function's.
	 */
	@Parameter(property = "serverless-spring.java-runtime.architecture")
	private String architecture;

	/**
	 * The function the training run invokes ({@code SPRING_CLOUD_FUNCTION_DEFINITION});
	 * unset: the application's only function, or what its configuration names.
	 */
	@Parameter(property = "serverless-spring.training.function")
	private String trainingFunction;

	/**
	 * The memory the training run gives the function (MB), as configured on Lambda: the
	 * heap is sized from it, as there.
	 */
	@Parameter(property = "serverless-spring.training.memory-size", defaultValue = "1024")
	private int trainingMemorySize;

	/**
	 * Where the events the training run sends through the Runtime API are kept (JSON
	 * files, each the event of one invocation). A missing directory means no events of
	 * the user's: the function is then invoked once with {@code {}}, besides the priming.
	 */
	@Parameter(property = "serverless-spring.training.events",
			defaultValue = "${project.basedir}/src/test/resources/events")
	private File trainingEvents;

	/**
	 * Which files of {@code trainingEvents} to send (a glob).
	 */
	@Parameter(property = "serverless-spring.training.events-include", defaultValue = "*.json")
	private String trainingEventsInclude;

	/**
	 * How many times each event is sent. A few rounds load the invocation path; more give
	 * the JIT profiles a longer history (the SnapStart priming adds
	 * {@code serverless.spring.snapstart.priming.invocations} in-process invocations).
	 */
	@Parameter(property = "serverless-spring.training.invocations", defaultValue = "10")
	private int trainingInvocations;

	/**
	 * More environment variables for the training run, such as configuration the function
	 * needs to start (never credentials: the run has none, so nothing it does reaches
	 * AWS).
	 */
	@Parameter
	private Map<String, String> trainingEnvironment = new LinkedHashMap<>();

	/**
	 * Skip the training: the package then has no cache and starts as the plain custom
	 * runtime does.
	 */
	@Parameter(property = "serverless-spring.training.skip", defaultValue = "false")
	private boolean skipTraining;

	/**
	 * Leave the Java runtime out of the zip and write it as a Lambda layer instead,
	 * {@code layerZip}, that the service's java-runtime functions share (the Serverless
	 * plugin's {@code custom.spring.javaRuntimeLayer}): the {@code bootstrap} finds it
	 * under {@code /opt}. The cache is still the one this runtime trained, as long as the
	 * layer deployed is the one built with the zip.
	 */
	@Parameter(property = "serverless-spring.java-runtime.layer", defaultValue = "false")
	private boolean layer;

	/**
	 * The layer zip written with {@code layer}:
	 * {@code target/<finalName>-java-runtime-layer.zip}, the runtime under
	 * {@code java-runtime/}. Removed by a build without {@code layer}.
	 */
	@Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}-java-runtime-layer.zip",
			required = true)
	private File layerZip;

	/**
	 * Skip the package altogether.
	 */
	@Parameter(property = "serverless-spring.java-runtime.skip", defaultValue = "false")
	private boolean skip;

	@Override
	public void execute() throws MojoExecutionException {
		if (this.skip) {
			getLog().info("serverless-spring: java-runtime package skipped");
			return;
		}
		Path runtime = this.runtimeDirectory.toPath();
		Jdk jdk = Jdk.runtimeAt(runtime);
		String runtimeArchitecture = jdk.lambdaArchitecture();
		if (this.architecture != null && !this.architecture.isBlank()
				&& !this.architecture.equals(runtimeArchitecture)) {
			throw new MojoExecutionException("The function is deployed for " + this.architecture
					+ " but its Java runtime is for " + runtimeArchitecture + " (linked from the JDK at " + runtime
					+ "): build on a Linux " + this.architecture
					+ " machine with a JDK of that architecture, or deploy the function as " + runtimeArchitecture);
		}
		CacheKind cache = jdk.hasAotCache() ? CacheKind.AOT_CACHE : CacheKind.DYNAMIC_CDS;
		Path root = this.taskRoot.toPath();
		try {
			Files.createDirectories(root.resolve("lib"));
			link(root.resolve("runtime"), runtime);
			List<String> jars = stageJars(root);
			String entries = Bootstrap.entries(root, jars);
			Bootstrap.write(root.resolve("bootstrap"), entries, cache);
			Path cacheFile = root.resolve(cache.fileName());
			Files.deleteIfExists(root.resolve(cache.other().fileName()));
			if (this.skipTraining) {
				Files.deleteIfExists(cacheFile);
				getLog().info("serverless-spring: training skipped: the package has no cache");
			}
			else {
				train(root, cacheFile, cache, runtime);
			}
			writeZip(root, runtime, jars, cacheFile, jdk);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not write " + this.zip + ": " + ex.getMessage(), ex);
		}
	}

	private static void link(Path link, Path runtime) throws IOException {
		if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(runtime.toAbsolutePath())) {
			return;
		}
		if (Files.isDirectory(link) && !Files.isSymbolicLink(link)) {
			LinkJavaRuntimeMojo.delete(link);
		}
		Files.deleteIfExists(link);
		// The training run starts bootstrap from the task root, as Lambda does; the zip
		// takes the runtime itself.
		Files.createSymbolicLink(link, runtime.toAbsolutePath());
	}

	/**
	 * Copy the project's jar to {@code app.jar} and the stored dependency jars to
	 * {@code lib/}, each only if it changed, so that the jars keep their times (and the
	 * cache stays valid) across builds that did not change them.
	 * @param root the task root
	 * @return the class path, relative to the task root, in order
	 */
	private List<String> stageJars(Path root) throws IOException, MojoExecutionException {
		File artifact = this.project.getArtifact().getFile();
		if (artifact == null || !artifact.isFile()) {
			throw new MojoExecutionException("No jar of " + this.project.getArtifactId()
					+ " for app.jar: run this goal in the package phase, after the jar");
		}
		List<String> jars = new ArrayList<>();
		Path app = root.resolve("app.jar");
		if (!Files.isRegularFile(app) || !JarContent.digest(app).equals(JarContent.digest(artifact.toPath()))) {
			copy(artifact.toPath(), app);
		}
		jars.add("app.jar");
		List<String> names = new ArrayList<>();
		Map<Artifact, Path> stored = StoredDependencies.write(this.project.getArtifacts(), this.libDirectory.toPath());
		for (Map.Entry<Artifact, Path> dependency : stored.entrySet()) {
			if (StoredDependencies.isBuildTimeOnly(dependency.getKey())) {
				continue;
			}
			Path source = dependency.getValue();
			String name = source.getFileName().toString();
			Path target = root.resolve("lib").resolve(name);
			if (!Files.isRegularFile(target) || Files.size(target) != Files.size(source)
					|| !Files.getLastModifiedTime(target).equals(seconds(Files.getLastModifiedTime(source)))) {
				copy(source, target);
			}
			names.add(name);
			jars.add("lib/" + name);
		}
		try (DirectoryStream<Path> staged = Files.newDirectoryStream(root.resolve("lib"))) {
			for (Path file : staged) {
				if (!names.contains(file.getFileName().toString())) {
					Files.delete(file);
				}
			}
		}
		return jars;
	}

	// Whole seconds: what the zip's UTC time keeps, so the training sees the times Lambda
	// will.
	private static void copy(Path source, Path target) throws IOException {
		Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
		Files.setLastModifiedTime(target, seconds(Files.getLastModifiedTime(source)));
	}

	private static FileTime seconds(FileTime time) {
		return FileTime.from(time.to(TimeUnit.SECONDS), TimeUnit.SECONDS);
	}

	private void train(Path root, Path cacheFile, CacheKind cache, Path runtime)
			throws IOException, MojoExecutionException {
		List<Path> events = events();
		TrainingRun training = new TrainingRun(root, cacheFile, cache, this.trainingMemorySize, this.trainingFunction,
				this.trainingEnvironment, events, this.trainingInvocations);
		Path stamp = root.resolveSibling(root.getFileName() + ".training");
		Path linkStamp = runtime.resolveSibling(runtime.getFileName() + ".serverless-spring-link");
		// The bootstrap holds the class path with its times and the JVM's flags.
		String inputs = training.inputs(Files.readString(root.resolve("bootstrap"), StandardCharsets.UTF_8),
				Files.isRegularFile(linkStamp) ? Files.readString(linkStamp) : "");
		if (Files.isRegularFile(cacheFile) && Files.isRegularFile(stamp)
				&& Files.readString(stamp, StandardCharsets.UTF_8).equals(inputs)) {
			getLog().info("serverless-spring: " + cache.description() + " up to date: " + cacheFile);
			return;
		}
		Files.deleteIfExists(stamp);
		Path log = root.resolveSibling("training.log");
		TrainingRun.Result result = training.run(log);
		getLog()
			.info("serverless-spring: training run: " + result.invocations() + " invocations through the Runtime API ("
					+ result.errors() + " answered with an error), " + cache.description() + " of "
					+ Files.size(cacheFile) / (1024 * 1024) + " MB written in " + result.millis() + " ms; log: " + log);
		Files.writeString(stamp, inputs, StandardCharsets.UTF_8);
	}

	private List<Path> events() throws IOException {
		List<Path> events = new ArrayList<>();
		if (this.trainingEvents != null && this.trainingEvents.isDirectory()) {
			try (DirectoryStream<Path> files = Files.newDirectoryStream(this.trainingEvents.toPath(),
					this.trainingEventsInclude)) {
				files.forEach(events::add);
			}
		}
		events.sort(null);
		return events;
	}

	private void writeZip(Path root, Path runtime, List<String> jars, Path cacheFile, Jdk jdk)
			throws IOException, MojoExecutionException {
		Path target = this.zip.toPath();
		try (DeploymentZip out = DeploymentZip.create(target)) {
			out.addFile("bootstrap", root.resolve("bootstrap"), DeploymentZip.EXECUTABLE_MODE);
			for (String jar : jars) {
				out.addFile(jar, root.resolve(jar), DeploymentZip.FILE_MODE);
			}
			if (Files.isRegularFile(cacheFile)) {
				out.addFile(cacheFile.getFileName().toString(), cacheFile, DeploymentZip.FILE_MODE);
			}
			if (!this.layer) {
				out.addDirectory("runtime/", runtime);
			}
			out.finish();
		}
		writeOrRemoveLayer(runtime);
		getLog().info("serverless-spring: " + target.getFileName() + " (" + Files.size(target) / (1024 * 1024) + " MB, "
				+ "provided.al2023, " + jdk.lambdaArchitecture() + ", Java " + jdk.version() + ")");
	}

	private void writeOrRemoveLayer(Path runtime) throws IOException {
		Path layerZip = this.layerZip.toPath();
		if (!this.layer) {
			// A layer of an earlier build would be taken for this one's, whose zip
			// carries the runtime.
			Files.deleteIfExists(layerZip);
			return;
		}
		JavaRuntimeLayer.write(layerZip, runtime);
		getLog().info("serverless-spring: " + layerZip.getFileName() + " (" + Files.size(layerZip) / (1024 * 1024)
				+ " MB, the Java runtime as a layer, /opt/" + JavaRuntimeLayer.DIRECTORY
				+ "; the function's zip without it)");
	}

}
