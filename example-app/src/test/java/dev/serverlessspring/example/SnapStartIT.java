package dev.serverlessspring.example;

import java.nio.file.Path;
import java.time.Duration;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged example initialized for SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}):
 * the runtime interface client runs the checkpoint hooks (through {@code org.crac}, as on
 * Lambda), which prime the function, then the restore phase, then serves invocations.
 */
class SnapStartIT {

	@Test
	void primesTheFunctionBeforeTheSnapshotAndServesAfterTheRestore() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(initializedForSnapStart("quote"))) {
			assertThat(function.initError()).as(function.output()).isEmpty();
			// The synthetic event {} has no product: the function rejects it, the classes are primed anyway.
			assertThat(function.output()).contains("SnapStart: the priming invocation ended with");
			InvocationResult result = function.invoke("{\"sku\":\"MUG-7\",\"quantity\":2}");
			assertThat(result.payloadAsString()).as(function.output()).contains("\"total\":16.00");
		}
	}

	@Test
	void primesAThousandTimesThroughTheHandlerTheRuntimeCalls() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(initializedForSnapStart("uppercase"))) {
			assertThat(function.initError()).as(function.output()).isEmpty();
			// Through FunctionHandler.handleRequest, called reflectively as the runtime interface client calls it.
			assertThat(function.output()).contains("SnapStart: primed uppercase with 1000 invocations through FunctionHandler");
			InvocationResult result = function.invoke("\"hello\"");
			assertThat(result.payloadAsString()).as(function.output()).isEqualTo("HELLO");
		}
	}

	private static FunctionPackage initializedForSnapStart(String definition) {
		return FunctionPackage.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
			.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
			.functionName(definition)
			.environment("SPRING_CLOUD_FUNCTION_DEFINITION", definition)
			.environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
			.memorySize(512)
			.timeout(Duration.ofSeconds(30));
	}

}
