package dev.serverlessspring.example;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The orders placed, kept in memory: enough for an example, and gone with the execution
 * environment (a real service keeps them in a database such as DynamoDB).
 */
@Component
public class OrderBook {

	private final Map<String, Order> orders = new ConcurrentHashMap<>();

	private final PriceList priceList;

	public OrderBook(PriceList priceList) {
		this.priceList = priceList;
	}

	/**
	 * Place an order, checking it first: plain checks that throw a mapped exception cost
	 * nothing at start-up, unlike a bean validation provider.
	 * @param request the order asked for
	 * @return the order placed
	 * @throws InvalidOrderException when the request is not valid
	 */
	public Order place(CreateOrder request) {
		if (request.sku() == null || request.sku().isBlank()) {
			throw new InvalidOrderException("sku is required");
		}
		if (request.quantity() < 1 || request.quantity() > 100) {
			throw new InvalidOrderException("quantity must be between 1 and 100");
		}
		Quote quote;
		try {
			quote = this.priceList.quote(new QuoteRequest(request.sku(), request.quantity()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOrderException(ex.getMessage());
		}
		Order order = new Order(UUID.randomUUID().toString(), quote.sku(), quote.quantity(), quote.total());
		this.orders.put(order.id(), order);
		return order;
	}

	/**
	 * Find an order.
	 * @param id the order's id
	 * @return the order
	 * @throws OrderNotFoundException when there is none
	 */
	public Order get(String id) {
		Order order = (id != null) ? this.orders.get(id) : null;
		if (order == null) {
			throw new OrderNotFoundException(id);
		}
		return order;
	}

	/**
	 * Return an order's receipt, as a document a client downloads.
	 * @param id the order's id
	 * @return the receipt's bytes
	 */
	public byte[] receipt(String id) {
		Order order = get(id);
		return ("Order " + order.id() + "\n" + order.quantity() + " x " + order.sku() + "\nTotal EUR " + order.total()
				+ "\n").getBytes(StandardCharsets.UTF_8);
	}

}
