package dev.serverlessspring.example;

import java.nio.file.Path;
import java.time.Duration;

import dev.serverlessspring.test.process.FunctionPackage;

/**
 * The example's managed-runtime zip as the tests of its start-up run it: through
 * serverless-spring's handler, started by the AWS runtime interface client.
 */
final class ExampleZip {

	private static final FunctionPackage ZIP = FunctionPackage
		.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
		.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
		.memorySize(512)
		// Generous: the build machine may be busy, and a cold JVM's init is not what is
		// tested.
		.timeout(Duration.ofSeconds(30));

	private ExampleZip() {
	}

	/**
	 * Return the zip serving one function definition.
	 * @param definition the function definition
	 * @return the function
	 */
	static FunctionPackage function(String definition) {
		return ZIP.environment("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
	}

}
