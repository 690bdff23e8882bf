package dev.serverlessspring.lambda.batch;

import org.jspecify.annotations.Nullable;

/**
 * A batch cannot be answered with a partial failure response, so the whole invocation
 * fails and Lambda retries the batch. The message names the record's source, never its
 * content.
 */
public class RecordProcessingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public RecordProcessingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
