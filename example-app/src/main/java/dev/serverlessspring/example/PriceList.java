package dev.serverlessspring.example;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Unit prices of the products on sale.
 */
@Component
public class PriceList {

	private final Map<String, BigDecimal> unitPrices = Map.of("BOOK-1", new BigDecimal("12.50"), "MUG-7",
			new BigDecimal("8.00"));

	public Quote quote(QuoteRequest request) {
		// Map.of(...).get(null) throws a NullPointerException: a request without a sku is
		// the caller's error.
		BigDecimal unitPrice = (request.sku() != null) ? this.unitPrices.get(request.sku()) : null;
		if (unitPrice == null) {
			throw new IllegalArgumentException("Unknown product " + request.sku());
		}
		if (request.quantity() < 1) {
			throw new IllegalArgumentException("Quantity must be at least 1");
		}
		return new Quote(request.sku(), request.quantity(), unitPrice.multiply(BigDecimal.valueOf(request.quantity())));
	}

}
