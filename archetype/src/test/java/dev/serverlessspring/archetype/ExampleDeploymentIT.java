package dev.serverlessspring.archetype;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root serverless.yml, which deploys example-app (packaged earlier in the reactor), packaged
 * by osls: one function per function bean, each from the example's zip.
 */
class ExampleDeploymentIT {

	private static final Path LOGS = Path.of("target", "it").toAbsolutePath();

	private static final String APPLICATION = "dev.serverlessspring.example.ExampleApplication";

	private static ServerlessPackage deployment;

	@BeforeAll
	static void packageTheExample() {
		Command.of(Command.ROOT, "npm", "install", "--no-audit", "--no-fund")
			.run(LOGS.resolve("example-npm-install.log"))
			.assertSuccess();
		deployment = ServerlessPackage.of(Command.ROOT, LOGS.resolve("example-serverless-package.log"));
	}

	@Test
	void httpFunctionsAnswerHttpApiRoutes() throws IOException {
		assertHttpFunction("uppercase", "POST /uppercase");
		assertHttpFunction("quote", "POST /quotes");
	}

	@Test
	void functionsRunWithTheDefaultRoleOnly() {
		deployment.assertLeastPrivilegeRole();
	}

	@Test
	void theZipIsTheOneThisBuildMade() throws IOException {
		assertThat(deployment.assertArtifactHoldsApplication("uppercase", APPLICATION).getFileName())
			.hasToString("serverless-spring-example-" + System.getProperty("archetype.version") + "-aws.zip");
	}

	private static void assertHttpFunction(String name, String routeKey) throws IOException {
		deployment.assertJavaFunction(name, name, "java21", "arm64");
		deployment.assertHttpRoute(name, routeKey);
		deployment.assertArtifactHoldsApplication(name, APPLICATION);
	}

}
