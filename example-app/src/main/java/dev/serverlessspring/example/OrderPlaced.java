package dev.serverlessspring.example;

/**
 * An order as the shop front publishes it: to an SQS queue, and to the orders stream.
 *
 * @param orderId the order's id
 * @param sku the product's stock-keeping unit
 * @param quantity how many
 */
public record OrderPlaced(String orderId, String sku, int quantity) {
}
