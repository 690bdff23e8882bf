package dev.serverlessspring.example;

/**
 * The {@code detail} of the warehouse's {@code Order Shipped} EventBridge event.
 *
 * @param orderId the order shipped
 * @param carrier the carrier
 * @param trackingNumber the carrier's tracking number
 */
public record OrderShipped(String orderId, String carrier, String trackingNumber) {
}
