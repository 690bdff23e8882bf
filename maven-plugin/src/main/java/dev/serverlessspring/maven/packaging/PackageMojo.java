package dev.serverlessspring.maven.packaging;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.serverlessspring.maven.ApplicationClass;
import dev.serverlessspring.maven.StoredDependencies;
import dev.serverlessspring.maven.zip.DeploymentZip;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Writes the function's deployment packages next to the project's jar, in the layouts
 * Lambda loads:
 * <ul>
 * <li>{@code <finalName>-aws.zip} for the managed Java runtimes: the jar's classes and
 * resources at the root (its manifest carrying the {@code Start-Class} entry from which
 * the handler finds the application), every runtime dependency under {@code lib/} as a
 * jar with stored entries, except those the runtime brings itself
 * ({@code aws-lambda-java-core}, {@code aws-lambda-java-serialization}) and
 * {@code spring-boot-web-server}, which only the build's AOT processing uses;</li>
 * <li>{@code <finalName>-custom-runtime.zip} for {@code provided.al2023} on the JVM: the
 * same plus the AWS jars and an executable {@code bootstrap} starting serverless-spring's
 * own event loop;</li>
 * <li>{@code <finalName>-native.zip}, when the build made a GraalVM native image
 * ({@code target/bootstrap}, the {@code native} profile with GraalVM): the image as the
 * zip's {@code bootstrap}.</li>
 * </ul>
 * The layouts are those of the published assembly descriptors ({@code lambda-zip},
 * {@code lambda-custom-runtime-zip}, {@code lambda-native-zip}). Each zip is attached to
 * the project with its suffix as classifier.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
		threadSafe = true)
public class PackageMojo extends AbstractMojo {

	/**
	 * The runtime brings these: the function's class loader would never load copies in
	 * lib/.
	 */
	private static final Set<String> MANAGED_RUNTIME_JARS = Set.of("com.amazonaws:aws-lambda-java-core",
			"com.amazonaws:aws-lambda-java-serialization");

	/**
	 * The custom runtime's bootstrap script, at the root of the jar of the event loop it
	 * starts.
	 */
	private static final String EVENT_LOOP_JAR = "dev.serverlessspring:serverless-spring-boot-autoconfigure";

	private static final String BOOTSTRAP = "bootstrap";

	private static final String NATIVE_PLUGIN = "org.graalvm.buildtools:native-maven-plugin";

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	@Component
	private MavenProjectHelper projectHelper;

	/**
	 * Skip the goal: no deployment package is written.
	 */
	@Parameter(property = "serverless-spring.package.skip", defaultValue = "false")
	private boolean skip;

	/**
	 * Skip the managed-runtime zip ({@code -aws.zip}).
	 */
	@Parameter(property = "serverless-spring.aws-zip.skip", defaultValue = "false")
	private boolean skipAwsZip;

	/**
	 * Skip the custom-runtime zip ({@code -custom-runtime.zip}).
	 */
	@Parameter(property = "serverless-spring.custom-runtime-zip.skip", defaultValue = "false")
	private boolean skipCustomRuntimeZip;

	/**
	 * Skip the native zip ({@code -native.zip}), even when the build made a native image.
	 */
	@Parameter(property = "serverless-spring.native-zip.skip", defaultValue = "false")
	private boolean skipNativeZip;

	/**
	 * Attach the zips to the project, so that {@code install} and {@code deploy} publish
	 * them.
	 */
	@Parameter(property = "serverless-spring.attach", defaultValue = "true")
	private boolean attach;

	/**
	 * The {@code @SpringBootApplication} class written as the manifest's
	 * {@code Start-Class} when the jar has none; by default the one such class with a
	 * {@code main} method.
	 */
	@Parameter(property = "start-class")
	private String startClass;

	/**
	 * The compiled classes in which the application class is looked for.
	 */
	@Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
	private File classesDirectory;

	/**
	 * Where the stored copies of the dependency jars are kept between builds.
	 */
	@Parameter(defaultValue = "${project.build.directory}/lambda-lib", required = true)
	private File libDirectory;

	/**
	 * The native image that becomes the native zip's {@code bootstrap}.
	 */
	@Parameter(defaultValue = "${project.build.directory}/bootstrap", required = true)
	private File nativeImage;

	/**
	 * The directory of the zips.
	 */
	@Parameter(defaultValue = "${project.build.directory}", required = true)
	private File outputDirectory;

