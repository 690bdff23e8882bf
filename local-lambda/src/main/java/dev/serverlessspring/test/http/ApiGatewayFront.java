package dev.serverlessspring.test.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.config.HttpEvent;
import dev.serverlessspring.test.local.LocalFunction;
import dev.serverlessspring.test.server.LoopbackHttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API Gateway in front of local functions, on {@code 127.0.0.1}: each request is routed
 * by the functions' {@code httpApi} and {@code http} events, sent to the function as the
 * event API Gateway would build (payload 2.0 for {@code httpApi}, 1.0 for {@code http}),
 * and the function's proxy response is turned back into the HTTP response.
 */
public final class ApiGatewayFront implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors
		.newCachedThreadPool(LoopbackHttpServer.daemonThreads("api-gateway-front"));

	private final List<HttpRoute> routes;

	private final String stage;

	/**
	 * Start the front.
	 * @param port the port on {@code 127.0.0.1}, {@code 0} for a free one
	 * @param functions the functions, whose HTTP events become the routes
	 * @param stage the REST API's stage, seen in {@code requestContext.stage}
	 * @throws IOException if the port cannot be bound, for example because it is in use
	 */
	public ApiGatewayFront(int port, List<LocalFunction> functions, String stage) throws IOException {
		List<HttpRoute> routes = new ArrayList<>();
		for (LocalFunction function : functions) {
			for (HttpEvent event : function.config().httpEvents()) {
				routes.add(HttpRoute.of(event, function));
			}
		}
		routes.sort(Comparator.comparingInt(HttpRoute::rank));
		this.routes = List.copyOf(routes);
		this.stage = stage;
		this.server = LoopbackHttpServer.bind(port, "the HTTP front");
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				try {
					handle(exchange);
				}
				catch (RuntimeException ex) {
					// The local Lambda itself failed (not the function): answer as API
					// Gateway would, and say why.
					System.err.println("HTTP front: " + exchange.getRequestMethod() + " "
							+ exchange.getRequestURI().getPath() + " failed: " + ex);
					message(exchange, 500, "Internal Server Error");
				}
			}
		});
		this.server.start();
	}

	/**
	 * Return the front's base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Return the routes served, as API Gateway route keys, for example {@code GET
	 * /items/{id}}.
	 * @return the route keys with the function each goes to
	 */
	public Map<String, String> routes() {
		Map<String, String> routes = new LinkedHashMap<>();
		this.routes.forEach((route) -> routes.put(
				route.event().routeKey() + ((route.event().api() == HttpEvent.Api.REST) ? " (REST)" : ""),
				route.function().config().name()));
		return routes;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		for (HttpRoute route : this.routes) {
			Map<String, String> parameters = route.match(method, path);
			if (parameters != null) {
				ApiGatewayEvents.Request request = new ApiGatewayEvents.Request(method, path,
						exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>(exchange.getRequestHeaders()),
						exchange.getRequestBody().readAllBytes(),
						exchange.getRemoteAddress().getAddress().getHostAddress());
				HttpEvent event = route.event();
				boolean rest = event.api() == HttpEvent.Api.REST;
				// Only an HTTP API's catch-all route has no path; ServerlessConfig
				// requires it for REST APIs.
				byte[] payload = rest
						? ApiGatewayEvents.restApiEvent(request,
								Objects.requireNonNull(event.path(), "a REST route's path"), this.stage, parameters)
						: ApiGatewayEvents.httpApiEvent(request, event.routeKey(), parameters);
				LocalFunction function = route.function();
				InvocationResult result = function.invoke(function.invocation(payload).build());
				if (rest) {
					restResponse(exchange, result);
				}
				else {
					httpApiResponse(exchange, result);
				}
				return;
			}
		}
		message(exchange, 404, "Not Found");
	}

	// Payload 2.0: a response with statusCode is a proxy response; other JSON is a 200
	// body.
	static void httpApiResponse(HttpExchange exchange, InvocationResult result) throws IOException {
		JsonNode response = (result.isFunctionError()) ? null : json(result.payload());
		if (response == null) {
			message(exchange, 500, "Internal Server Error");
		}
		else if (response.isObject() && response.has("statusCode")) {
			proxyResponse(exchange, response);
		}
		else {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			send(exchange, 200, result.payload());
		}
	}

	// Payload 1.0: only a proxy response with a statusCode is valid, anything else is a
	// 502.
	private static void restResponse(HttpExchange exchange, InvocationResult result) throws IOException {
		JsonNode response = (result.isFunctionError()) ? null : json(result.payload());
		if (response == null || !response.isObject() || !response.path("statusCode").canConvertToInt()) {
			message(exchange, 502, "Internal server error");
		}
		else {
			proxyResponse(exchange, response);
		}
	}

	private static void proxyResponse(HttpExchange exchange, JsonNode response) throws IOException {
		proxyHeaders(exchange.getResponseHeaders(), response);
		JsonNode body = response.get("body");
		byte[] bytes = new byte[0];
		if (body != null && !body.isNull()) {
			String text = body.isString() ? body.asString() : body.toString();
			bytes = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
					: text.getBytes(StandardCharsets.UTF_8);
		}
		send(exchange, response.get("statusCode").asInt(), bytes);
	}

	// The headers of a proxy response, or of a streamed response's prelude: headers,
	// multiValueHeaders, cookies.
	static void proxyHeaders(Headers headers, JsonNode response) {
		response.path("headers")
			.properties()
			.forEach((header) -> headers.set(header.getKey(), header.getValue().asString()));
		response.path("multiValueHeaders").properties().forEach((header) -> {
			headers.remove(header.getKey());
			header.getValue().forEach((value) -> headers.add(header.getKey(), value.asString()));
		});
		response.path("cookies").forEach((cookie) -> headers.add("Set-Cookie", cookie.asString()));
	}

	private static @Nullable JsonNode json(byte[] payload) {
		try {
			return (payload.length == 0) ? null : JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static void message(HttpExchange exchange, int status, String message) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		send(exchange, status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		exchange.getResponseBody().write(body);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
