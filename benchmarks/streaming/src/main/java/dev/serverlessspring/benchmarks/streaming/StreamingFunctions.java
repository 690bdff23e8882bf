package dev.serverlessspring.benchmarks.streaming;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.serverlessspring.lambda.http.HttpResponse;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The measured functions, run by serverless-spring's Runtime API loop in a process of
 * their own ({@code MAIN_CLASS}).
 */
@SpringBootApplication
public class StreamingFunctions {

	/** The size of each element of the bulk stream. */
	static final int CHUNK_BYTES = 64 * 1024;

	/**
	 * Server-sent events, one every {@code pace} ms: each carries
	 * {@code System.nanoTime()} at the moment it was produced (CLOCK_MONOTONIC, the same
	 * for every process of the machine). The event is {@code "<count>,<pace ms>"}.
	 * @return the function
	 */
	@Bean
	public Function<String, HttpResponse<Flux<String>>> ticks() {
		return (event) -> {
			String[] parts = event.split(",");
			int count = Integer.parseInt(parts[0].strip());
			Duration pace = Duration.ofMillis(Long.parseLong(parts[1].strip()));
			return HttpResponse.status(200)
				.contentType("text/event-stream")
				.body(Flux.range(0, count).delayElements(pace).map((n) -> Long.toString(System.nanoTime())));
		};
	}

	/**
	 * {@code <megabytes>} or {@code <megabytes>,heap}: that many megabytes in 64 KB
	 * elements as fast as the caller takes them. With {@code heap}, the heap in use after
	 * a full GC is sampled every 25 MB and the samples (MB) end the stream, as a last
	 * line {@code heap-after-gc-mb: ...}.
	 * @return the function
	 */
	@Bean
	public Function<String, HttpResponse<Flux<byte[]>>> bulk() {
		return (event) -> {
			String[] parts = event.split(",");
			int megabytes = Integer.parseInt(parts[0].strip());
			boolean heap = parts.length > 1 && parts[1].strip().equals("heap");
			int chunks = megabytes * 1024 * 1024 / CHUNK_BYTES;
			int sampleEvery = 25 * 1024 * 1024 / CHUNK_BYTES;
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			List<String> samples = new ArrayList<>();
			Flux<byte[]> data = Flux.range(0, chunks).map((n) -> {
				if (heap && n % sampleEvery == 0) {
					samples.add(sample(memory));
				}
				return new byte[CHUNK_BYTES];
			});
			Flux<byte[]> tail = Flux.defer(() -> {
				if (!heap) {
					return Flux.empty();
				}
				samples.add(sample(memory));
				return Flux
					.just(("\nheap-after-gc-mb: " + String.join(" ", samples) + "\n").getBytes(StandardCharsets.UTF_8));
			});
			return HttpResponse.status(200).contentType("application/octet-stream").body(data.concatWith(tail));
		};
	}

	private static String sample(MemoryMXBean memory) {
		System.gc();
		return String.format(Locale.ROOT, "%.1f", memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0));
	}

}
