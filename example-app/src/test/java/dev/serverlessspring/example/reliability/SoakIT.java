package dev.serverlessspring.example.reliability;

import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak through the local Lambda: one execution environment answers many
 * invocations (one in ten an invalid event, so the error path soaks too) while its live
 * heap and resident set are sampled; neither may grow after the warm-up. 10,000
 * invocations in the normal build; {@code -Psoak} runs 100,000
 * ({@code -Dreliability.soak.invocations=N}).
 */
class SoakIT {

	static final int INVOCATIONS = Integer.getInteger("reliability.soak.invocations", 10_000);

	static final int SAMPLES = 10;

	// Allowed growth of the live heap after a full collection, from the end of the
	// warm-up to the end.
	static final long HEAP_SLACK_KB = 2 * 1024;

	// The resident set may still grow a little as the JIT compiles and the heap settles
	// its size.
	static final long RSS_SLACK_KB = 24 * 1024;

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
	void memoryDoesNotGrowAfterTheWarmUp() {
		try (ManagedRuntimeProcess quote = new ManagedRuntimeProcess(function("quote"))) {
			assertThat(quote.initError()).as(quote.output()).isEmpty();
			long pid = quote.pid().orElseThrow();
			int warmUp = Math.max(2_000, INVOCATIONS / 5);
			long started = System.nanoTime();
			invoke(quote, 0, warmUp);
			long warmHeap = RuntimeMemory.liveHeapKb(pid);
			long warmRss = RuntimeMemory.residentKb(pid);
			List<String> samples = new ArrayList<>();
			samples.add(sample(warmUp, warmHeap, warmRss));
			int step = Math.max(1, (INVOCATIONS - warmUp) / SAMPLES);
			long heap = warmHeap;
			long rss = warmRss;
			long maxHeap = warmHeap;
			long maxRss = warmRss;
			for (int done = warmUp; done < INVOCATIONS; done += step) {
				int until = Math.min(INVOCATIONS, done + step);
				invoke(quote, done, until);
				heap = RuntimeMemory.liveHeapKb(pid);
				rss = RuntimeMemory.residentKb(pid);
				maxHeap = Math.max(maxHeap, heap);
				maxRss = Math.max(maxRss, rss);
				samples.add(sample(until, heap, rss));
			}
			long seconds = (System.nanoTime() - started) / 1_000_000_000;
			assertThat(quote.pid()).contains(pid);
			Figures.record(getClass().getSimpleName(),
					INVOCATIONS + " invocations (" + INVOCATIONS / 10 + " invalid) answered in " + seconds
							+ " s; after warm-up (" + warmUp + "): live heap " + warmHeap + " kB -> " + heap
							+ " kB (max " + maxHeap + "), RSS " + warmRss / 1024 + " MB -> " + rss / 1024 + " MB (max "
							+ maxRss / 1024 + " MB); samples " + samples);
			assertThat(heap).as("live heap after the warm-up, samples " + samples)
				.isLessThanOrEqualTo(warmHeap + HEAP_SLACK_KB);
			assertThat(maxRss).as("resident set after the warm-up, samples " + samples)
				.isLessThanOrEqualTo(warmRss + RSS_SLACK_KB);
		}
	}

	private static void invoke(ManagedRuntimeProcess quote, int from, int until) {
		for (int n = from; n < until; n++) {
			if (n % 10 == 9) {
				InvocationResult invalid = quote.invoke("{\"sku\":\"BOOK-1\",\"quantity\":\"n" + n + "\"}");
				assertThat(invalid.isFunctionError()).as(invalid.toString()).isTrue();
				assertThat(invalid.errorType()).isEqualTo("dev.serverlessspring.lambda.invoke.InvalidEventException");
			}
			else {
				int quantity = 1 + n % 1000;
				InvocationResult result = quote.invoke("{\"sku\":\"MUG-7\",\"quantity\":" + quantity + "}");
				assertThat(result.isFunctionError()).as(result.toString()).isFalse();
				assertThat(result.payloadAsString()).contains("\"quantity\":" + quantity + ",");
			}
		}
	}

	private static String sample(int invocations, long heapKb, long rssKb) {
		return invocations + ": " + heapKb + " kB heap, " + rssKb / 1024 + " MB RSS";
	}

}
