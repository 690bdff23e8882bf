package dev.serverlessspring.test.streaming;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.serverlessspring.lambda.http.HttpResponse;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Streaming functions for the local Lambda's streaming tests. Each waits, before its last
 * element, until the test has seen the first one: a response that was not streamed would
 * never arrive.
 */
@SpringBootApplication
public class StreamingApplication {

	/** Opened by a test once it has received the first element. */
	public static volatile CountDownLatch firstReceived = new CountDownLatch(0);

	/**
	 * When each function produced its elements (System.nanoTime), for the order of
	 * events.
	 */
	public static volatile long lastProducedAt;

	@Bean
	public Function<String, Flux<String>> ticker() {
		return (name) -> Flux.range(1, 3).map((n) -> {
			if (n == 3) {
				await(firstReceived);
				lastProducedAt = System.nanoTime();
			}
			return name + " " + n + "\n";
		});
	}

	@Bean
	public Function<String, Flux<String>> brokenFeed() {
		return (name) -> Flux.concat(Flux.just("first\n"),
				Flux.error(new IllegalStateException("the feed broke after one item")));
	}

	@Bean
	public Function<String, Flux<String>> noFeed() {
		return (name) -> Flux.error(new IllegalStateException("no feed today"));
	}

	@Bean
	public Function<String, HttpResponse<Flux<String>>> events() {
		return (request) -> HttpResponse.status(200)
			.contentType("text/event-stream")
			.header("Cache-Control", "no-cache")
			.body(Flux.range(1, 3).map((n) -> {
				if (n == 3) {
					await(firstReceived);
					lastProducedAt = System.nanoTime();
				}
				return "tick " + n;
			}));
	}

	/** Ticks until the caller goes away; then the next invocation must be served. */
	@Bean
	public Function<String, Flux<String>> endless() {
		// A clock does not wait for the caller: it needs a backpressure strategy
		// (docs/streaming.md).
		return (name) -> Flux.interval(Duration.ofMillis(5)).onBackpressureLatest().map((n) -> "tick " + n + "\n");
	}

	@Bean
	public Function<String, String> uppercase() {
		return String::toUpperCase;
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The first element was not received within 10 seconds");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
