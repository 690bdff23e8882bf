package dev.serverlessspring.lambda.http;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the response object each HTTP event source expects from a Lambda function.
 * <ul>
 * <li>REST API (payload 1.0): {@code headers} for single values,
 * {@code multiValueHeaders} for names with several (such as {@code Set-Cookie}).</li>
 * <li>HTTP API and Function URL (payload 2.0): {@code headers}, several values joined
 * with commas, and {@code cookies} for {@code Set-Cookie}.</li>
 * <li>ALB: {@code statusDescription}, and either {@code multiValueHeaders} or
 * {@code headers}, as the target group sent them (without multi-value headers only the
 * last {@code Set-Cookie} can be sent).</li>
 * </ul>
 */
final class ProxyResponseWriter {

	private static final String SET_COOKIE = "Set-Cookie";

	private static final int PRELUDE_DELIMITER_LENGTH = 8;

	private final ObjectMapper objectMapper;

	ProxyResponseWriter(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Write a response.
	 * @param request the request answered
	 * @param status the status code
	 * @param headers the headers, keyed case-insensitively
	 * @param body the body text (base64 for binary bodies), or {@code null} for none
	 * @param base64 whether the body is base64-encoded bytes
	 * @return the bytes of the Lambda response
	 */
	byte[] write(HttpRequest request, int status, Map<String, List<String>> headers, @Nullable String body,
			boolean base64) {
		ObjectNode response = this.objectMapper.createObjectNode();
		response.put("statusCode", status);
		switch (request.source()) {
			case API_GATEWAY_REST -> writeSplitHeaders(response, headers);
			case API_GATEWAY_HTTP, FUNCTION_URL -> writeJoinedHeaders(response, headers);
			case ALB -> {
				String reason = ReasonPhrases.of(status);
				response.put("statusDescription", reason.isEmpty() ? String.valueOf(status) : status + " " + reason);
				if (request.usesMultiValueHeaders()) {
					writeMultiValueHeaders(response, headers);
				}
				else {
					writeLastValueHeaders(response, headers);
				}
			}
		}
		if (body != null) {
			response.put("body", body);
		}
		response.put("isBase64Encoded", base64);
		return this.objectMapper.writeValueAsBytes(response);
	}

	/**
	 * Write the prelude of a streamed HTTP response
	 * ({@code application/vnd.awslambda.http-integration-response}): the status, headers
	 * and cookies as JSON, then the eight NUL bytes that separate them from the body.
	 * @param status the status code
	 * @param headers the headers, keyed case-insensitively
	 * @return the prelude's bytes
	 */
	byte[] prelude(int status, Map<String, List<String>> headers) {
		ObjectNode prelude = this.objectMapper.createObjectNode();
		prelude.put("statusCode", status);
		writeJoinedHeaders(prelude, headers);
		byte[] json = this.objectMapper.writeValueAsBytes(prelude);
		// The array's tail stays zero: the delimiter.
		return Arrays.copyOf(json, json.length + PRELUDE_DELIMITER_LENGTH);
	}

	private void writeSplitHeaders(ObjectNode response, Map<String, List<String>> headers) {
		ObjectNode single = response.putObject("headers");
		ObjectNode multi = null;
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			List<String> values = header.getValue();
			if (values.size() == 1) {
				single.put(header.getKey(), values.get(0));
			}
			else if (!values.isEmpty()) {
				if (multi == null) {
					multi = response.putObject("multiValueHeaders");
				}
				values.forEach(multi.putArray(header.getKey())::add);
			}
		}
	}

	private void writeJoinedHeaders(ObjectNode response, Map<String, List<String>> headers) {
		ObjectNode single = response.putObject("headers");
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (SET_COOKIE.equalsIgnoreCase(header.getKey())) {
				ArrayNode cookies = response.putArray("cookies");
				header.getValue().forEach(cookies::add);
			}
			else if (!header.getValue().isEmpty()) {
				single.put(header.getKey(), String.join(",", header.getValue()));
			}
		}
	}

	private void writeMultiValueHeaders(ObjectNode response, Map<String, List<String>> headers) {
		ObjectNode multi = response.putObject("multiValueHeaders");
		headers.forEach((name, values) -> values.forEach(multi.putArray(name)::add));
	}

	private void writeLastValueHeaders(ObjectNode response, Map<String, List<String>> headers) {
		ObjectNode single = response.putObject("headers");
		headers.forEach((name, values) -> {
			if (!values.isEmpty()) {
				single.put(name,
						SET_COOKIE.equalsIgnoreCase(name) ? values.get(values.size() - 1) : String.join(",", values));
			}
		});
	}

}
