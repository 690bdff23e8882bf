package dev.serverlessspring.benchmarks.http;

import java.util.function.Function;

import dev.serverlessspring.benchmarks.http.Orders.CreateOrder;
import dev.serverlessspring.benchmarks.http.Orders.Order;
import dev.serverlessspring.lambda.http.HttpResponse;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The same endpoint as {@link PlainHttpHandler}, written as serverless-spring functions.
 */
@SpringBootApplication
public class BenchmarkApplication {

	private final Orders orders = new Orders();

	/**
	 * A plain function: the body is its input, its {@link HttpResponse} the proxy
	 * response.
	 * @return the function
	 */
	@Bean
	public Function<CreateOrder, HttpResponse<Order>> createOrder() {
		return (request) -> {
			Order order = this.orders.place(request);
			return HttpResponse.created("/orders/" + order.id(), order);
		};
	}

	/**
	 * A function that takes a {@code Message}, so it also receives every request header
	 * of {@code HttpMessageHeaders} (claims, cookies, query and path parameters).
	 * @return the function
	 */
	@Bean
	public Function<Message<CreateOrder>, HttpResponse<Order>> createOrderMessage() {
		return (message) -> {
			Order order = this.orders.place(message.getPayload());
			return HttpResponse.created("/orders/" + order.id(), order);
		};
	}

}
