package dev.serverlessspring.lambda.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.serverlessspring.lambda.invoke.InvalidEventException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The HTTP request an API Gateway, ALB or Function URL event carries, read once from the
 * event's JSON into the parts a function sees.
 */
final class HttpRequest {

	private final HttpEventSource source;

	private final JsonNode event;

	private final @Nullable String method;

	private final @Nullable String path;

	private final @Nullable String routeKey;

	private final MultiValueMap<String, String> headers;

	private final MultiValueMap<String, String> queryParameters;

	private final Map<String, String> pathParameters;

	private byte @Nullable [] body;

	private boolean bodyRead;

	private HttpRequest(HttpEventSource source, JsonNode event) {
		this.source = source;
		this.event = event;
		JsonNode context = event.path("requestContext");
		boolean v2 = source == HttpEventSource.API_GATEWAY_HTTP || source == HttpEventSource.FUNCTION_URL;
		if (v2) {
			this.method = text(context.path("http"), "method");
			this.path = text(event, "rawPath");
			this.routeKey = text(event, "routeKey");
			this.headers = headers(event.get("headers"), null);
			this.queryParameters = queryFromRaw(text(event, "rawQueryString"), event.get("queryStringParameters"));
		}
		else {
			this.method = text(event, "httpMethod");
			this.path = text(event, "path");
			String resource = text(event, "resource");
			this.routeKey = (resource != null && this.method != null) ? this.method + " " + resource : null;
			this.headers = headers(event.get("headers"), event.get("multiValueHeaders"));
			// ALB passes query parameters as the client sent them; API Gateway decodes
			// them.
			this.queryParameters = query(event.get("queryStringParameters"),
					event.get("multiValueQueryStringParameters"), source == HttpEventSource.ALB);
		}
		this.pathParameters = stringMap(event.get("pathParameters"));
	}

	/**
	 * Read the request of an HTTP event.
	 * @param event the event's JSON object
	 * @return the request, or {@code null} when the event is no HTTP request
	 */
	static @Nullable HttpRequest of(JsonNode event) {
		HttpEventSource source = HttpEventSource.of(event);
		return (source != null) ? new HttpRequest(source, event) : null;
	}

	HttpEventSource source() {
		return this.source;
	}

	JsonNode event() {
		return this.event;
	}

	@Nullable String method() {
		return (this.method != null) ? this.method : "GET";
	}

	@Nullable String path() {
		return (this.path != null) ? this.path : "/";
	}

	/**
	 * Return the path without the stage prefix that HTTP API events carry for named
	 * stages, the path routes are written against.
	 * @return the routing path
	 */
	String routingPath() {
		String path = path();
		if (path == null) {
			throw new InvalidEventException("The HTTP event has no path", null);
		}
		String stage = text(this.event.path("requestContext"), "stage");
		if (this.source == HttpEventSource.API_GATEWAY_HTTP && stage != null && !stage.equals("$default")) {
			String prefix = "/" + stage;
			if (path.equals(prefix)) {
				return "/";
			}
			if (path.startsWith(prefix + "/")) {
				return path.substring(prefix.length());
			}
		}
		return path;
	}

	@Nullable String routeKey() {
		return this.routeKey;
	}

	MultiValueMap<String, String> headers() {
		return this.headers;
	}

	Map<String, String> pathParameters() {
		return this.pathParameters;
	}

	MultiValueMap<String, String> queryParameters() {
		return this.queryParameters;
	}

	/**
	 * Whether the ALB sent multi-value headers, and so expects them in the response.
	 * @return {@code true} for an ALB event with {@code multiValueHeaders}
	 */
	boolean usesMultiValueHeaders() {
		JsonNode multi = this.event.get("multiValueHeaders");
		return multi != null && multi.isObject();
	}

	/**
	 * Return the body's bytes, base64-decoded when the event says so.
	 * @return the body, or {@code null} when the request has none
	 * @throws HttpErrorException when a base64 body is not valid base64
	 */
	byte @Nullable [] body() {
		if (!this.bodyRead) {
			this.body = body(this.event);
			this.bodyRead = true;
		}
		return this.body;
	}

	@Nullable String contentType() {
		return this.headers.getFirst("Content-Type");
	}

	Map<String, String> cookies() {
		Map<String, String> cookies = new LinkedHashMap<>();
		JsonNode array = this.event.get("cookies");
		if (array != null && array.isArray()) {
			for (JsonNode cookie : array) {
				addCookie(cookies, cookie.asString());
			}
		}
		List<String> headerValues = this.headers.get("Cookie");
		if (headerValues != null) {
			for (String header : headerValues) {
				for (String cookie : header.split(";")) {
					addCookie(cookies, cookie);
				}
			}
		}
		return cookies;
	}

	/**
	 * Return the path and query parameters as one JSON object, the input of a request
	 * that has no body. Path parameters win over query parameters of the same name; a
	 * query parameter given several times becomes an array.
	 * @param objectMapper the mapper that makes the nodes
	 * @param extraPathParameters path parameters found by routing
	 * @return the parameters
	 */
	ObjectNode parameters(ObjectMapper objectMapper, Map<String, String> extraPathParameters) {
		ObjectNode node = objectMapper.createObjectNode();
		this.queryParameters.forEach((name, values) -> {
			if (values.size() == 1) {
				node.put(name, values.get(0));
			}
			else {
				values.forEach(node.putArray(name)::add);
			}
		});
		this.pathParameters.forEach(node::put);
		extraPathParameters.forEach(node::put);
		return node;
	}

