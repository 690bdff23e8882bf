package dev.serverlessspring.example;

/**
 * A request to order some quantity of a product, the body of {@code POST /orders}.
 *
 * @param sku the product's stock-keeping unit
 * @param quantity how many
 */
public record CreateOrder(String sku, int quantity) {
}
