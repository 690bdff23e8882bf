package dev.serverlessspring.example;

import dev.serverlessspring.lambda.http.ResponseStatus;

/**
 * No order has the id asked for; answers 404.
 */
@ResponseStatus(404)
public class OrderNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public OrderNotFoundException(String id) {
		super("No order " + id);
	}

}