	/**
	 * Return the headers a {@code Message}-taking function receives.
	 * @param objectMapper the mapper for the authorizer's claims
	 * @param extraPathParameters path parameters found by routing
	 * @return the headers, named as in {@link HttpMessageHeaders}
	 */
	Map<String, Object> messageHeaders(ObjectMapper objectMapper, Map<String, String> extraPathParameters) {
		Map<String, Object> headers = new HashMap<>(16);
		headers.put(HttpMessageHeaders.EVENT_SOURCE, this.source);
		headers.put(HttpMessageHeaders.EVENT, this.event);
		headers.put(HttpMessageHeaders.METHOD, method());
		headers.put(HttpMessageHeaders.PATH, path());
		if (this.routeKey != null) {
			headers.put(HttpMessageHeaders.ROUTE_KEY, this.routeKey);
		}
		Map<String, String> pathParameters = this.pathParameters;
		if (!extraPathParameters.isEmpty()) {
			pathParameters = new LinkedHashMap<>(extraPathParameters);
			pathParameters.putAll(this.pathParameters);
		}
		headers.put(HttpMessageHeaders.PATH_PARAMETERS, pathParameters);
		headers.put(HttpMessageHeaders.QUERY_PARAMETERS, this.queryParameters);
		headers.put(HttpMessageHeaders.HEADERS, this.headers);
		headers.put(HttpMessageHeaders.COOKIES, cookies());
		JsonNode context = this.event.get("requestContext");
		headers.put(HttpMessageHeaders.REQUEST_CONTEXT, context);
		JsonNode authorizer = context.get("authorizer");
		if (authorizer != null && authorizer.isObject()) {
			headers.put(HttpMessageHeaders.AUTHORIZER, toMap(objectMapper, authorizer));
			JsonNode claims = authorizer.path("jwt").get("claims");
			if (claims == null || !claims.isObject()) {
				claims = authorizer.get("claims");
			}
			if (claims != null && claims.isObject()) {
				headers.put(HttpMessageHeaders.CLAIMS, toMap(objectMapper, claims));
			}
		}
		return headers;
	}

	private static Map<String, Object> toMap(ObjectMapper objectMapper, JsonNode object) {
		return objectMapper.convertValue(object,
				objectMapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
	}

	private static byte @Nullable [] body(JsonNode event) {
		JsonNode body = event.get("body");
		if (body == null || !body.isString() || body.asString().isEmpty()) {
			return null;
		}
		JsonNode encoded = event.get("isBase64Encoded");
		if (encoded != null && encoded.asBoolean()) {
			try {
				return Base64.getDecoder().decode(body.asString());
			}
			catch (IllegalArgumentException ex) {
				throw new HttpErrorException(400, "The request body is marked base64-encoded but is not valid base64",
						ex);
			}
		}
		return body.asString().getBytes(StandardCharsets.UTF_8);
	}

	private static MultiValueMap<String, String> headers(@Nullable JsonNode single, @Nullable JsonNode multi) {
		MultiValueMap<String, String> headers = CollectionUtils.toMultiValueMap(new LinkedCaseInsensitiveMap<>());
		if (multi != null && multi.isObject()) {
			addAll(headers, multi, false);
		}
		else if (single != null && single.isObject()) {
			addAll(headers, single, false);
		}
		return CollectionUtils.unmodifiableMultiValueMap(headers);
	}

	private static MultiValueMap<String, String> query(@Nullable JsonNode single, @Nullable JsonNode multi,
			boolean decode) {
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		if (multi != null && multi.isObject()) {
			addAll(query, multi, decode);
		}
		else if (single != null && single.isObject()) {
			addAll(query, single, decode);
		}
		return CollectionUtils.unmodifiableMultiValueMap(query);
	}

	private static MultiValueMap<String, String> queryFromRaw(@Nullable String raw, @Nullable JsonNode parsed) {
		if (raw == null) {
			// HTTP API events have rawQueryString; anything else falls back to the joined
			// values.
			return query(parsed, null, false);
		}
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			query.add(decode(name), decode(value));
		}
		return CollectionUtils.unmodifiableMultiValueMap(query);
	}

	private static void addAll(MultiValueMap<String, String> target, JsonNode object, boolean decode) {
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			String name = decode ? decode(entry.getKey()) : entry.getKey();
			JsonNode value = entry.getValue();
			if (value.isArray()) {
				for (JsonNode item : value) {
					target.add(name, decode ? decode(item.asString()) : item.asString());
				}
			}
			else if (!value.isNull()) {
				target.add(name, decode ? decode(value.asString()) : value.asString());
			}
		}
	}

	private static Map<String, String> stringMap(@Nullable JsonNode object) {
		if (object == null || !object.isObject() || object.isEmpty()) {
			return Collections.emptyMap();
		}
		Map<String, String> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			map.put(entry.getKey(), entry.getValue().asString());
		}
		return Collections.unmodifiableMap(map);
	}

	private static void addCookie(Map<String, String> cookies, String cookie) {
		String trimmed = cookie.strip();
		int equals = trimmed.indexOf('=');
		if (equals > 0) {
			cookies.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
		}
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A stray '%' is not worth failing the request over: keep the text as sent.
			return value;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
