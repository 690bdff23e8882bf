package dev.serverlessspring.lambda.http;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The kinds of Lambda events that carry an HTTP request. They differ in shape, and the
 * response must have the shape the source expects.
 */
public enum HttpEventSource {

	/** An API Gateway REST API (or HTTP API payload format 1.0) proxy event. */
	API_GATEWAY_REST,

	/** An API Gateway HTTP API event, payload format 2.0. */
	API_GATEWAY_HTTP,

	/** A Lambda Function URL event (payload format 2.0). */
	FUNCTION_URL,

	/** An Application Load Balancer event. */
	ALB;

	private static final String FUNCTION_URL_DOMAIN = ".lambda-url.";

	/**
	 * Recognise an HTTP event by its shape.
	 * @param event the event's JSON object
	 * @return the source, or {@code null} when the event is no HTTP request
	 */
	static @Nullable HttpEventSource of(JsonNode event) {
		JsonNode requestContext = event.get("requestContext");
		if (requestContext == null || !requestContext.isObject()) {
			return null;
		}
		if (event.has("methodArn") || event.has("routeArn")) {
			// A Lambda authorizer's event looks like a request but wants a policy, not a
			// response.
			return null;
		}
		if (requestContext.has("elb") && event.has("httpMethod")) {
			return ALB;
		}
		if ("2.0".equals(text(event, "version")) && requestContext.has("http")) {
			String domain = text(requestContext, "domainName");
			return (domain != null && domain.contains(FUNCTION_URL_DOMAIN)) ? FUNCTION_URL : API_GATEWAY_HTTP;
		}
		if (event.has("httpMethod") && event.has("path")) {
			return API_GATEWAY_REST;
		}
		return null;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
