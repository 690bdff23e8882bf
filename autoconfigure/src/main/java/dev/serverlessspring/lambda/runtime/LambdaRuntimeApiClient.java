package dev.serverlessspring.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

import org.jspecify.annotations.Nullable;

/**
 * A client of the Lambda Runtime API (version 2018-06-01) on the JDK's
 * {@link HttpURLConnection}: it starts faster than {@code java.net.http.HttpClient},
 * which sets up a selector thread and an executor, and it keeps the connection to the
 * Runtime API alive between calls.
 */
public class LambdaRuntimeApiClient {

	static final String REQUEST_ID = "Lambda-Runtime-Aws-Request-Id";

	static final String DEADLINE = "Lambda-Runtime-Deadline-Ms";

	static final String FUNCTION_ARN = "Lambda-Runtime-Invoked-Function-Arn";

	static final String TRACE_ID = "Lambda-Runtime-Trace-Id";

	static final String CLIENT_CONTEXT = "Lambda-Runtime-Client-Context";

	static final String COGNITO_IDENTITY = "Lambda-Runtime-Cognito-Identity";

	static final String TENANT_ID = "Lambda-Runtime-Aws-Tenant-Id";

	static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

	static final String BASE_PATH = "/2018-06-01/runtime/";

	private final String runtimeApi;

	private final String baseUrl;

	/**
	 * Create a client of the Runtime API at the given address.
	 * @param runtimeApi {@code host:port}, as in {@code AWS_LAMBDA_RUNTIME_API}
	 */
	public LambdaRuntimeApiClient(String runtimeApi) {
		if (runtimeApi == null || runtimeApi.isBlank()) {
			throw new IllegalStateException("AWS_LAMBDA_RUNTIME_API is not set: not running in a Lambda environment");
		}
		this.runtimeApi = runtimeApi;
		this.baseUrl = "http://" + runtimeApi + BASE_PATH;
	}

	/**
	 * Wait for the next event ({@code GET invocation/next}, a long poll).
	 * @return the event
	 * @throws LambdaRuntimeApiException if the Runtime API cannot be reached or answers
	 * with an error
	 */
	public InvocationRequest next() {
		HttpURLConnection connection = open("invocation/next", "GET");
		try {
			int status = connection.getResponseCode();
			byte[] payload = readBody(connection);
			if (status != 200) {
				throw new LambdaRuntimeApiException("GET", BASE_PATH + "invocation/next", status, payload);
			}
			String deadline = connection.getHeaderField(DEADLINE);
			return new InvocationRequest(connection.getHeaderField(REQUEST_ID),
					(deadline != null) ? Long.parseLong(deadline) : 0L, connection.getHeaderField(FUNCTION_ARN),
					connection.getHeaderField(TRACE_ID), connection.getHeaderField(CLIENT_CONTEXT),
					connection.getHeaderField(COGNITO_IDENTITY), connection.getHeaderField(TENANT_ID), payload);
		}
		catch (IOException ex) {
			throw new LambdaRuntimeApiException("GET", BASE_PATH + "invocation/next", ex);
		}
	}

	/**
	 * Post an invocation's response ({@code POST invocation/{id}/response}).
	 * @param requestId the invocation's request id
	 * @param response the response bytes, empty for none
	 * @throws LambdaRuntimeApiException if the Runtime API cannot be reached or refuses
	 * the response (413 over 6 MB)
	 */
	public void postResponse(String requestId, byte[] response) {
		post("invocation/" + requestId + "/response", response, null);
	}

	/**
	 * Start a streamed response ({@code POST invocation/{id}/response} in
	 * {@code streaming} mode): nothing is sent before its first byte.
	 * @param requestId the invocation's request id
	 * @return the stream; set its content type, {@link InvocationResponseStream#finish()
	 * finish} it, then close it
	 */
	InvocationResponseStream streamResponse(String requestId) {
		return new InvocationResponseStream(this.runtimeApi, requestId);
	}

	/**
	 * Post an invocation's error ({@code POST invocation/{id}/error}).
	 * @param requestId the invocation's request id
	 * @param error the error
	 * @throws LambdaRuntimeApiException if the Runtime API cannot be reached or refuses
	 * it
	 */
	public void postInvocationError(String requestId, ErrorRequest error) {
		post("invocation/" + requestId + "/error", error.toJson(), error.runtimeErrorType());
	}

	/**
	 * Post an init error ({@code POST init/error}): the runtime exits after it.
	 * @param error the error
	 * @throws LambdaRuntimeApiException if the Runtime API cannot be reached or refuses
	 * it
	 */
	public void postInitError(ErrorRequest error) {
		post("init/error", error.toJson(), error.runtimeErrorType());
	}

	private void post(String path, byte[] body, @Nullable String errorType) {
		HttpURLConnection connection = open(path, "POST");
		// Not streamed: HttpURLConnection then sends the headers and the body in one
		// write. Streamed, they go in two, and without TCP_NODELAY the second waits for
		// the first's ACK.
		connection.setDoOutput(true);
		if (errorType != null) {
			connection.setRequestProperty(ERROR_TYPE, errorType);
		}
		try {
			try (OutputStream out = connection.getOutputStream()) {
				out.write(body);
			}
			int status = connection.getResponseCode();
			byte[] answer = readBody(connection);
			if (status / 100 != 2) {
				throw new LambdaRuntimeApiException("POST", BASE_PATH + path, status, answer);
			}
		}
		catch (IOException ex) {
			throw new LambdaRuntimeApiException("POST", BASE_PATH + path, ex);
		}
	}

	private HttpURLConnection open(String path, String method) {
		try {
			URL url = URI.create(this.baseUrl + path).toURL();
			HttpURLConnection connection = (HttpURLConnection) url.openConnection();
			connection.setRequestMethod(method);
			// invocation/next waits for as long as there is no event.
			connection.setReadTimeout(0);
			return connection;
		}
		catch (IOException ex) {
			throw new LambdaRuntimeApiException(method, BASE_PATH + path, ex);
		}
	}

	// Read to the end, also on errors, so that the connection can be reused.
	private static byte[] readBody(HttpURLConnection connection) throws IOException {
		InputStream in = (connection.getResponseCode() < 400) ? connection.getInputStream()
				: connection.getErrorStream();
		if (in == null) {
			return new byte[0];
		}
		try (in) {
			return in.readAllBytes();
		}
	}

}
