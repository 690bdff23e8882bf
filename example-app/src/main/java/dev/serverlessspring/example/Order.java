package dev.serverlessspring.example;

import java.math.BigDecimal;

/**
 * An order that was placed.
 *
 * @param id the order's id
 * @param sku the product's stock-keeping unit
 * @param quantity how many
 * @param total the total price in euros
 */
public record Order(String id, String sku, int quantity, BigDecimal total) {
}
