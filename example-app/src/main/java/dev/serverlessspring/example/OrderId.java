package dev.serverlessspring.example;

/**
 * Names an order; {@code GET /orders/{id}} has no body, so its path parameter fills this.
 *
 * @param id the order's id
 */
public record OrderId(String id) {
}
