package dev.serverlessspring.benchmarks.http;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business logic both handlers share, so the benchmark measures only the mapping.
 */
final class Orders {

	private final AtomicLong ids = new AtomicLong();

	Order place(CreateOrder request) {
		if (request.quantity() < 1) {
			throw new IllegalArgumentException("quantity must be at least 1");
		}
		return new Order(Long.toString(this.ids.incrementAndGet()), request.sku(), request.quantity(),
				new BigDecimal("12.50").multiply(BigDecimal.valueOf(request.quantity())));
	}

	record CreateOrder(String sku, int quantity) {
	}

	record Order(String id, String sku, int quantity, BigDecimal total) {
	}

}
