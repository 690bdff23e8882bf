package dev.serverlessspring.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates projects from the archetype as a user would, builds each with its own wrapper
 * and packages it with its own Serverless tooling, then checks what would be deployed.
 * Runs after {@code invoker:install} put this archetype and our modules in the local
 * repository. The project of the archetype's defaults is built and packaged by its own
 * README's commands, in {@link GeneratedReadmeIT}, which checks it there: one build of it
 * per run.
 */
class GeneratedProjectIT {

	private static final Path WORK = Path.of("target", "it").toAbsolutePath();

	@Test
	void propertiesChooseRuntimeArchitectureMemoryAndRegion() throws IOException {
		Path project = generate("custom",
				Map.of("groupId", "org.example.shop", "artifactId", "shop-api", "package", "org.example.shop.api",
						"version", "2.3.0", "runtime", "java25", "architecture", "x86_64", "memorySize", "2048",
						"region", "eu-west-1"));

		build(project, "custom");
		// A change after the build: serverless package rebuilds the zip through
		// serverless-spring's plugin.
		Path zip = project.resolve("target/shop-api-2.3.0-aws.zip");
		FileTime built = Files.getLastModifiedTime(zip);
		Path application = project.resolve("src/main/java/org/example/shop/api/Application.java");
		Files.writeString(application, Files.readString(application) + "// changed after the build\n");
		ServerlessPackage deployment = ServerlessPackage.of(project, log("custom", "serverless-package"));
		assertThat(Files.getLastModifiedTime(zip)).as("rebuilt by the plugin").isGreaterThan(built);
		assertThat(log("custom", "serverless-package")).content()
			.contains("serverless-spring: building shop-api-2.3.0-aws.zip");

		assertThat(deployment.serviceName()).isEqualTo("shop-api");
		deployment.assertJavaFunction("hello", "hello", "java25", "x86_64");
		assertThat(deployment.function("hello").path("MemorySize").asInt()).isEqualTo(2048);
		assertThat(deployment.function("hello").path("FunctionName").asString()).isEqualTo("shop-api-dev-hello");
		assertThat(Files.readString(project.resolve(".serverless/serverless-state.json")))
			.contains("\"region\": \"eu-west-1\"");
		deployment.assertLeastPrivilegeRole();
		deployment.assertArtifactHoldsApplication("hello", "org.example.shop.api.Application");
	}

	@Test
	void nativeAddsTheGraalVmProfileAndAProvidedRuntimeFunction() throws IOException {
		Path project = generate("native",
				Map.of("groupId", "com.acme", "artifactId", "orders", "package", "com.acme.orders", "native", "true"));
		// The profile runs (Spring AOT, then native-image); without GraalVM, as here, it
		// skips the image with a notice instead of failing.
		Command.Result build = Command.maven(project, project.resolve("mvnw"), "-Pnative", "package", "-DskipTests")
			.run(log("native", "package"))
			.assertSuccess();
		if (System.getenv("GRAALVM_HOME") == null) {
			assertThat(build.output()).contains("Native image skipped: no GraalVM");
		}
		else {
			assertThat(project.resolve("target/orders-1.0-SNAPSHOT-native.zip")).isRegularFile();
		}

		// The configuration osls resolves (and validates: configValidationMode is error);
		// packaging would need the native zip. The build above installed osls.
		String config = Command.of(project, "npx", "--no", "serverless", "print", "--format", "json")
			.run(log("native", "serverless-print"))
			.assertSuccess()
			.output();
		assertThat(config).contains("\"runtime\": \"provided.al2023\"", "orders-1.0-SNAPSHOT-native.zip",
				"\"MAIN_CLASS\": \"com.acme.orders.Application\"");
	}

	@Test
	void invalidValuesFailGenerationNamingEachProperty() throws IOException {
		Command.Result result = generateExpectingFailure("invalid",
				Map.of("groupId", "Com.Acme", "artifactId", "orders", "package", "com.acme-orders", "runtime", "java17",
						"architecture", "arm", "memorySize", "64000"));

		assertThat(result.output()).contains("-DgroupId=Com.Acme is invalid: use a Java package name",
				"-Dpackage=com.acme-orders is invalid: use a Java package name",
				"-Druntime=java17 is invalid: use java21, java25 or java-runtime",
				"-Darchitecture=arm is invalid: use arm64 or x86_64",
				"-DmemorySize=64000 is invalid: use a size in MB from 128 to 10240");
		assertThat(WORK.resolve("invalid/orders")).as("nothing half-made is left").doesNotExist();
	}

	@Test
	void aMissingRequiredPropertyFailsGenerationNamingIt() throws IOException {
		Command.Result result = generateExpectingFailure("missing",
				Map.of("artifactId", "orders", "package", "com.acme.orders"));

		assertThat(result.output()).contains("Property groupId is missing");
		assertThat(WORK.resolve("missing/orders")).doesNotExist();
	}

	static Path generate(String name, Map<String, String> properties) throws IOException {
		Path directory = fresh(name);
		generateCommand(directory, properties).run(log(name, "generate")).assertSuccess();
		return directory.resolve(properties.get("artifactId"));
	}

	private static Command.Result generateExpectingFailure(String name, Map<String, String> properties)
			throws IOException {
		Command.Result result = generateCommand(fresh(name), properties).run(log(name, "generate"));
		assertThat(result.exitCode()).as("exit code of %s", result.command().arguments()).isNotZero();
		return result;
	}

	private static Command generateCommand(Path directory, Map<String, String> properties) {
		List<String> arguments = new ArrayList<>(List.of("archetype:generate",
				"-DarchetypeGroupId=dev.serverlessspring", "-DarchetypeArtifactId=serverless-spring-archetype",
				"-DarchetypeVersion=" + System.getProperty("archetype.version")));
		properties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
		return Command.maven(directory, Command.ROOT.resolve("mvnw"), arguments.toArray(String[]::new));
	}

	/**
	 * The generated project's own build: its wrapper, its tests, its zip, its npm
	 * install.
	 */
	private static void build(Path project, String name) {
		Command.maven(project, project.resolve("mvnw"), "verify").run(log(name, "verify")).assertSuccess();
	}

	private static Path fresh(String name) throws IOException {
		Path directory = WORK.resolve(name);
		if (Files.exists(directory)) {
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
		Files.createDirectories(directory);
		return directory;
	}

	static Path log(String name, String step) {
		return WORK.resolve(name + "-" + step + ".log");
	}

}
