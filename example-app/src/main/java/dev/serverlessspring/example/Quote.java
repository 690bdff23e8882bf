package dev.serverlessspring.example;

import java.math.BigDecimal;

/**
 * The price of a {@link QuoteRequest}.
 *
 * @param sku the product's stock-keeping unit
 * @param quantity how many
 * @param total the total price in euros
 */
public record Quote(String sku, int quantity, BigDecimal total) {
}
