package dev.serverlessspring.example;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.logs.EmbeddedMetricFormat;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the packaged example writes to CloudWatch under the AWS runtime interface client,
 * with Lambda's advanced logging controls set to JSON and to text, event logging and
 * metrics on. The zip starts from Spring AOT's generated code (the default), so this also
 * proves that those switches, environment variables of the function, are read at run time
 * and not frozen at build time.
 */
class CloudWatchLogsIT {

	private static final String TRACE_HEADER = "Root=1-67a0b1c2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";

	private static final String EVENT = "{\"sku\":\"BOOK-1\",\"quantity\":3,\"authorization\":\"Bearer s3cr3t-jwt\"}";

	private static final String UNKNOWN_SKU = "{\"sku\":\"NOPE-0\",\"quantity\":1}";

	private static final FunctionPackage QUOTE = PackagedFunctionsIT.function("quote")
		.environment("SERVERLESS_SPRING_LOGGING_EVENTS_ENABLED", "true");

	// Prices each order of an SQS batch and logs it; records 3, 6 and 9 fail, each logged
	// with its stack trace.
	private static final FunctionPackage ORDER_PLACED = PackagedFunctionsIT.function("orderPlaced");

	@Test
	void jsonLogLinesCarryTheInvocationsIdentityAndMetricsFollowTheEmbeddedMetricFormat() {
		FunctionPackage function = QUOTE.environment("AWS_LAMBDA_LOG_FORMAT", "JSON")
			.environment("AWS_LAMBDA_LOG_LEVEL", "INFO")
			.environment("SERVERLESS_SPRING_METRICS_ENABLED", "true");
		String output;
		try (ManagedRuntimeProcess quote = new ManagedRuntimeProcess(function)) {
			assertThat(invoke(quote, function, "req-1", EVENT).isFunctionError()).as(quote.output()).isFalse();
			assertThat(invoke(quote, function, "req-2", EVENT).isFunctionError()).as(quote.output()).isFalse();
			assertThat(invoke(quote, function, "req-3", UNKNOWN_SKU).isFunctionError()).as(quote.output()).isTrue();
			output = quote.output();
		}
		List<JsonNode> lines = functionLines(output);
		assertThat(lines).as(output).allSatisfy((line) -> assertThat(line.isObject()).isTrue());

		List<JsonNode> events = lines.stream()
			.filter((line) -> line.path("message").asString("").startsWith("Event: "))
			.toList();
		assertThat(events).as(output).hasSize(3);
		JsonNode first = events.get(0);
		assertThat(first.get("level").asString()).isEqualTo("INFO");
		assertThat(Instant.parse(first.get("timestamp").asString())).isBefore(Instant.now());
		assertThat(first.get("AWSRequestId").asString()).isEqualTo("req-1");
		assertThat(first.get("functionName").asString()).isEqualTo("quote");
		assertThat(first.get("functionVersion").asString()).isEqualTo("$LATEST");
		assertThat(first.get("xrayTraceId").asString()).isEqualTo("1-67a0b1c2-0123456789abcdef01234567");
		assertThat(first.get("coldStart").asString()).isEqualTo("true");
		assertThat(first.get("message").asString()).contains("\"authorization\":\"****\"").contains("BOOK-1");
		assertThat(events.get(1).get("AWSRequestId").asString()).isEqualTo("req-2");
		assertThat(events.get(1).get("coldStart").asString()).isEqualTo("false");
		assertThat(output).doesNotContain("s3cr3t-jwt");

		List<JsonNode> metrics = lines.stream().filter(EmbeddedMetricFormat::isDocument).toList();
		assertThat(metrics).as(output).hasSize(3);
		metrics.forEach(
				(document) -> assertThat(EmbeddedMetricFormat.violations(document)).as(document.toString()).isEmpty());
		assertThat(metrics).extracting((document) -> document.get("FunctionName").asString()).containsOnly("quote");
		assertThat(metrics).extracting((document) -> document.get("AWSRequestId").asString())
			.containsExactly("req-1", "req-2", "req-3");
		assertThat(metrics).extracting((document) -> document.get("ColdStarts").asInt()).containsExactly(1, 0, 0);
		assertThat(metrics).extracting((document) -> document.get("Errors").asInt()).containsExactly(0, 0, 1);
	}

