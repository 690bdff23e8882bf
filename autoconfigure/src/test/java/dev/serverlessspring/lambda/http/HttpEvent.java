package dev.serverlessspring.lambda.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP event fixtures, shaped like the samples of the AWS Lambda and API Gateway
 * developer guides, loaded with {@link EventLoader} as AWS event types and varied through
 * their setters, so each test states only what differs from the sample.
 */
public enum HttpEvent {

	/** API Gateway REST API proxy event (payload 1.0), Cognito authorizer. */
	REST_API("http/apigateway-rest-event.json"),

	/** API Gateway HTTP API event (payload 2.0), JWT authorizer. */
	HTTP_API("http/apigateway-http-event.json"),

	/** Function URL event (payload 2.0), IAM auth. */
	FUNCTION_URL("http/function-url-event.json"),

	/** ALB event without multi-value headers. */
	ALB("http/alb-event.json"),

	/** ALB event of a target group with multi-value headers on. */
	ALB_MULTI_VALUE("http/alb-multi-value-event.json");

	private final String file;

	HttpEvent(String file) {
		this.file = file;
	}

	/**
	 * Return the fixture with a JSON body for a route.
	 * @param method the request method
	 * @param route the route template, such as {@code /orders/{id}} (REST and HTTP APIs
	 * name it)
	 * @param path the request path
	 * @param body the JSON body, or {@code null} for none
	 * @return the event's bytes
	 */
	public byte[] request(String method, String route, String path, String body) {
		return request(method, route, path, Map.of(), "application/json", body, false);
	}

	/**
	 * Return the fixture varied.
	 * @param method the request method
	 * @param route the route template
	 * @param path the request path
	 * @param pathParameters path parameters (sent by REST and HTTP APIs only, as AWS
	 * does)
	 * @param contentType the content type, or {@code null} for none
	 * @param body the body, or {@code null} for none
	 * @param base64 whether to send the body base64-encoded
	 * @return the event's bytes
	 */
	public byte[] request(String method, String route, String path, Map<String, String> pathParameters,
			String contentType, String body, boolean base64) {
		String sentBody = (body != null && base64)
				? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.ISO_8859_1)) : body;
		return switch (this) {
			case REST_API -> {
				APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(this.file);
				event.setHttpMethod(method);
				event.setResource(route);
				event.setPath(path);
				event.getRequestContext().setHttpMethod(method);
				event.getRequestContext().setResourcePath(route);
				event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
				event.setHeaders(withContentType(event.getHeaders(), contentType));
				event.setMultiValueHeaders(withContentTypes(event.getMultiValueHeaders(), contentType));
				event.setBody(sentBody);
				event.setIsBase64Encoded(base64);
				yield json(event);
			}
			case HTTP_API, FUNCTION_URL -> {
				APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(this.file);
				event.getRequestContext().getHttp().setMethod(method);
				event.getRequestContext().getHttp().setPath(path);
				if (this == HTTP_API) {
					event.setRouteKey(method + " " + route);
					event.getRequestContext().setRouteKey(method + " " + route);
					event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
				}
				event.setRawPath(path);
				event.setHeaders(withContentType(event.getHeaders(), contentType));
				event.setBody(sentBody);
				event.setIsBase64Encoded(base64);
				yield json(event);
			}
			case ALB, ALB_MULTI_VALUE -> {
				ApplicationLoadBalancerRequestEvent event = EventLoader
					.loadApplicationLoadBalancerRequestEvent(this.file);
				event.setHttpMethod(method);
				event.setPath(path);
				if (event.getHeaders() != null) {
					event.setHeaders(withContentType(event.getHeaders(), contentType));
				}
				if (event.getMultiValueHeaders() != null) {
					event.setMultiValueHeaders(withContentTypes(event.getMultiValueHeaders(), contentType));
				}
				event.setBody((sentBody != null) ? sentBody : "");
				event.setIsBase64Encoded(base64);
				yield json(event);
			}
		};
	}

	/**
	 * Return the fixture exactly as the file has it.
	 * @return the event's bytes
	 */
	public byte[] asIs() {
		return switch (this) {
			case REST_API -> json(EventLoader.loadApiGatewayRestEvent(this.file));
			case HTTP_API, FUNCTION_URL -> json(EventLoader.loadApiGatewayHttpEvent(this.file));
			case ALB, ALB_MULTI_VALUE -> json(EventLoader.loadApplicationLoadBalancerRequestEvent(this.file));
		};
	}

	/**
	 * Write an AWS event type with AWS's serializers, as Lambda would deliver it.
	 * @param event the event
	 * @return the JSON bytes
	 */
	@SuppressWarnings("unchecked")
	public static byte[] json(Object event) {
		PojoSerializer<Object> serializer = (PojoSerializer<Object>) LambdaEventSerializers
			.serializerFor(event.getClass(), HttpEvent.class.getClassLoader());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.toJson(event, out);
		return out.toByteArray();
	}

	/**
	 * Return the first value of a header of a proxy response, from {@code headers} or
	 * {@code multiValueHeaders}, whichever the source's shape has.
	 * @param response the response
	 * @param name the header name
	 * @return the value, or {@code null}
	 */
	public static String responseHeader(JsonNode response, String name) {
		JsonNode headers = response.get("headers");
		if (headers != null && headers.has(name)) {
			return headers.get(name).asString();
		}
		JsonNode multi = response.get("multiValueHeaders");
		return (multi != null && multi.has(name)) ? multi.get(name).get(0).asString() : null;
	}

	private static Map<String, String> withContentType(Map<String, String> headers, String contentType) {
		Map<String, String> copy = new LinkedHashMap<>(headers);
		copy.keySet().removeIf("content-type"::equalsIgnoreCase);
		if (contentType != null) {
			copy.put("content-type", contentType);
		}
		return copy;
	}

	private static Map<String, List<String>> withContentTypes(Map<String, List<String>> headers, String contentType) {
		Map<String, List<String>> copy = new LinkedHashMap<>(headers);
		copy.keySet().removeIf("content-type"::equalsIgnoreCase);
		if (contentType != null) {
			copy.put("content-type", new ArrayList<>(List.of(contentType)));
		}
		return copy;
	}

}
