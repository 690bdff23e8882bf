package dev.serverlessspring.example;

import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On Lambda the function starts without Spring Boot's background pre-initialization
 * thread, whose work would come out of the function's share of CPU; the system property,
 * set in {@code JAVA_TOOL_OPTIONS} as on Lambda, turns it back on. The JVM's
 * class-loading log shows whether the thread's task ran.
 */
class BackgroundPreinitializationIT {

	private static final FunctionPackage EXAMPLE = ExampleZip.function("uppercase");

	/**
	 * The task the background thread runs; Spring Boot starts no thread with one CPU
	 * either.
	 */
	private static final String BACKGROUND_TASK = "org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializingApplicationListener$Runner ";

	@Test
	void functionStartsWithoutBackgroundPreinitialization() {
		// With one CPU Spring Boot would skip the thread anyway: nothing to prove.
		assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
				"Spring Boot pre-initializes only with several CPUs");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(EXAMPLE.jvmOptions("-Xlog:class+load=info"))) {
			assertThat(function.invoke("\"lean\"").payloadAsString()).isEqualTo("LEAN");
			assertThat(function.output()).contains("BackgroundPreinitializingApplicationListener ")
				.doesNotContain(BACKGROUND_TASK);
		}
	}

	@Test
	void systemPropertyTurnsItBackOn() {
		assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
				"Spring Boot pre-initializes only with several CPUs");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(EXAMPLE.jvmOptions("-Xlog:class+load=info")
			.environment("JAVA_TOOL_OPTIONS", "-Dspring.backgroundpreinitializer.ignore=false"))) {
			assertThat(function.invoke("\"eager\"").payloadAsString()).isEqualTo("EAGER");
			assertThat(function.output()).contains(BACKGROUND_TASK);
		}
	}

}
