package dev.serverlessspring.example;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import dev.serverlessspring.test.runtime.LambdaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged example zip, run as Lambda's managed {@code java21} runtime runs it:
 * unpacked as the task root and served by the AWS runtime interface client through our
 * handler, one runtime process per function definition.
 */
class PackagedFunctionsIT {

	private static final FunctionPackage EXAMPLE = FunctionPackage
		.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
		.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
		.memorySize(512)
		// Generous: the build machine may be busy, and the init of a cold JVM is not what
		// is tested here.
		.timeout(Duration.ofSeconds(30));

	private static ManagedRuntimeProcess uppercase;

	private static ManagedRuntimeProcess quote;

	@BeforeAll
	static void startFunctions() {
		// Both runtimes init at once, as two Lambda functions would.
		uppercase = new ManagedRuntimeProcess(function("uppercase")).start();
		quote = new ManagedRuntimeProcess(function("quote")).start();
	}

	@AfterAll
	static void stopFunctions() {
		uppercase.close();
		quote.close();
	}

	static FunctionPackage function(String definition) {
		return EXAMPLE.functionName(definition).environment("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
	}

	@Test
	void uppercaseAnswersAJsonStringEvent() throws IOException {
		InvocationResult result = uppercase.invoke(event("uppercase.json"));
		assertThat(result.isFunctionError()).as(uppercase.output()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo("HELLO SERVERLESS");
	}

	@Test
	void quoteReadsAndWritesJson() throws Exception {
		InvocationResult result = quote.invoke(event("quote.json"));
		assertThat(result.isFunctionError()).as(quote.output()).isFalse();
		JSONAssert.assertEquals("{\"sku\":\"BOOK-1\",\"quantity\":3,\"total\":37.50}", result.payloadAsString(),
				JSONCompareMode.STRICT);
	}

	@Test
	void malformedJsonIsAnErrorNamingTheExpectedType() throws IOException {
		InvocationResult result = quote.invoke(event("quote-malformed.json"));
		assertThat(result.isFunctionError()).isTrue();
		assertThat(result.errorType()).isEqualTo(InvalidEventException.class.getName());
		assertThat(result.errorMessage()).contains(QuoteRequest.class.getName());
		assertThat(result.payloadAsString())
			.contains("\"errorType\":\"" + InvalidEventException.class.getName() + "\"");
	}

	@Test
	void aThrowingFunctionIsAnErrorAndTheNextEventSucceeds() throws IOException {
		InvocationResult failed = quote.invoke(event("quote-unknown-sku.json"));
		assertThat(failed.isFunctionError()).isTrue();
		assertThat(failed.errorType()).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(failed.errorMessage()).isEqualTo("Unknown product NOPE-0");

		InvocationResult next = quote.invoke(event("quote.json"));
		assertThat(next.isFunctionError()).as(quote.output()).isFalse();
		assertThat(next.payloadAsString()).contains("\"total\":37.50");
	}

	@Test
	void noPayloadIsLoggedByDefault() throws IOException {
		quote.invoke(event("quote-unknown-sku.json"));
		assertThat(quote.output()).doesNotContain("NOPE-0\",").doesNotContain("\"quantity\"");
	}

	@Test
	void anUnknownDefinitionFailsTheInitListingTheAvailableFunctions() {
		try (ManagedRuntimeProcess unknown = new ManagedRuntimeProcess(function("nope"))) {
			Optional<LambdaError> initError = unknown.initError();
			assertThat(initError).as(unknown.output()).isPresent();
			assertThat(initError.get().errorType())
				.isEqualTo("dev.serverlessspring.lambda.invoke.FunctionResolutionException");
			assertThat(initError.get().errorMessage()).contains("'nope'").contains("quote").contains("uppercase");

			// Lambda answers the invocation with the init error, and inits again on the
			// next one.
			InvocationResult result = unknown.invoke("\"x\"");
			assertThat(result.isFunctionError()).isTrue();
			assertThat(result.errorType()).isEqualTo(initError.get().errorType());
			assertThat(result.errorMessage()).isEqualTo(initError.get().errorMessage());
		}
	}

	private static byte[] event(String name) throws IOException {
		try (InputStream in = PackagedFunctionsIT.class.getResourceAsStream("/events/" + name)) {
			assertThat(in).as("event fixture " + name).isNotNull();
			return in.readAllBytes();
		}
	}

}
