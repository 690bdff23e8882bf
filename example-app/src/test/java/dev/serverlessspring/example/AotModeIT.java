package dev.serverlessspring.example;

import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package carries Spring AOT's generated bean definitions (the build ran
 * {@code process-aot}); the functions run on them by default, and by the usual
 * configuration-class processing with {@code SPRING_AOT_ENABLED=false}. The JVM's
 * class-loading log shows which context the application was started from.
 */
class AotModeIT {

	private static final FunctionPackage EXAMPLE = ExampleZip.function("uppercase").jvmOptions("-Xlog:class+load=info");

	/**
	 * Loaded, Spring Cloud Function's own mapper configuration would need the Joda-Time
	 * module.
	 */
	private static final String SPRING_CLOUD_FUNCTION_JSON_MAPPER_CONFIGURATION = "org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration$JsonMapperConfiguration ";

	private static final String QUOTE_WITH_UNKNOWN_PROPERTY = "{\"sku\":\"BOOK-1\",\"quantity\":3,\"coupon\":\"none\"}";

	@Test
	void startsFromTheGeneratedInitializerByDefault() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(EXAMPLE)) {
			assertThat(function.invoke("\"aot\"").payloadAsString()).isEqualTo("AOT");
			assertThat(function.output()).contains("ExampleApplication__ApplicationContextInitializer")
				.doesNotContain("org.springframework.context.annotation.ConfigurationClassParser ");
		}
	}

	@Test
	void startsByConfigurationClassProcessingWhenAotIsSwitchedOff() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(
				EXAMPLE.environment("SPRING_AOT_ENABLED", "false"))) {
			assertThat(function.invoke("\"jvm\"").payloadAsString()).isEqualTo("JVM");
			assertThat(function.output()).doesNotContain("ExampleApplication__ApplicationContextInitializer")
				.contains("org.springframework.context.annotation.ConfigurationClassParser ");
		}
	}

	@Test
	void functionsReadJsonWithTheApplicationsMapperInBothModes() {
		for (String aot : new String[] { "true", "false" }) {
			try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(
					EXAMPLE.environment("SPRING_AOT_ENABLED", aot)
						.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "quote"))) {
				// Unknown properties are ignored, as with the mapper Spring Cloud
				// Function used to build.
				assertThat(function.invoke(QUOTE_WITH_UNKNOWN_PROPERTY).payloadAsString()).as(function.output())
					.contains("\"total\":37.5");
				// The package has no Joda-Time module; without AOT, Spring Cloud
				// Function's configuration class for its own mapper may be loaded while
				// bean types are predicted, but it is never created (which would fail for
				// want of the module).
				assertThat(function.output()).doesNotContain("tools.jackson.datatype.joda.");
				if (aot.equals("true")) {
					assertThat(function.output()).doesNotContain(SPRING_CLOUD_FUNCTION_JSON_MAPPER_CONFIGURATION);
				}
			}
		}
	}

	@Test
	void thePackageHasNoJodaTimeModule() throws IOException {
		try (ZipFile zip = new ZipFile(EXAMPLE.source().toFile())) {
			assertThat(zip.stream().map(ZipEntry::getName)).anyMatch((name) -> name.startsWith("lib/jackson-databind-"))
				.noneMatch((name) -> name.contains("jackson-datatype-joda"));
		}
	}

}
