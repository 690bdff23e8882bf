package dev.serverlessspring.example;

import dev.serverlessspring.lambda.http.ResponseStatus;

/**
 * An order that cannot be placed as asked; answers 400 with the message as the problem's
 * detail.
 */
@ResponseStatus(400)
public class InvalidOrderException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidOrderException(String message) {
		super(message);
	}

}
