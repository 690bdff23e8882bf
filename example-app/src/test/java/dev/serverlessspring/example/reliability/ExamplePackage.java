package dev.serverlessspring.example.reliability;

import java.nio.file.Path;
import java.time.Duration;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;

/**
 * The packaged example zip as a Lambda function running one of its function definitions.
 */
final class ExamplePackage {

	private static final FunctionPackage ZIP = FunctionPackage
		.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
		.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
		.memorySize(512)
		// Generous: the build machine may be busy; timeouts are not what these tests are
		// about.
		.timeout(Duration.ofSeconds(60));

	/** Error types Lambda itself reports when the environment, not the event, failed. */
	private static final java.util.List<String> PLATFORM_ERRORS = java.util.List.of("Runtime.ExitError",
			"Sandbox.Timedout", "Runtime.Unknown");

	// The same functions on serverless-spring's own event loop (provided.al2023 on the
	// JVM).
	private static final FunctionPackage CUSTOM_RUNTIME_ZIP = FunctionPackage
		.find(Path.of("target"), "serverless-spring-example-*-custom-runtime.zip")
		.runtime("provided.al2023")
		.environment("JAVA_HOME", System.getProperty("java.home"))
		.memorySize(512)
		.timeout(Duration.ofSeconds(60));

	private ExamplePackage() {
	}

	/**
	 * Return a function of the example zip, run by the AWS runtime interface client.
	 * @param definition the function definition
	 * @return the function
	 */
	static FunctionPackage function(String definition) {
		return ZIP.functionName(definition).environment("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
	}

	/**
	 * Return a function of the example's custom-runtime zip, run by our own event loop.
	 * @param definition the function definition
	 * @return the function
	 */
	static FunctionPackage customRuntimeFunction(String definition) {
		return CUSTOM_RUNTIME_ZIP.functionName(definition).environment("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
	}

	/**
	 * Whether a result is a clear error: a type and a message, and not the environment's
	 * failure.
	 * @param result the result
	 * @return whether it is a clear error
	 */
	static boolean isClearError(InvocationResult result) {
		return result.isFunctionError() && result.errorType() != null && !result.errorType().isBlank()
				&& result.errorMessage() != null && !result.errorMessage().isBlank()
				&& !PLATFORM_ERRORS.contains(result.errorType());
	}

}
