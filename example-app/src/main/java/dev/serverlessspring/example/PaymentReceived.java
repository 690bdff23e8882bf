package dev.serverlessspring.example;

import java.math.BigDecimal;

/**
 * A payment the payment provider announces on an SNS topic.
 *
 * @param orderId the order paid for
 * @param amount the amount in euros
 */
public record PaymentReceived(String orderId, BigDecimal amount) {
}
