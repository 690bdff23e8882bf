package dev.serverlessspring.example.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.serverlessspring.lambda.http.HttpEvent;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default configuration nothing of an event, a header value or a secret reaches
 * the logs: marker strings planted in event bodies (valid and invalid), HTTP headers, the
 * client context, the Cognito identity and an environment variable are absent from
 * everything the runtime wrote, through successes, function errors, unreadable events and
 * 4xx responses. (An application's own exception messages are its own: the runtime logs a
 * failed invocation, or an HTTP 5xx, with its exception, as Lambda's runtime does.)
 */
class LogSecrecyIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> markers = new ArrayList<>();

	/**
	 * Return the function to run: here, in the example zip under the AWS runtime
	 * interface client.
	 * @param definition the function definition
	 * @return the function
	 */
	FunctionPackage function(String definition) {
		return ExamplePackage.function(definition);
	}

	@Test
	void noPayloadHeaderValueOrSecretIsLogged() {
		String secret = marker("secret");
		check(function("quote").environment("ORDER_API_KEY", secret), (quote, function) -> {
			answer(quote, function, "{\"sku\":\"BOOK-1\",\"quantity\":3,\"note\":\"" + marker("body") + "\"}", false);
			answer(quote, function, "{\"sku\":\"BOOK-1\",\"quantity\":" + marker("unreadable") + "}", true);
			answer(quote, function, "{\"sku\":\"BOOK-1\",\"quantity\":\"" + marker("mistyped") + "\"}", true);
			answer(quote, function, "{\"sku\":\"BOOK-1\",\"quantity\":0,\"note\":\"" + marker("failing") + "\"}", true);
			InvocationResult withIdentity = quote
				.invoke(function.invocation(("{\"sku\":\"MUG-7\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8))
					.clientContext("{\"custom\":{\"token\":\"" + marker("client-context") + "\"}}")
					.cognitoIdentity("{\"cognitoIdentityId\":\"" + marker("cognito") + "\"}")
					.build());
			assertThat(withIdentity.isFunctionError()).as(withIdentity.toString()).isFalse();
		});
		check(function("httpRouter").environment("ORDER_API_KEY", secret), (http, function) -> {
			for (HttpEvent source : List.of(HttpEvent.REST_API, HttpEvent.HTTP_API, HttpEvent.ALB)) {
				answer(http, function, withAuthorization(source, "/quotes",
						"{\"sku\":\"BOOK-1\",\"quantity\":3,\"note\":\"" + marker("http-body") + "\"}"), false);
				// A 4xx from the application's exception (order not found) is logged by
				// its type, not its message; the request path is logged as an access log
				// would (docs/reliability.md), so no marker goes there.
				answer(http, function,
						withAuthorization(source, "/orders",
								"{\"sku\":\"MUG-7\",\"quantity\":0,\"note\":\"" + marker("invalid-order") + "\"}"),
						false);
				answer(http, function,
						withAuthorization(source, "/quotes", "{\"sku\":" + marker("http-unreadable") + "}"), false);
			}
		});
		Figures.record(getClass().getSimpleName(),
				this.markers.size() + " marker strings (bodies, headers, client context, "
						+ "Cognito identity, environment) in 0 log lines");
	}

	private void check(FunctionPackage function, Exercise exercise) {
		try (ManagedRuntimeProcess process = new ManagedRuntimeProcess(function)) {
			assertThat(process.initError()).as(process.output()).isEmpty();
			exercise.run(process, function);
			String output = process.output();
			assertThat(output).as("the runtime's output").contains("START RequestId:");
			for (String marker : this.markers) {
				assertThat(output).as("the runtime's output").doesNotContain(marker);
			}
		}
	}

	private static void answer(ManagedRuntimeProcess process, FunctionPackage function, String event, boolean error) {
		InvocationResult result = process.invoke(event);
		assertThat(result.isFunctionError()).as(result.toString()).isEqualTo(error);
	}

	private String withAuthorization(HttpEvent source, String path, String body) {
		ObjectNode event = (ObjectNode) JSON.readTree(source.request("POST", path, path, body));
		String token = "Bearer " + marker("authorization");
		((ObjectNode) event.get("headers")).put("Authorization", token);
		if (event.get("multiValueHeaders") instanceof ObjectNode multiValue) {
			multiValue.putArray("Authorization").add(token);
		}
		return JSON.writeValueAsString(event);
	}

	private String marker(String where) {
		String marker = "MARKER-" + where + "-" + UUID.randomUUID().toString().substring(0, 8);
		this.markers.add(marker);
		return marker;
	}

	@FunctionalInterface
	private interface Exercise {

		void run(ManagedRuntimeProcess process, FunctionPackage function);

	}

}
