package dev.serverlessspring.benchmarks.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.serverlessspring.benchmarks.http.Orders.CreateOrder;
import dev.serverlessspring.benchmarks.http.Orders.Order;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The baseline: what a framework-free handler writes by hand for {@code POST /orders}
 * behind an HTTP API, with the same Jackson: parse the event, check the content type,
 * decode the body, call the logic, write a 201 proxy response with {@code Location} and
 * JSON body.
 */
final class PlainHttpHandler {

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final Orders orders = new Orders();

	byte[] handle(byte[] payload) {
		JsonNode event = this.objectMapper.readTree(payload);
		String contentType = event.path("headers").path("content-type").asString("application/json");
		if (!contentType.startsWith("application/json")) {
			return response(415, null, "{\"title\":\"Unsupported Media Type\",\"status\":415}");
		}
		String body = event.path("body").asString();
		if (event.path("isBase64Encoded").asBoolean()) {
			body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
		}
		CreateOrder request = this.objectMapper.readValue(body, CreateOrder.class);
		Order order = this.orders.place(request);
		return response(201, "/orders/" + order.id(), this.objectMapper.writeValueAsString(order));
	}

	private byte[] response(int status, String location, String body) {
		ObjectNode response = this.objectMapper.createObjectNode();
		response.put("statusCode", status);
		ObjectNode headers = response.putObject("headers");
		headers.put("Content-Type", (status < 400) ? "application/json" : "application/problem+json");
		if (location != null) {
			headers.put("Location", location);
		}
		response.put("body", body);
		response.put("isBase64Encoded", false);
		return this.objectMapper.writeValueAsBytes(response);
	}

}
