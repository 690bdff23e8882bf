package dev.serverlessspring.example;

import java.util.function.Function;

import dev.serverlessspring.lambda.http.HttpResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order API: plain functions that {@code application.properties} routes from one
 * Lambda function ({@code httpRouter}) by method and path.
 */
@Configuration(proxyBeanMethods = false)
public class OrderFunctions {

	/**
	 * {@code POST /orders}: 201 with the order and its {@code Location}; 400 for a body
	 * that is not JSON, has wrongly typed values, or asks for an invalid order.
	 * @param orders the order book
	 * @return the function
	 */
	@Bean
	public Function<CreateOrder, HttpResponse<Order>> createOrder(OrderBook orders) {
		return (request) -> {
			Order order = orders.place(request);
			return HttpResponse.created("/orders/" + order.id(), order);
		};
	}

	/**
	 * {@code GET /orders/{id}}: the order, or 404.
	 * @param orders the order book
	 * @return the function
	 */
	@Bean
	public Function<OrderId, Order> getOrder(OrderBook orders) {
		return (order) -> orders.get(order.id());
	}

	/**
	 * The product of an order, by the order's id: the smallest read of the order table
	 * (one {@code GetItem} by key), which {@code benchmarks/cold-start.sh} measures
	 * against Spring Cloud Function's {@code FunctionInvoker} with the same client.
	 * @param orders the order book
	 * @return the function
	 */
	@Bean
	public Function<String, String> orderSku(OrderBook orders) {
		return (id) -> orders.get(id).sku();
	}

	/**
	 * {@code GET /orders/{id}/receipt}: the receipt as a download (a binary body, sent
	 * base64).
	 * @param orders the order book
	 * @return the function
	 */
	@Bean
	public Function<OrderId, HttpResponse<byte[]>> orderReceipt(OrderBook orders) {
		return (order) -> HttpResponse.status(200)
			.contentType("text/plain;charset=UTF-8")
			.header("Content-Disposition", "attachment; filename=\"receipt.txt\"")
			.body(orders.receipt(order.id()));
	}

}
