package dev.serverlessspring.example;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The orders placed, kept in the DynamoDB table that {@code serverless.yml} declares
 * ({@code OrdersTable}) and names in the {@code ORDERS_TABLE} variable, through a
 * {@code DynamoDbClient} built as any application builds one
 * ({@code DynamoDbClient.create()}): serverless-spring's Lambda defaults for the AWS SDK
 * (region, HTTP client, {@code AWS_ENDPOINT_URL_*}) apply to it without being named here.
 * Items are mapped by hand with the low-level client: the enhanced client's bean
 * introspection would add to every cold start.
 */
@Component
public class OrderBook implements DisposableBean {

	private final PriceList priceList;

	// Built at first use, and not a bean: functions that never read orders do not pay for
	// it, and Spring's start-up does not introspect the client's interface (for
	// @EventListener methods, as it does every bean type's), which alone loads ~160 of
	// its model classes (~80 ms of CPU).
	private volatile DynamoDbClient dynamoDb;

	private final String table;

	/**
	 * Create the order book.
	 * @param priceList the prices
	 * @param table the table's name; blank where the function has no {@code ORDERS_TABLE}
	 * (functions that take no orders run without it)
	 */
	public OrderBook(PriceList priceList, @Value("${ORDERS_TABLE:}") String table) {
		this.priceList = priceList;
		this.table = table;
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
		// Never overwrites an order: a second put of the same id fails instead.
		dynamoDb().putItem((put) -> put.tableName(table())
			.item(Map.of("orderId", AttributeValue.fromS(order.id()), "sku", AttributeValue.fromS(order.sku()),
					"quantity", AttributeValue.fromN(Integer.toString(order.quantity())), "total",
					AttributeValue.fromN(order.total().toPlainString())))
			.conditionExpression("attribute_not_exists(orderId)"));
		return order;
	}

	/**
	 * Find an order.
	 * @param id the order's id
	 * @return the order
	 * @throws OrderNotFoundException when there is none
	 */
	public Order get(String id) {
		if (id == null || id.isBlank()) {
			throw new OrderNotFoundException(id);
		}
		// Strongly consistent: an order is found the moment its creation has answered.
		Map<String, AttributeValue> item = dynamoDb().getItem(
				(get) -> get.tableName(table()).key(Map.of("orderId", AttributeValue.fromS(id))).consistentRead(true))
			.item();
		if (item == null || item.isEmpty()) {
			throw new OrderNotFoundException(id);
		}
		// DynamoDB drops a number's trailing zeros (24.00 comes back as 24); totals are
		// in cents.
		return new Order(item.get("orderId").s(), item.get("sku").s(), Integer.parseInt(item.get("quantity").n()),
				new BigDecimal(item.get("total").n()).setScale(2));
	}

	/**
	 * Return an order's receipt, as a document a client downloads.
	 * @param id the order's id
	 * @return the receipt's bytes
	 */
	public byte[] receipt(String id) {
		Order order = get(id);
		return ("Order " + order.id() + "\n" + order.quantity() + " x " + order.sku() + "\nTotal EUR " + order.total()
				+ "\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private String table() {
		if (this.table.isBlank()) {
			throw new IllegalStateException(
					"ORDERS_TABLE is not set: serverless.yml gives the orders function the name "
							+ "of its OrdersTable (ORDERS_TABLE: !Ref OrdersTable)");
		}
		return this.table;
	}

	private DynamoDbClient dynamoDb() {
		DynamoDbClient client = this.dynamoDb;
		if (client == null) {
			synchronized (this) {
				client = this.dynamoDb;
				if (client == null) {
					client = DynamoDbClient.create();
					this.dynamoDb = client;
				}
			}
		}
		return client;
	}

	/**
	 * Close the client, if it was built.
	 */
	@Override
	public void destroy() {
		DynamoDbClient client = this.dynamoDb;
		if (client != null) {
			client.close();
		}
	}

}
