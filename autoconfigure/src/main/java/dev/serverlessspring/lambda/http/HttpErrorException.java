package dev.serverlessspring.lambda.http;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request that serverless-spring itself refuses before or after the function runs (no
 * route, wrong content type, missing body): the status and a detail fit for the caller.
 */
final class HttpErrorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final transient Map<String, List<String>> headers;

	HttpErrorException(int status, String detail) {
		this(status, detail, null, Map.of());
	}

	HttpErrorException(int status, String detail, @Nullable Throwable cause) {
		this(status, detail, cause, Map.of());
	}

	HttpErrorException(int status, String detail, @Nullable Throwable cause, Map<String, List<String>> headers) {
		super(detail, cause);
		this.status = status;
		this.headers = headers;
	}

	int status() {
		return this.status;
	}

	/**
	 * Return the headers the answer must carry besides the problem's content type, such
	 * as {@code Allow} for a 405.
	 * @return the headers by name
	 */
	Map<String, List<String>> headers() {
		return this.headers;
	}

}