	/**
	 * The zips' name before their suffix.
	 */
	@Parameter(defaultValue = "${project.build.finalName}", required = true)
	private String finalName;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("serverless-spring: package skipped (serverless-spring.package.skip)");
			return;
		}
		try {
			if (!this.skipAwsZip || !this.skipCustomRuntimeZip) {
				writeJvmZips();
			}
			if (!this.skipNativeZip) {
				writeNativeZip();
			}
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not write the deployment packages: " + ex.getMessage(), ex);
		}
	}

	private void writeJvmZips() throws IOException, MojoExecutionException, MojoFailureException {
		File jar = this.project.getArtifact().getFile();
		if (jar == null || !jar.isFile() || !jar.getName().endsWith(".jar")) {
			throw new MojoFailureException(
					"serverless-spring:package needs the project's jar: run it in the package phase,"
							+ " after the jar plugin (the project's packaging is " + this.project.getPackaging() + ")");
		}
		ApplicationJar application = new ApplicationJar(jar.toPath(),
				() -> ApplicationClass.find(this.startClass, this.classesDirectory));
		Map<Artifact, Path> lib = StoredDependencies.write(this.project.getArtifacts(), this.libDirectory.toPath());
		if (!this.skipAwsZip) {
			Path zip = zip("aws");
			try (DeploymentZip out = DeploymentZip.create(zip)) {
				application.addTo(out);
				addLib(out, lib, MANAGED_RUNTIME_JARS);
				out.finish();
			}
			written(zip, "aws", "the managed Java runtimes");
		}
		if (!this.skipCustomRuntimeZip) {
			Path zip = zip("custom-runtime");
			try (DeploymentZip out = DeploymentZip.create(zip)) {
				addBootstrapScript(out);
				application.addTo(out);
				addLib(out, lib, Set.of());
				out.finish();
			}
			written(zip, "custom-runtime", "provided.al2023 on the JVM");
		}
	}

	private static void addLib(DeploymentZip zip, Map<Artifact, Path> lib, Set<String> excluded) throws IOException {
		for (Map.Entry<Artifact, Path> jar : lib.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
			String id = jar.getKey().getGroupId() + ":" + jar.getKey().getArtifactId();
			if (!excluded.contains(id) && !StoredDependencies.isBuildTimeOnly(jar.getKey())) {
				zip.addFile("lib/" + jar.getValue().getFileName(), jar.getValue(), DeploymentZip.FILE_MODE);
			}
		}
	}

	private void addBootstrapScript(DeploymentZip zip) throws IOException, MojoFailureException {
		Artifact eventLoop = this.project.getArtifacts()
			.stream()
			.filter((artifact) -> (artifact.getGroupId() + ":" + artifact.getArtifactId()).equals(EVENT_LOOP_JAR))
			.findFirst()
			.orElseThrow(() -> new MojoFailureException("The custom-runtime zip needs " + EVENT_LOOP_JAR
					+ " (serverless-spring-boot-starter brings it) among the runtime dependencies,"
					+ " or set serverless-spring.custom-runtime-zip.skip"));
		try (ZipFile jar = new ZipFile(eventLoop.getFile())) {
			ZipEntry script = jar.getEntry(BOOTSTRAP);
			if (script == null) {
				throw new MojoFailureException(eventLoop.getFile() + " has no " + BOOTSTRAP + " script");
			}
			try (InputStream in = jar.getInputStream(script)) {
				String unix = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
				zip.addContent(BOOTSTRAP, unix.getBytes(StandardCharsets.UTF_8), script.getLastModifiedTime(),
						DeploymentZip.EXECUTABLE_MODE);
			}
		}
	}

	private void writeNativeZip() throws IOException {
		boolean nativeBuild = this.project.getBuildPlugins()
			.stream()
			.anyMatch((plugin) -> plugin.getKey().equals(NATIVE_PLUGIN));
		if (!nativeBuild) {
			return;
		}
		if (!this.nativeImage.isFile()) {
			getLog().warn((System.getenv("GRAALVM_HOME") == null)
					? "Native image skipped: no GraalVM (set GRAALVM_HOME to a GraalVM for JDK 17+ and run ./mvnw -Pnative"
							+ " package again). Spring AOT processing and the tests ran as usual."
					: "No native image at " + this.nativeImage + ": the native zip is not written");
			return;
		}
		Path zip = zip("native");
		try (DeploymentZip out = DeploymentZip.create(zip)) {
			out.addFile(BOOTSTRAP, this.nativeImage.toPath(), DeploymentZip.EXECUTABLE_MODE);
			out.finish();
		}
		written(zip, "native", "provided.al2023 as a native executable");
	}

	private Path zip(String classifier) {
		return this.outputDirectory.toPath().resolve(this.finalName + "-" + classifier + ".zip");
	}

	private void written(Path zip, String classifier, String runtime) throws IOException {
		getLog().info(
				"serverless-spring: " + zip.getFileName() + " for " + runtime + " (" + Files.size(zip) / 1024 + " KB)");
		if (this.attach) {
			this.projectHelper.attachArtifact(this.project, "zip", classifier, zip.toFile());
		}
	}

}
