package dev.serverlessspring.test.http;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.jspecify.annotations.Nullable;

/**
 * Builds the events API Gateway sends to a function, with {@code aws-lambda-java-events}'
 * types written by AWS's own serializers: payload format 2.0 for an HTTP API, 1.0 (the
 * {@code APIGatewayProxyRequestEvent}) for a REST API.
 */
final class ApiGatewayEvents {

	static final String ACCOUNT_ID = "012345678912";

	static final String API_ID = "local";

	static final String DOMAIN_NAME = "localhost";

	// API Gateway's request time format, as in 12/Mar/2020:19:03:58 +0000
	private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
			Locale.ENGLISH);

	private static final PojoSerializer<APIGatewayV2HTTPEvent> V2 = LambdaEventSerializers
		.serializerFor(APIGatewayV2HTTPEvent.class, ApiGatewayEvents.class.getClassLoader());

	private static final PojoSerializer<APIGatewayProxyRequestEvent> V1 = LambdaEventSerializers
		.serializerFor(APIGatewayProxyRequestEvent.class, ApiGatewayEvents.class.getClassLoader());

	private ApiGatewayEvents() {
	}

	static byte[] httpApiEvent(Request request, String routeKey, Map<String, String> pathParameters) {
		return v2Event(request, routeKey, pathParameters, API_ID, DOMAIN_NAME);
	}

	/**
	 * The event of a Function URL: payload 2.0, route {@code $default}, and the URL's
	 * domain ({@code <url-id>.lambda-url.<region>.on.aws}), by which functions tell it
	 * from an HTTP API's.
	 * @param request the HTTP request
	 * @param urlId the id in the URL's domain
	 * @param region the region in the URL's domain
	 * @return the event, as JSON
	 */
	static byte[] functionUrlEvent(Request request, String urlId, String region) {
		return v2Event(request, "$default", Map.of(), urlId, urlId + ".lambda-url." + region + ".on.aws");
	}

	private static byte[] v2Event(Request request, String routeKey, Map<String, String> pathParameters, String apiId,
			String domainName) {
		ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
		Map<String, String> headers = new LinkedHashMap<>();
		List<String> cookies = new ArrayList<>();
		request.headers().forEach((name, values) -> {
			if (name.equalsIgnoreCase("cookie")) {
				// Payload 2.0 moves cookies out of the headers, one entry per cookie.
				values.forEach((value) -> cookies.addAll(List.of(value.split(";\\s*"))));
			}
			else {
				// Payload 2.0 lower-cases header names and joins repeated values with
				// commas.
				headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b);
			}
		});
		Map<String, String> query = new LinkedHashMap<>();
		queryParameters(request.rawQuery()).forEach((name, values) -> query.put(name, String.join(",", values)));
		boolean binary = isBinary(request);
		APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
			.withVersion("2.0")
			.withRouteKey(routeKey)
			.withRawPath(request.path())
			.withRawQueryString((request.rawQuery() != null) ? request.rawQuery() : "")
			.withCookies(cookies.isEmpty() ? null : cookies)
			.withHeaders(headers)
			.withQueryStringParameters(query.isEmpty() ? null : query)
			.withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
			.withBody(body(request, binary))
			.withIsBase64Encoded(binary && request.body().length > 0)
			.withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
				.withAccountId(ACCOUNT_ID)
				.withApiId(apiId)
				.withDomainName(domainName)
				.withDomainPrefix(apiId)
				.withRequestId(UUID.randomUUID().toString())
				.withRouteKey(routeKey)
				.withStage("$default")
				.withTime(REQUEST_TIME.format(now))
				.withTimeEpoch(now.toInstant().toEpochMilli())
				.withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
					.withMethod(request.method())
					.withPath(request.path())
					.withProtocol("HTTP/1.1")
					.withSourceIp(request.sourceIp())
					.withUserAgent(request.header("User-Agent"))
					.build())
				.build())
			.build();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		V2.toJson(event, out);
		return out.toByteArray();
	}

	static byte[] restApiEvent(Request request, String resource, String stage, Map<String, String> pathParameters) {
		ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
		Map<String, String> headers = new LinkedHashMap<>();
		Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			// Payload 1.0 keeps names as sent; headers holds the last value,
			// multiValueHeaders all.
			headers.put(name, values.get(values.size() - 1));
			multiValueHeaders.put(name, List.copyOf(values));
		});
		Map<String, List<String>> multiValueQuery = queryParameters(request.rawQuery());
		Map<String, String> query = new LinkedHashMap<>();
		multiValueQuery.forEach((name, values) -> query.put(name, values.get(values.size() - 1)));
		boolean binary = isBinary(request);
		APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withResource(resource)
			.withPath(request.path())
			.withHttpMethod(request.method())
			.withHeaders(headers)
			.withMultiValueHeaders(multiValueHeaders)
			.withQueryStringParameters(query.isEmpty() ? null : query)
			.withMultiValueQueryStringParameters(multiValueQuery.isEmpty() ? null : multiValueQuery)
			.withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
			.withBody(body(request, binary))
			.withIsBase64Encoded(binary && request.body().length > 0)
			.withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withAccountId(ACCOUNT_ID)
				.withApiId(API_ID)
				.withResourceId(API_ID)
				.withStage(stage)
				.withRequestId(UUID.randomUUID().toString())
				.withExtendedRequestId(UUID.randomUUID().toString())
				.withRequestTime(REQUEST_TIME.format(now))
				.withRequestTimeEpoch(now.toInstant().toEpochMilli())
				.withPath("/" + stage + request.path())
				.withResourcePath(resource)
				.withHttpMethod(request.method())
				.withProtocol("HTTP/1.1")
				.withDomainName(DOMAIN_NAME)
				.withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp(request.sourceIp())
					.withUserAgent(request.header("User-Agent"))));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		V1.toJson(event, out);
		return out.toByteArray();
	}

	private static Map<String, List<String>> queryParameters(@Nullable String rawQuery) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static @Nullable String body(Request request, boolean binary) {
		if (request.body().length == 0) {
			return null;
		}
		return binary ? Base64.getEncoder().encodeToString(request.body())
				: new String(request.body(), StandardCharsets.UTF_8);
	}

	// Text bodies are passed as is, anything else base64-encoded (as API Gateway does for
	// binary media types).
	static boolean isBinary(Request request) {
		String contentType = request.header("Content-Type");
		return contentType != null && !isText(contentType);
	}

	static boolean isText(String contentType) {
		String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
		return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
				|| type.endsWith("+xml") || type.endsWith("/javascript")
				|| type.equals("application/x-www-form-urlencoded") || type.isEmpty();
	}

	/**
	 * The parts of an HTTP request that an event carries.
	 *
	 * @param method the method
	 * @param path the decoded path
	 * @param rawQuery the raw query string, or {@code null}
	 * @param headers the headers with their names as sent, each with its values
	 * @param body the body, empty when there is none
	 * @param sourceIp the client's address
	 */
	record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
			String sourceIp) {

		@Nullable String header(String name) {
			for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
					return header.getValue().get(0);
				}
			}
			return null;
		}

	}

}
