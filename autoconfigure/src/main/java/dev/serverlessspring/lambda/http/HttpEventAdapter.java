package dev.serverlessspring.lambda.http;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.http.ExceptionStatusResolver.MappedException;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.lambda.invoke.LambdaFunction;
import dev.serverlessspring.lambda.invoke.LambdaResponse;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import dev.serverlessspring.lambda.stream.ResponseStreams;
import dev.serverlessspring.lambda.stream.StreamingBody;
import dev.serverlessspring.lambda.stream.StreamingResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Serves API Gateway (REST and HTTP API), ALB and Function URL events with plain
 * functions: the request body becomes the function's input, the function's result becomes
 * the proxy response of the event's source, and exceptions become RFC 9457 problem
 * responses.
 * <p>
 * Functions that take an {@code aws-lambda-java-events} type get the event as it is;
 * results that are AWS response types ({@code APIGatewayProxyResponseEvent},
 * {@code APIGatewayV2HTTPResponse}, {@code ApplicationLoadBalancerResponseEvent}) are
 * sent as they are.
 * <p>
 * A result (or a body) that streams ({@code Publisher}, {@code Stream},
 * {@link StreamingBody}) becomes a {@link StreamingResponse}: status, headers and cookies
 * in the prelude of an {@code application/vnd.awslambda.http-integration-response}, then
 * the body as it comes, for the sources that can take a stream: Function URLs, and REST
 * APIs whose routes are in STREAM mode ({@link #setRestApiStreaming}). HTTP APIs and ALBs
 * cannot stream: they get the whole response. An error before the stream's first element
 * is answered as any other (a problem response).
 *
 * @see HttpMessageHeaders
 * @see HttpResponse
 */
public class HttpEventAdapter implements EventAdapter {

	/**
	 * The adapter's order among {@link EventAdapter}s; HTTP events have a shape of their
	 * own.
	 */
	public static final int ORDER = 100;

	private static final Log logger = LogFactory.getLog(HttpEventAdapter.class);

	private static final String CONTENT_TYPE = "Content-Type";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final Set<String> BODYLESS_METHODS = Set.of("GET", "HEAD", "DELETE", "OPTIONS");

	/** Message headers of Spring and Spring Cloud Function that are no HTTP headers. */
	private static final Set<String> INTERNAL_HEADERS = Set.of(MessageHeaders.ID, MessageHeaders.TIMESTAMP,
			MessageHeaders.CONTENT_TYPE, MessageHeaders.REPLY_CHANNEL, MessageHeaders.ERROR_CHANNEL);

	private final ObjectMapper objectMapper;

	private final ExceptionStatusResolver statusResolver;

	private final HttpRoutes routes;

	private final ProxyResponseWriter writer;

	private final ResponseStreams streams;

	private boolean restApiStreaming;

	/**
	 * Create an adapter.
	 * @param objectMapper the mapper for JSON bodies and responses
	 * @param statusResolver maps exceptions to statuses
	 * @param routes routes to further functions, may be empty
	 */
	public HttpEventAdapter(ObjectMapper objectMapper, ExceptionStatusResolver statusResolver, HttpRoutes routes) {
		this(objectMapper, statusResolver, routes, new ResponseStreams(objectMapper, "\n"));
	}

	/**
	 * Create an adapter.
	 * @param objectMapper the mapper for JSON bodies and responses
	 * @param statusResolver maps exceptions to statuses
	 * @param routes routes to further functions, may be empty
	 * @param streams writes the bodies that stream
	 */
	public HttpEventAdapter(ObjectMapper objectMapper, ExceptionStatusResolver statusResolver, HttpRoutes routes,
			ResponseStreams streams) {
		this.objectMapper = objectMapper;
		this.statusResolver = statusResolver;
		this.routes = routes;
		this.writer = new ProxyResponseWriter(objectMapper);
		this.streams = streams;
	}

	/**
	 * Stream the responses to REST API events, for routes whose response transfer mode is
	 * STREAM; by default they are answered whole, as REST APIs expect by default.
	 * @param restApiStreaming whether REST API responses stream
	 */
	public void setRestApiStreaming(boolean restApiStreaming) {
		this.restApiStreaming = restApiStreaming;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean supports(LambdaEvent event, LambdaFunction function) {
		if (function.takesAwsEvent()) {
			return false;
		}
		JsonNode json = event.jsonObject();
		return json != null && HttpEventSource.of(json) != null;
	}

	@Override
	public byte @Nullable [] handle(LambdaEvent event, LambdaFunction function) {
		return respond(event, function).payload();
	}

	@Override
	public LambdaResponse respond(LambdaEvent event, LambdaFunction function) {
		// The dispatcher hands an event only to the adapter that matched it: an HTTP
		// request's JSON object.
		JsonNode json = Objects.requireNonNull(event.jsonObject(), "respond() follows matches()");
		HttpRequest request = Objects.requireNonNull(HttpRequest.of(json), "respond() follows matches()");
		try {
			LambdaFunction target = function;
			Map<String, String> routedPathParameters = Map.of();
			if (HttpRoutes.ROUTER_FUNCTION_NAME.equals(function.definition())) {
				HttpRoutes.Match match = this.routes.match(request.routeKey(), request.method(), request.routingPath());
				if (match == null) {
					throw noRoute(request);
				}
				target = match.function();
				routedPathParameters = match.pathVariables();
			}
			Object input = readInput(request, target, routedPathParameters);
			Map<String, Object> headers = target.takesMessage()
					? request.messageHeaders(this.objectMapper, routedPathParameters) : Map.of();
			Object result = target.invoke(input, event.context(), headers);
			return writeResult(request, target, result);
		}
		catch (RuntimeException | Error ex) {
			return LambdaResponse.of(error(request, event.context(), ex));
		}
	}

	/**
	 * 405 with {@code Allow} when routes match the path with other methods, else 404. The
	 * details leave the path out: the problem's {@code instance} carries it, and the
	 * details are logged.
	 * @param request the request no route matched
	 * @return the error to answer with
	 */
	private HttpErrorException noRoute(HttpRequest request) {
		Set<String> allowed = this.routes.allowedMethods(request.routingPath());
		if (allowed.isEmpty()) {
			return new HttpErrorException(404, "No route matches " + request.method() + " on this path");
		}
		String allow = String.join(", ", allowed);
		return new HttpErrorException(405,
				"Method " + request.method() + " is not allowed on this path; allowed: " + allow, null,
				Map.of("Allow", List.of(allow)));
	}

	private @Nullable Object readInput(HttpRequest request, LambdaFunction function,
			Map<String, String> pathParameters) {
		if (function.isSupplier()) {
			return null;
		}
		Class<?> type = function.inputClass();
		byte[] body = request.body();
		if (type == byte[].class) {
			return (body != null) ? body : new byte[0];
		}
		if (type == String.class) {
			return (body != null) ? new String(body, charset(request)) : "";
		}
		if (body == null) {
			if (BODYLESS_METHODS.contains(request.method())) {
				// GET /orders/{id} with Function<OrderQuery, Order>: parameters make the
				// input.
				return function.readInput(request.parameters(this.objectMapper, pathParameters));
			}
			throw new HttpErrorException(400, "The request has no body; a JSON body is required");
		}
		String contentType = request.contentType();
		if (contentType != null && !isJson(contentType)) {
			throw new HttpErrorException(415, "The request's content type is not supported; send application/json");
		}
		return function.readInput(body);
	}

	private LambdaResponse writeResult(HttpRequest request, LambdaFunction function, @Nullable Object result) {
		if (result instanceof Message<?> message && function.returnsMessage()) {
			if (PayloadConverter.isAwsEventsClass(message.getPayload().getClass())) {
				return LambdaResponse.of(function.writeOutput(message.getPayload()));
			}
			return writeResponse(request, status(message), responseHeaders(message.getHeaders()), message.getPayload());
		}
		if (result instanceof HttpResponse<?> response) {
			return writeResponse(request, response.status(), response.headers(), response.body());
		}
		if (result != null && PayloadConverter.isAwsEventsClass(result.getClass())) {
			// Spring Cloud Function issue 1328: an AWS response type is the proxy
			// response.
			return LambdaResponse.of(function.writeOutput(result));
		}
		return writeResponse(request, (result != null) ? 200 : 204, Map.of(), result);
	}

	private LambdaResponse writeResponse(HttpRequest request, int status, Map<String, List<String>> headers,
			@Nullable Object body) {
		if (body != null && ResponseStreams.isStreaming(body)) {
			return streamResponse(request, status, headers, body);
		}
		return LambdaResponse.of(writeBufferedResponse(request, status, headers, body));
	}

	private LambdaResponse streamResponse(HttpRequest request, int status, Map<String, List<String>> headers,
			Object body) {
		ResponseStreams.Body stream = this.streams.open(body);
		Map<String, List<String>> allHeaders = new LinkedCaseInsensitiveMap<>();
		allHeaders.putAll(headers);
		if (!allHeaders.containsKey(CONTENT_TYPE)) {
			allHeaders.put(CONTENT_TYPE, List.of(ResponseStreams.defaultContentType(stream.first())));
		}
		String contentType = allHeaders.get(CONTENT_TYPE).get(0);
		boolean text = isText(contentType);
		StreamingResponse response = new StreamingResponse(StreamingResponse.HTTP_INTEGRATION_RESPONSE,
				this.writer.prelude(status, allHeaders), stream.writer(contentType),
				(bytes) -> this.writer.write(request, status, allHeaders,
						text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes),
						!text));
		// A streamed response sent to a source that does not stream would reach it as
		// prelude and body bytes.
		boolean streams = request.source() == HttpEventSource.FUNCTION_URL
				|| (request.source() == HttpEventSource.API_GATEWAY_REST && this.restApiStreaming);
		return streams ? LambdaResponse.streaming(response) : LambdaResponse.of(response.buffer());
	}

	private static boolean isText(String contentType) {
		try {
			MimeType type = MimeTypeUtils.parseMimeType(contentType);
			String subtype = type.getSubtype();
			return type.getType().equals("text") || subtype.equals("json") || subtype.endsWith("+json")
					|| subtype.equals("x-ndjson") || subtype.equals("xml") || subtype.endsWith("+xml");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private byte[] writeBufferedResponse(HttpRequest request, int status, Map<String, List<String>> headers,
			@Nullable Object body) {
		Map<String, List<String>> allHeaders = new LinkedCaseInsensitiveMap<>();
		allHeaders.putAll(headers);
		String text;
		boolean base64 = false;
		String defaultContentType;
		if (body == null) {
			text = null;
			defaultContentType = null;
		}
		else if (body instanceof byte[] bytes) {
			text = Base64.getEncoder().encodeToString(bytes);
			base64 = true;
			defaultContentType = MimeTypeUtils.APPLICATION_OCTET_STREAM_VALUE;
		}
		else if (body instanceof CharSequence chars) {
			text = chars.toString();
			defaultContentType = "text/plain;charset=UTF-8";
		}
		else {
			text = this.objectMapper.writeValueAsString(body);
			defaultContentType = MimeTypeUtils.APPLICATION_JSON_VALUE;
		}
		if (defaultContentType != null && !allHeaders.containsKey(CONTENT_TYPE)) {
			allHeaders.put(CONTENT_TYPE, List.of(defaultContentType));
		}
		return this.writer.write(request, status, allHeaders, text, base64);
	}

	private byte[] error(HttpRequest request, Context context, Throwable ex) {
		if (ex instanceof HttpErrorException error) {
			return problem(request, context, error.status(), error.getMessage(), ex, error.headers());
		}
		if (ex instanceof InvalidEventException invalid) {
			return problem(request, context, 400, describe(invalid), ex, Map.of());
		}
		MappedException mapped = this.statusResolver.resolve(ex);
		if (mapped != null) {
			return problem(request, context, mapped.status(), mapped.exception().getMessage(), ex, Map.of());
		}
		return problem(request, context, 500, null, ex, Map.of());
	}

	private byte[] problem(HttpRequest request, Context context, int status, @Nullable String detail, Throwable ex,
			Map<String, List<String>> extraHeaders) {
		String requestId = (context != null) ? context.getAwsRequestId() : null;
		// API Gateway's route key is a template (GET /orders/{id}): path parameters stay
		// out of the log. Function URLs and HTTP APIs' default route say "$default",
		// which names nothing.
		String routeKey = request.routeKey();
		String route = (routeKey != null && !routeKey.equals("$default")) ? routeKey
				: request.method() + " " + request.path();
		String summary = route + " answered " + status + " (request id " + requestId + ")";
		if (status >= 500) {
			logger.error(summary, ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(summary, ex);
		}
		else {
			// Our own details name no values; the message of a user's exception may, so
			// only its type.
			boolean ours = ex instanceof HttpErrorException || ex instanceof InvalidEventException;
			logger.info(summary + ": " + (ours ? detail : ex.getClass().getName()));
		}
		ObjectNode problem = this.objectMapper.createObjectNode();
		problem.put("type", "about:blank");
		String title = ReasonPhrases.of(status);
		if (!title.isEmpty()) {
			problem.put("title", title);
		}
		problem.put("status", status);
		if (detail != null && !detail.isBlank()) {
			problem.put("detail", detail);
		}
		problem.put("instance", request.path());
		if (requestId != null) {
			problem.put("requestId", requestId);
		}
		Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();
		headers.putAll(extraHeaders);
		headers.put(CONTENT_TYPE, List.of(PROBLEM_JSON));
		return this.writer.write(request, status, headers, this.objectMapper.writeValueAsString(problem), false);
	}

	/**
	 * Describe why a body could not be read without echoing the body or naming Java
	 * types.
	 * @param ex the failure to read the body
	 * @return a description that is safe to send to the client
	 */
	private static String describe(InvalidEventException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof CharacterCodingException) {
			return "The request body is not valid UTF-8";
		}
		if (cause instanceof DatabindException databind) {
			// Well-formed JSON that does not fit: say where, not that the JSON is broken.
			return databind.getPath().isEmpty() ? "The request body is well-formed JSON but not of the expected shape"
					: "The request body has an invalid or missing value at '" + PayloadConverter.path(databind) + "'";
		}
		if (cause instanceof JacksonException jackson) {
			TokenStreamLocation location = jackson.getLocation();
			return "The request body is not valid JSON" + ((location != null && location.getLineNr() > 0)
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "");
		}
		return "The request body cannot be read";
	}

	private static int status(Message<?> message) {
		Object status = message.getHeaders().get(HttpMessageHeaders.STATUS);
		if (status == null) {
			return (message.getPayload() != null) ? 200 : 204;
		}
		String text = status.toString().strip();
		int code = 0;
		if (status instanceof Number number) {
			code = number.intValue();
		}
		else if (text.matches("\\d{3}")) {
			code = Integer.parseInt(text);
		}
		if (code < 100 || code > 599) {
			throw new IllegalStateException("The function's " + HttpMessageHeaders.STATUS + " header is '" + text
					+ "', not an HTTP status between 100 and 599");
		}
		return code;
	}

	private static Map<String, List<String>> responseHeaders(MessageHeaders messageHeaders) {
		Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();
		Object contentType = messageHeaders.get(MessageHeaders.CONTENT_TYPE);
		if (contentType != null) {
			headers.put(CONTENT_TYPE, List.of(contentType.toString()));
		}
		messageHeaders.forEach((name, value) -> {
			if (value != null && !INTERNAL_HEADERS.contains(name) && !name.startsWith("http-")
					&& !name.startsWith("aws-") && !name.startsWith("scf-")) {
				headers.put(name, values(value));
			}
		});
		return headers;
	}

	private static List<String> values(Object value) {
		if (value instanceof Collection<?> collection) {
			List<String> list = new ArrayList<>(collection.size());
			collection.forEach((item) -> list.add(String.valueOf(item)));
			return list;
		}
		if (value instanceof Object[] array) {
			List<String> list = new ArrayList<>(array.length);
			for (Object item : array) {
				list.add(String.valueOf(item));
			}
			return list;
		}
		return List.of(value.toString());
	}

	private static boolean isJson(String contentType) {
		try {
			MimeType type = MimeTypeUtils.parseMimeType(contentType);
			return type.getType().equals("application")
					&& (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Charset charset(HttpRequest request) {
		String contentType = request.contentType();
		if (contentType != null) {
			try {
				Charset charset = MimeTypeUtils.parseMimeType(contentType).getCharset();
				if (charset != null) {
					return charset;
				}
			}
			catch (IllegalArgumentException ex) {
				// An unreadable content type leaves the default.
			}
		}
		return StandardCharsets.UTF_8;
	}

}
