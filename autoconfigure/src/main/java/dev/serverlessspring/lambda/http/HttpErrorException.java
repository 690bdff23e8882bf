package dev.serverlessspring.lambda.http;

/**
 * A request that serverless-spring itself refuses before or after the function runs (no
 * route, wrong content type, missing body): the status and a detail fit for the caller.
 */
final class HttpErrorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	HttpErrorException(int status, String detail) {
		this(status, detail, null);
	}

	HttpErrorException(int status, String detail, Throwable cause) {
		super(detail, cause);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
