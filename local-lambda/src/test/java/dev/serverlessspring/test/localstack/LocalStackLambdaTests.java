package dev.serverlessspring.test.localstack;

import java.io.IOException;
import java.nio.file.Path;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.Fixtures;
import dev.serverlessspring.test.process.FunctionPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deploys the fixture zip to LocalStack and invokes it. Skipped where Docker is missing.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackLambdaTests {

	@Container
	static LocalStackContainer localStack = new LocalStackContainer("localstack/localstack:4.4").withServices("lambda");

	@TempDir
	Path directory;

	@Test
	void deploysAndInvokesTheZip() throws IOException {
		FunctionPackage function = FunctionPackage.of(Fixtures.zip(this.directory))
			.functionName("echo")
			.handler(Fixtures.HANDLER)
			.runtime("java21")
			.memorySize(512);
		try (LocalStackLambda echo = LocalStackLambda.deploy(localStack, function)) {
			InvocationResult result = echo.invoke("echo:hello");
			assertThat(result.isFunctionError()).isFalse();
			assertThat(result.payloadAsString()).isEqualTo("hello");
			InvocationResult failed = echo.invoke("fail:boom");
			assertThat(failed.isFunctionError()).isTrue();
			assertThat(failed.errorMessage()).isEqualTo("boom");
		}
	}

}
