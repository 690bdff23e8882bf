package dev.serverlessspring.example;

import java.time.Duration;
import java.util.function.Function;

import dev.serverlessspring.lambda.http.HttpResponse;
import reactor.core.publisher.Flux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A streaming function: the quote feed sends one server-sent event per quote as it is
 * computed, through a Function URL with {@code invokeMode: RESPONSE_STREAM}
 * (docs/streaming.md). On a custom runtime each event leaves as soon as it is produced;
 * on the managed Java runtime the feed is answered as a whole.
 */
@Configuration(proxyBeanMethods = false)
public class QuoteFeedFunctions {

	private static final int DEFAULT_QUANTITIES = 10;

	private static final String DEFAULT_SKU = "BOOK-1";

	/** The pause between two quotes, so that a reader sees them come. */
	private static final Duration PACE = Duration.ofMillis(100);

	/**
	 * {@code GET ?sku=MUG-7&quantities=5}: quotes for 1 to 5 items, as server-sent events
	 * (by default 10 of BOOK-1). An unknown product fails before the first event: a
	 * problem response, not a broken stream.
	 * @param priceList the prices
	 * @return the function
	 */
	@Bean
	public Function<QuoteFeedRequest, HttpResponse<Flux<Quote>>> quoteFeed(PriceList priceList) {
		return (request) -> {
			int quantities = (request.quantities() != null) ? request.quantities() : DEFAULT_QUANTITIES;
			String sku = (request.sku() != null) ? request.sku() : DEFAULT_SKU;
			// Checked up front: a feed that cannot start fails with a status, not in the
			// middle of the stream.
			priceList.quote(new QuoteRequest(sku, 1));
			return HttpResponse.status(200)
				.contentType("text/event-stream")
				.header("Cache-Control", "no-cache")
				.body(Flux.range(1, Math.max(quantities, 0))
					.delayElements(PACE)
					.map((quantity) -> priceList.quote(new QuoteRequest(sku, quantity))));
		};
	}

}