	@Test
	void textLogLinesCarryTheRequestId() {
		String output;
		try (ManagedRuntimeProcess quote = new ManagedRuntimeProcess(QUOTE)) {
			assertThat(invoke(quote, QUOTE, "req-4", EVENT).isFunctionError()).as(quote.output()).isFalse();
			output = quote.output();
		}
		List<String> events = Arrays.stream(output.split("\n")).filter((line) -> line.contains("Event: ")).toList();
		assertThat(events).as(output).hasSize(1);
		assertThat(events.get(0)).contains(" req-4 ").contains(" INFO ").doesNotStartWith("{");
		assertThat(output).doesNotContain("s3cr3t-jwt").doesNotContain("\"_aws\"");
	}

	@Test
	void theFunctionsOwnJsonLogLinesCarryTheInvocationAndStackTracesStayInThem() {
		FunctionPackage function = ORDER_PLACED.environment("AWS_LAMBDA_LOG_FORMAT", "JSON");
		String output;
		try (ManagedRuntimeProcess orders = new ManagedRuntimeProcess(function)) {
			InvocationResult result = invoke(orders, function, "req-5",
					OrderEventFunctionsTests.fixture("events/sqs-orders-batch.json"));
			assertThat(result.isFunctionError()).as(orders.output()).isFalse();
			output = orders.output();
		}
		List<JsonNode> lines = functionLines(output);
		JsonNode accepted = lines.stream()
			.filter((line) -> line.path("message").asString("").startsWith("Order order-1 accepted"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(output));
		assertThat(accepted.get("logger").asString()).isEqualTo(OrderEventFunctions.class.getName());
		assertThat(accepted.get("AWSRequestId").asString()).isEqualTo("req-5");
		assertThat(accepted.get("functionName").asString()).isEqualTo("orderPlaced");
		assertThat(accepted.get("xrayTraceId").asString()).isEqualTo("1-67a0b1c2-0123456789abcdef01234567");
		List<JsonNode> failures = lines.stream().filter((line) -> line.has("stackTrace")).toList();
		assertThat(failures).as(output).hasSize(2).allSatisfy((failure) -> {
			assertThat(failure.get("level").asString()).isEqualTo("WARN");
			assertThat(failure.get("AWSRequestId").asString()).isEqualTo("req-5");
			assertThat(failure.get("errorType").asString()).isEqualTo(IllegalArgumentException.class.getName());
			assertThat(failure.get("stackTrace").asString()).contains("\tat ");
		});
	}

	@Test
	void textLogLinesFoldStackTracesIntoOneCloudWatchEvent() {
		String output;
		try (ManagedRuntimeProcess orders = new ManagedRuntimeProcess(ORDER_PLACED)) {
			InvocationResult result = invoke(orders, ORDER_PLACED, "req-6",
					OrderEventFunctionsTests.fixture("events/sqs-orders-batch.json"));
			assertThat(result.isFunctionError()).as(orders.output()).isFalse();
			output = orders.output();
		}
		// Lambda cuts standard output into events at line feeds only.
		List<String> events = Arrays.asList(output.split("\n"));
		List<String> failures = events.stream().filter((event) -> event.contains("Unknown product DESK-9")).toList();
		assertThat(failures).as(output).hasSize(1);
		assertThat(failures.get(0)).contains(" req-6 ")
			.contains(" WARN ")
			.contains("\rjava.lang.IllegalArgumentException: Unknown product DESK-9\r\tat ");
		assertThat(events).as(output).noneMatch((event) -> event.startsWith("\tat ") || event.startsWith("Caused by"));
	}

	private static InvocationResult invoke(ManagedRuntimeProcess process, FunctionPackage function, String requestId,
			String event) {
		return invoke(process, function, requestId, event.getBytes(StandardCharsets.UTF_8));
	}

	private static InvocationResult invoke(ManagedRuntimeProcess process, FunctionPackage function, String requestId,
			byte[] event) {
		return process.invoke(function.invocation(event).requestId(requestId).traceId(TRACE_HEADER).build());
	}

	// What the function's process wrote: all but Lambda's own START, END and REPORT
	// lines.
	private static List<JsonNode> functionLines(String output) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (!line.isBlank() && !line.startsWith("START RequestId:") && !line.startsWith("END RequestId:")
					&& !line.startsWith("REPORT RequestId:")) {
				lines.add(JsonMapper.shared().readTree(line));
			}
		}
		return lines;
	}

}
