package dev.serverlessspring.test.streaming;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import dev.serverlessspring.test.cli.LocalLambdaCli;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Function URLs of {@code url:} in {@code serverless.yml}, read with the JDK's
 * {@link HttpClient}: a {@code RESPONSE_STREAM} URL sends each server-sent event as the
 * function produces it.
 */
@LocalLambdaTest(config = "src/test/resources/streaming/serverless.yml", mainClass = StreamingApplication.class)
class FunctionUrlStreamingTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@AfterEach
	void reset() {
		StreamingApplication.firstReceived = new CountDownLatch(0);
	}

	@Test
	void getsTheFirstServerSentEventBeforeTheLastIsProduced(LocalLambda lambda) throws Exception {
		StreamingApplication.firstReceived = new CountDownLatch(1);
		URI url = lambda.functionUrls().get("events");
		HttpResponse<Stream<String>> response = this.client.send(
				HttpRequest.newBuilder(url.resolve("/feed")).header("Accept", "text/event-stream").build(),
				HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
		List<String> lines = new ArrayList<>();
		long firstReceivedAt = 0;
		try (Stream<String> body = response.body()) {
			Iterator<String> iterator = body.iterator();
			while (iterator.hasNext()) {
				String line = iterator.next();
				lines.add(line);
				if (firstReceivedAt == 0 && line.equals("data: tick 1")) {
					firstReceivedAt = System.nanoTime();
					StreamingApplication.firstReceived.countDown();
				}
			}
		}
		assertThat(lines).containsExactly("data: tick 1", "", "data: tick 2", "", "data: tick 3", "");
		assertThat(firstReceivedAt).isPositive().isLessThan(StreamingApplication.lastProducedAt);
	}

	// The error comes before anything was sent: the HTTP adapter answers it as any other,
	// with a problem.
	@Test
	void aStreamThatFailsBeforeItsFirstElementIsAProblemResponse(LocalLambda lambda) throws Exception {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(lambda.functionUrls().get("noFeed")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	// Status and headers are sent: the body ends where the function failed.
	@Test
	void aStreamThatFailsMidwayEndsWhereItFailed(LocalLambda lambda) throws Exception {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(lambda.functionUrls().get("brokenFeed")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("first\n");
	}

	// An environment serves one invocation at a time: the second request is served only
	// once the first stream has ended, long before the function's timeout (120 s) would
	// end it.
	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aClientThatGoesAwayEndsTheStreamAndTheFunctionServesTheNextRequest(LocalLambda lambda) throws Exception {
		URI url = lambda.functionUrls().get("endless");
		for (int request = 0; request < 2; request++) {
			// A plain socket, closed once the first event is in: the client is gone, not
			// just done reading.
			try (Socket socket = new Socket(url.getHost(), url.getPort())) {
				socket.getOutputStream()
					.write(("GET / HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
				String line;
				do {
					line = in.readLine();
				}
				while (line != null && !line.equals("tick 0"));
				assertThat(line).isEqualTo("tick 0");
			}
		}
	}

	@Test
	void aBufferedUrlAnswersWithTheWholeResponse(LocalLambda lambda) throws Exception {
		URI url = lambda.functionUrls().get("uppercase");
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(url)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("HELLO");
	}

	@Test
	void aFunctionWithoutHttpResponseStreamsItsElementsAsText(LocalLambda lambda) throws Exception {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(lambda.functionUrls().get("ticker"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("tock"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isEqualTo("tock 1\ntock 2\ntock 3\n");
	}

	@Test
	void theBannerPrintsEachFunctionUrl(LocalLambda lambda) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		LocalLambdaCli.printBanner(lambda, new PrintStream(out, true, StandardCharsets.UTF_8));
		assertThat(out.toString(StandardCharsets.UTF_8))
			.contains("Function URL: " + lambda.functionUrls().get("events") + " -> events (RESPONSE_STREAM)")
			.contains("Function URL: " + lambda.functionUrls().get("uppercase") + " -> uppercase\n")
			.contains("curl -N " + lambda.functionUrls().get("ticker"));
	}

}
