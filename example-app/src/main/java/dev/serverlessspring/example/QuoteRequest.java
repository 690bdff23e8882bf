package dev.serverlessspring.example;

/**
 * A request for the price of some quantity of a product.
 *
 * @param sku the product's stock-keeping unit
 * @param quantity how many
 */
public record QuoteRequest(String sku, int quantity) {
}
