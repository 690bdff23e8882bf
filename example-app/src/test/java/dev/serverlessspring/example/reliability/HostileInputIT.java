package dev.serverlessspring.example.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.serverlessspring.example.reliability.HostileEvents.Case;
import dev.serverlessspring.lambda.http.HttpEvent;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken events through the packaged zip under the AWS runtime interface
 * client: each gets a clear error (a 4xx response for HTTP requests; or, where the input
 * is merely odd, an answer), the next valid event still succeeds, the execution
 * environment is never replaced and its memory stays bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

	private ManagedRuntimeProcess quote;

	private ManagedRuntimeProcess uppercase;

	private ManagedRuntimeProcess http;

	private long quotePid;

	private long httpPid;

	private long uppercasePid;

	private final List<String> errorTypes = new ArrayList<>();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Return the function to run: here, in the example zip under the AWS runtime
	 * interface client.
	 * @param definition the function definition
	 * @return the function
	 */
	FunctionPackage function(String definition) {
		return ExamplePackage.function(definition);
	}

	@BeforeAll
	void startFunctions() {
		this.quote = new ManagedRuntimeProcess(function("quote")).start();
		this.uppercase = new ManagedRuntimeProcess(function("uppercase")).start();
		this.http = new ManagedRuntimeProcess(function("httpRouter")).start();
		this.quotePid = startedPid(this.quote);
		this.uppercasePid = startedPid(this.uppercase);
		this.httpPid = startedPid(this.http);
	}

	@AfterAll
	void stopFunctions() {
		try {
			// One environment served every case: no event crashed the runtime or made
			// Lambda replace it.
			assertThat(this.quote.pid()).as(this.quote.output()).contains(this.quotePid);
			assertThat(this.uppercase.pid()).as(this.uppercase.output()).contains(this.uppercasePid);
			assertThat(this.http.pid()).as(this.http.output()).contains(this.httpPid);
			long quotePeak = RuntimeMemory.peakResidentKb(this.quotePid);
			long uppercasePeak = RuntimeMemory.peakResidentKb(this.uppercasePid);
			long httpPeak = RuntimeMemory.peakResidentKb(this.httpPid);
			Figures.record(getClass().getSimpleName(),
					HostileEvents.forObjectInput().size() + " object cases, " + HostileEvents.forTextInput().size()
							+ " text cases, " + HostileEvents.forHttp().size() + " HTTP cases; peak RSS quote "
							+ quotePeak / 1024 + " MB, uppercase " + uppercasePeak / 1024 + " MB, httpRouter "
							+ httpPeak / 1024 + " MB (memory size 512 MB); error types "
							+ this.errorTypes.stream().distinct().sorted().toList());
			// Every error is a deliberate one: the event's (unreadable), the function's
			// (a rule it checks) or Lambda's response limit; none is an accident such as
			// a NullPointerException.
			assertThat(this.errorTypes).containsOnly(InvalidEventException.class.getName(),
					IllegalArgumentException.class.getName(), "Function.ResponseSizeTooLarge");
			// Lambda stops a function whose memory exceeds its memory size.
			assertThat(quotePeak).isLessThan(512 * 1024);
			assertThat(uppercasePeak).isLessThan(512 * 1024);
			assertThat(httpPeak).isLessThan(512 * 1024);
		}
		finally {
			this.quote.close();
			this.uppercase.close();
			this.http.close();
		}
	}

	@TestFactory
	Stream<DynamicTest> objectInput() {
		return HostileEvents.forObjectInput()
			.stream()
			.map((hostile) -> DynamicTest.dynamicTest(hostile.toString(), () -> survives(this.quote, hostile,
					HostileEvents.VALID_QUOTE, (next) -> next.contains("\"total\":37.50"))));
	}

	@TestFactory
	Stream<DynamicTest> textInput() {
		return HostileEvents.forTextInput()
			.stream()
			.map((hostile) -> DynamicTest.dynamicTest(hostile.toString(),
					() -> survives(this.uppercase, hostile, "\"still here\"", (next) -> next.equals("STILL HERE"))));
	}

	@TestFactory
	Stream<DynamicTest> httpRequests() {
		return HostileEvents.forHttp().stream().map((hostile) -> DynamicTest.dynamicTest(hostile.toString(), () -> {
			HttpEvent source = HttpEvent.valueOf(hostile.name().substring(0, hostile.name().indexOf(' ')));
			survives(this.http, hostile, HostileEvents.validQuoteRequest(source),
					(next) -> statusCode(next) == 200 && next.contains("37.50"));
		}));
	}

	private static int statusCode(String response) {
		return JSON.readTree(response).get("statusCode").asInt();
	}

	private void survives(ManagedRuntimeProcess function, Case hostile, String valid, Predicate<String> validAnswer) {
		survives(function, hostile, valid.getBytes(StandardCharsets.UTF_8), validAnswer);
	}

	private void survives(ManagedRuntimeProcess function, Case hostile, byte[] valid, Predicate<String> validAnswer) {
		InvocationResult result = function.invoke(hostile.event());
		String described = hostile + " answered " + abbreviate(result.toString(), 600);
		if (result.isFunctionError()) {
			synchronized (this.errorTypes) {
				this.errorTypes.add(result.errorType());
			}
		}
		Figures.detail(getClass().getSimpleName(),
				hostile + " | " + hostile.expect() + " | "
						+ (result.isFunctionError() ? result.errorType() + ": " + abbreviate(result.errorMessage(), 200)
								: "answered " + abbreviate(result.payloadAsString(), 200)));
		switch (hostile.expect()) {
			case SUCCESS -> assertThat(result.isFunctionError()).as(described).isFalse();
			case INVALID_EVENT -> {
				assertThat(ExamplePackage.isClearError(result)).as(described).isTrue();
				assertThat(result.errorType()).as(described).isEqualTo(InvalidEventException.class.getName());
				assertThat(result.errorMessage()).as(described).startsWith("Could not read the event as ");
			}
			case ERROR -> assertThat(ExamplePackage.isClearError(result)).as(described).isTrue();
			case ANSWERED ->
				assertThat(!result.isFunctionError() || ExamplePackage.isClearError(result)).as(described).isTrue();
			case CLIENT_ERROR -> {
				assertThat(result.isFunctionError()).as(described).isFalse();
				assertThat(statusCode(result.payloadAsString())).as(described).isBetween(400, 499);
			}
			case HTTP_SUCCESS -> {
				assertThat(result.isFunctionError()).as(described).isFalse();
				assertThat(statusCode(result.payloadAsString())).as(described).isBetween(200, 299);
			}
		}
		InvocationResult next = function.invoke(valid);
		assertThat(next.isFunctionError())
			.as("valid event after " + described + ": " + abbreviate(next.toString(), 600))
			.isFalse();
		assertThat(validAnswer).accepts(next.payloadAsString());
	}

	private static long startedPid(ManagedRuntimeProcess function) {
		assertThat(function.initError()).as(function.output()).isEmpty();
		return function.pid().orElseThrow();
	}

	private static String abbreviate(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length) + "... (" + text.length() + " chars)";
	}

}
