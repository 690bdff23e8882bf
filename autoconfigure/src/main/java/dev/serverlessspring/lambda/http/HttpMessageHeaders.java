package dev.serverlessspring.lambda.http;

/**
 * Names of the {@code Message} headers through which a function sees the HTTP request
 * behind its input, and through which a function that returns a {@code Message} shapes
 * its HTTP response.
 * <p>
 * A function taking {@code Message<T>} receives the request body converted to {@code T}
 * as the payload, the headers below, and the Lambda headers of
 * {@link dev.serverlessspring.lambda.LambdaHeaders}. Every header name of ours starts
 * with {@code http-} or {@code aws-}, so none of them is mistaken for an HTTP response
 * header when a function copies its input's headers into its result.
 */
public final class HttpMessageHeaders {

	/** The request method, such as {@code GET}, a {@code String}. */
	public static final String METHOD = "http-method";

	/**
	 * The request path, a {@code String}: {@code path} of API Gateway REST and ALB
	 * events, {@code rawPath} of HTTP API and Function URL events.
	 */
	public static final String PATH = "http-path";

	/**
	 * The route that matched, a {@code String} such as {@code GET /orders/{id}}: the
	 * {@code routeKey} of HTTP API events ({@code $default} for Function URLs), the
	 * method and {@code resource} of REST API events; absent for ALB events.
	 */
	public static final String ROUTE_KEY = "http-route-key";

	/**
	 * The path parameters, a {@code Map<String, String>} (empty when there are none). For
	 * ALB and Function URL events, which carry none, they come from the matching route of
	 * {@code serverless.spring.http.routes}.
	 */
	public static final String PATH_PARAMETERS = "http-path-parameters";

	/**
	 * The query parameters, URL-decoded, a {@code MultiValueMap<String, String>}
	 * (Spring's) in request order.
	 */
	public static final String QUERY_PARAMETERS = "http-query-parameters";

	/**
	 * The request headers, a case-insensitive {@code MultiValueMap<String, String>}.
	 */
	public static final String HEADERS = "http-headers";

	/** The request cookies, a {@code Map<String, String>} of name to value. */
	public static final String COOKIES = "http-cookies";

	/**
	 * The event's {@code requestContext} as a Jackson
	 * {@code tools.jackson.databind.JsonNode}.
	 */
	public static final String REQUEST_CONTEXT = "http-request-context";

	/**
	 * What the authorizer established about the caller, a {@code Map<String, Object>}:
	 * the {@code requestContext.authorizer} object (JWT, IAM, Cognito or Lambda
	 * authorizer), absent without an authorizer.
	 */
	public static final String AUTHORIZER = "http-authorizer";

	/**
	 * The caller's JWT claims, a {@code Map<String, Object>}:
	 * {@code authorizer.jwt.claims} of HTTP APIs, {@code authorizer.claims} of REST APIs
	 * with a Cognito authorizer; absent otherwise.
	 */
	public static final String CLAIMS = "http-claims";

	/** Which kind of event carried the request, an {@link HttpEventSource}. */
	public static final String EVENT_SOURCE = "http-event-source";

	/** The whole event as Lambda delivered it, a Jackson {@code JsonNode}. */
	public static final String EVENT = "http-event";

	/**
	 * Response only: the HTTP status a function's {@code Message} result answers with, an
	 * {@code Integer} or a {@code String} of digits (default 200, or 204 without a
	 * payload). Every other header of the result that is not one of ours becomes an HTTP
	 * response header; a {@code Collection} value gives several values (several
	 * {@code Set-Cookie} headers make several cookies), and {@code contentType} is
	 * written as {@code Content-Type}.
	 */
	public static final String STATUS = "http-status";

	private HttpMessageHeaders() {
	}

}
