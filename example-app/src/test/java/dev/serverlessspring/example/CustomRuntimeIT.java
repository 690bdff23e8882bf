package dev.serverlessspring.example;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import dev.serverlessspring.test.runtime.LambdaError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's custom-runtime zip ({@code provided.al2023} on the JVM): its
 * {@code bootstrap} starts serverless-spring's own Runtime API event loop, with the JDK
 * that runs the build as the JDK layer Lambda would mount.
 */
class CustomRuntimeIT {

	private static final FunctionPackage CUSTOM_RUNTIME = FunctionPackage
		.find(Path.of("target"), "serverless-spring-example-*-custom-runtime.zip")
		.runtime("provided.al2023")
		.environment("JAVA_HOME", System.getProperty("java.home"))
		.memorySize(512)
		.timeout(Duration.ofSeconds(30));

	@Test
	void servesFunctionsAndReportsTheirErrors() {
		try (ManagedRuntimeProcess quote = new ManagedRuntimeProcess(function("quote"))) {
			InvocationResult answer = quote.invoke("{\"sku\":\"BOOK-1\",\"quantity\":2}");
			assertThat(answer.isFunctionError()).as(quote.output()).isFalse();
			assertThat(answer.payloadAsString()).isEqualTo("{\"sku\":\"BOOK-1\",\"quantity\":2,\"total\":25.00}");
			InvocationResult error = quote.invoke("{\"sku\":\"NOPE\",\"quantity\":1}");
			assertThat(error.isFunctionError()).isTrue();
			assertThat(error.errorType()).isEqualTo(IllegalArgumentException.class.getName());
			assertThat(error.errorMessage()).isEqualTo("Unknown product NOPE");
			// the runtime goes on after a function's error
			assertThat(quote.invoke("{\"sku\":\"MUG-7\",\"quantity\":1}").payloadAsString()).contains("\"total\":8.00");
		}
	}

	@Test
	void anUnknownDefinitionIsAnInitError() {
		try (ManagedRuntimeProcess unknown = new ManagedRuntimeProcess(function("nope"))) {
			Optional<LambdaError> error = unknown.initError();
			assertThat(error).as(unknown.output()).isPresent();
			assertThat(error.get().errorMessage()).contains("nope").contains("uppercase").contains("quote");
		}
	}

	private static FunctionPackage function(String definition) {
		return CUSTOM_RUNTIME.functionName(definition).environment("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
	}

}
