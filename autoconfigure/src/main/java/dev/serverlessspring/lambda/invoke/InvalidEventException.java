package dev.serverlessspring.lambda.invoke;

import org.jspecify.annotations.Nullable;

/**
 * An event, or part of one, could not be read as the type a function takes. The message
 * names the type and the reason, never the event's content.
 */
public class InvalidEventException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidEventException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
