package dev.serverlessspring.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A project generated with {@code -Druntime=java-runtime}: built with a JDK 25 as its
 * README says ({@code ./mvnw verify} links the Java runtime from the build's JDK and
 * trains the AOT cache; the project's own {@code ApplicationIT} runs the java-runtime zip
 * on the local Lambda), packaged with its own osls for {@code provided.al2023} on the
 * build machine's architecture. The README commands whose result differs from the default
 * project's are run here as written; the others (the dev loop) are the default README's,
 * run by {@link GeneratedReadmeIT}.
 * <p>
 * Needs Temurin 25 where the build machines have it; elsewhere it skips, saying so.
 */
class JavaRuntimeProjectIT {

	private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

	private static final String ZIP = "orders-1.0-SNAPSHOT-java-runtime.zip";

	/**
	 * README commands the default project shares, with the same effect here:
	 * GeneratedReadmeIT runs them.
	 */
	private static final List<String> SHARED_WITH_THE_DEFAULT_README = List.of("./mvnw serverless-spring:run",
			"./mvnw compile",
			"curl -X POST -H 'Content-Type: application/json' -d '{\"name\":\"Ada\"}' http://127.0.0.1:3000/hello");

	@Test
	void javaRuntimeGivesAProjectThatTrainsItsCacheAndPackagesForProvidedAl2023() throws IOException {
		assumeTrue(Files.isExecutable(JDK_25.resolve("bin/jlink")),
				"No JDK 25 at " + JDK_25 + ": a java-runtime project links its Java runtime from a JDK 21+ (25 here)");
		Path project = GeneratedProjectIT.generate("java-runtime", Map.of("groupId", "com.acme", "artifactId", "orders",
				"package", "com.acme.orders", "runtime", "java-runtime"));
		assertThat(project.resolve("pom.xml")).content()
			.contains("<goal>link-java-runtime</goal>", "<goal>java-runtime-zip</goal>");

		List<String> commands = GeneratedReadmeIT.commands(project.resolve("README.md"));
		assertThat(commands).as("README commands").startsWith("./mvnw verify");
		for (String command : commands) {
			String step = "readme-" + (commands.indexOf(command) + 1);
			if (command.equals("./mvnw verify")) {
				String build = run(project, command, step);
				assertThat(build).contains("training run: ", "JDK AOT cache of ", ZIP);
				assertThat(project.resolve("target/failsafe-reports/com.acme.orders.ApplicationIT.txt")).content()
					.as("ApplicationIT ran the java-runtime zip")
					.contains("Tests run: 1, Failures: 0, Errors: 0");
			}
			else if (command.startsWith("npx serverless package")) {
				// The build above left a fresh zip: the plugin takes it as it is.
				assertThat(run(project, command, step))
					.contains("serverless-spring: " + ZIP + " is up to date, skipping the Maven build");
			}
			else if (command.startsWith("./mvnw serverless-spring:invoke ")) {
				assertThat(run(project, command, step)).contains("\"body\":\"{\\\"message\\\":\\\"Hello, Ada!\\\"}\"");
			}
			else if (!SHARED_WITH_THE_DEFAULT_README.contains(command)
					&& !GeneratedReadmeIT.needsAnAwsAccount(command)) {
				fail("The README shows a command this test does not run: " + command);
			}
		}

		ServerlessPackage deployment = ServerlessPackage.written(project);
		deployment.assertJavaRuntimeFunction("hello", "hello", "x86_64", "POST /hello");
		assertThat(deployment.function("hello").path("SnapStart").isMissingNode()).as("no SnapStart").isTrue();
		deployment.assertLeastPrivilegeRole();
		startsFromTheTrainedCache(project.resolve("target").resolve(ZIP));
	}

	/**
	 * The JVM's class-loading log says where each class came from: "shared objects file"
	 * is the cache.
	 */
	private static void startsFromTheTrainedCache(Path zip) {
		FunctionPackage hello = FunctionPackage.of(zip)
			.runtime("provided.al2023")
			.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "hello")
			.environment("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info")
			.timeout(Duration.ofSeconds(30));
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(hello)) {
			InvocationResult answer = function.invoke("{\"name\":\"Ada\"}");
			assertThat(answer.payloadAsString()).as(function.output()).contains("Hello, Ada!");
			assertThat(function.output())
				.contains("dev.serverlessspring.lambda.runtime.LambdaRuntime source: shared objects file")
				.doesNotContain("serverless-spring: ");
		}
	}

	/**
	 * A README command as written, with the JDK 25 as JAVA_HOME (and this build's local
	 * repository).
	 */
	private static String run(Path project, String command, String step) {
		return GeneratedReadmeIT.maven(project, command, "")
			.withEnvironment(Map.of("JAVA_HOME", JDK_25.toString()))
			.run(GeneratedProjectIT.log("java-runtime", step))
			.assertSuccess()
			.output();
	}

}
