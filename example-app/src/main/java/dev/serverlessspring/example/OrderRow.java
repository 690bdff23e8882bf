package dev.serverlessspring.example;

/**
 * An item of the {@code Orders} DynamoDB table, as its stream delivers it.
 *
 * @param orderId the order's id (the partition key)
 * @param sku the product's stock-keeping unit
 * @param quantity how many
 * @param status {@code PLACED}, {@code PAID} or {@code SHIPPED}
 */
public record OrderRow(String orderId, String sku, int quantity, String status) {
}
