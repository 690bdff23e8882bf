package ${package};

import java.nio.file.Path;
import java.time.Duration;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged zip, run as Lambda runs the {@code hello} function of serverless.yml: unpacked as
 * the task root and served by the AWS runtime interface client through our handler.
 * Runs in {@code ./mvnw verify}, after {@code package} has built the zip.
 */
class ApplicationIT {

	private static final FunctionPackage HELLO = FunctionPackage.find(Path.of("target"), "${artifactId}-*-aws.zip")
		.functionName("hello")
		.runtime("${runtime}")
		.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
		.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "hello")
		.memorySize(${memorySize})
		// Generous: a busy build machine is slower than Lambda.
		.timeout(Duration.ofSeconds(30));

	@Test
	void helloAnswersAnEvent() {
		try (ManagedRuntimeProcess hello = new ManagedRuntimeProcess(HELLO)) {
			InvocationResult result = hello.invoke("{\"name\":\"Ada\"}");
			assertThat(result.isFunctionError()).as(hello.output()).isFalse();
			assertThat(result.payloadAsString()).isEqualTo("{\"message\":\"Hello, Ada!\"}");
		}
	}

}
