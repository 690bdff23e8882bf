package dev.serverlessspring.example;

import java.nio.file.Path;
import java.time.Duration;

import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package carries Spring AOT's generated bean definitions (the build ran
 * {@code process-aot}); the functions run on them when {@code SPRING_AOT_ENABLED=true}, and by
 * the usual configuration-class processing otherwise. The JVM's class-loading log shows which
 * context the application was started from.
 */
class AotModeIT {

	private static final FunctionPackage EXAMPLE = FunctionPackage
		.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
		.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
		.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "uppercase")
		.memorySize(512)
		.timeout(Duration.ofSeconds(30))
		.jvmOptions("-Xlog:class+load=info");

	@Test
	void startsFromTheGeneratedInitializerWhenAsked() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(
				EXAMPLE.environment("SPRING_AOT_ENABLED", "true"))) {
			assertThat(function.invoke("\"aot\"").payloadAsString()).isEqualTo("AOT");
			assertThat(function.output()).contains("ExampleApplication__ApplicationContextInitializer")
				.doesNotContain("org.springframework.context.annotation.ConfigurationClassParser ");
		}
	}

	@Test
	void startsByConfigurationClassProcessingByDefault() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(EXAMPLE)) {
			assertThat(function.invoke("\"jvm\"").payloadAsString()).isEqualTo("JVM");
			assertThat(function.output()).doesNotContain("ExampleApplication__ApplicationContextInitializer")
				.contains("org.springframework.context.annotation.ConfigurationClassParser ");
		}
	}

}
