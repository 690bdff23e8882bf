package dev.serverlessspring.test.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.serverlessspring.test.InvocationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A Runtime API server with a maximum concurrency, as for Lambda Managed Instances:
 * several invocations are outstanding at once and each is answered by its request id, in
 * any order.
 */
class ConcurrentRuntimeApiServerTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void invocationsUpToTheMaximumAreOutstandingAndAnsweredInAnyOrder() throws Exception {
		try (RuntimeApiServer server = new RuntimeApiServer(0, 3)) {
			List<CompletableFuture<InvocationResult>> results = new ArrayList<>();
			for (int n = 0; n < 3; n++) {
				results.add(server.invoke(InvocationRequest.builder("\"" + n + "\"").build()));
			}
			assertThatIllegalStateException()
				.isThrownBy(() -> server.invoke(InvocationRequest.builder("\"4\"").build()))
				.withMessageContaining("3 invocations are in progress");
			List<HttpResponse<String>> next = new ArrayList<>();
			for (int n = 0; n < 3; n++) {
				next.add(get(server, "/2018-06-01/runtime/invocation/next"));
			}
			// Answer in reverse order: each result still gets its own answer.
			for (int n = 2; n >= 0; n--) {
				String requestId = next.get(n).headers().firstValue(RuntimeApiServer.REQUEST_ID_HEADER).orElseThrow();
				HttpResponse<String> posted = post(server, "/2018-06-01/runtime/invocation/" + requestId + "/response",
						"answer to " + next.get(n).body());
				assertThat(posted.statusCode()).isEqualTo(202);
			}
			for (CompletableFuture<InvocationResult> result : results) {
				InvocationResult answered = result.get();
				assertThat(answered.isFunctionError()).isFalse();
			}
			assertThat(results.stream().map((result) -> result.join().payloadAsString()))
				.containsExactly("answer to \"0\"", "answer to \"1\"", "answer to \"2\"");
			// All answered, so there is room again.
			assertThat(server.invoke(InvocationRequest.builder("\"4\"").build())).isNotNull();
		}
	}

	@Test
	void theMaximumIsAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RuntimeApiServer(0, 0));
	}

	private HttpResponse<String> get(RuntimeApiServer server, String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://" + server.address() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(RuntimeApiServer server, String path, String body)
			throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://" + server.address() + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
