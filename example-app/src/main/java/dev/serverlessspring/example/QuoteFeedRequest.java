package dev.serverlessspring.example;

/**
 * What the quote feed is asked for: {@code GET /?sku=BOOK-1&quantities=10} on its
 * Function URL.
 *
 * @param sku the product's stock-keeping unit (default BOOK-1)
 * @param quantities how many quotes, for 1 to this many items (default 10)
 */
public record QuoteFeedRequest(String sku, Integer quantities) {
}
