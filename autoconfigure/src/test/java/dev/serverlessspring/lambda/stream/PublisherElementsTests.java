package dev.serverlessspring.lambda.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PublisherElementsTests {

	@Test
	void producesNoElementAheadOfTheOneBeingWritten() {
		AtomicInteger produced = new AtomicInteger();
		try (PublisherElements elements = new PublisherElements(
				Flux.range(1, 3).doOnNext((n) -> produced.incrementAndGet()))) {
			assertThat(elements.next()).isEqualTo(1);
			assertThat(produced).hasValue(1);
			assertThat(elements.next()).isEqualTo(2);
			assertThat(produced).hasValue(2);
			assertThat(elements.next()).isEqualTo(3);
			assertThat(elements.next()).isNull();
		}
	}

	@Test
	void aClockFindsDemandForItsFirstTick() {
		try (PublisherElements elements = new PublisherElements(Flux.interval(Duration.ofMillis(1)).take(1))) {
			// Demand was there before the first tick, however late the first next()
			// comes.
			sleep(20);
			assertThat(elements.next()).isEqualTo(0L);
		}
	}

	@Test
	void closingCancelsTheSource() {
		AtomicInteger cancelled = new AtomicInteger();
		PublisherElements elements = new PublisherElements(Flux.range(1, 100).doOnCancel(cancelled::incrementAndGet));
		assertThat(elements.next()).isEqualTo(1);
		elements.close();
		assertThat(cancelled).hasValue(1);
		assertThat(elements.next()).isNull();
	}

	@Test
	void theSourcesErrorIsThrownWhereTheElementWasExpected() {
		try (PublisherElements elements = new PublisherElements(
				Flux.concat(Flux.just("a"), Flux.error(new IllegalStateException("broken"))))) {
			assertThat(elements.next()).isEqualTo("a");
			assertThatIllegalStateException().isThrownBy(elements::next).withMessage("broken");
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
