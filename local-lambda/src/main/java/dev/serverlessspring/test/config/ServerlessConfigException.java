package dev.serverlessspring.test.config;

/**
 * A {@code serverless.yml} that the local Lambda cannot read: a YAML error, a missing or
 * malformed key, or a variable it cannot resolve. The message names the file and the key.
 */
public class ServerlessConfigException extends RuntimeException {

	public ServerlessConfigException(String message) {
		super(message);
	}

	public ServerlessConfigException(String message, Throwable cause) {
		super(message, cause);
	}

}
