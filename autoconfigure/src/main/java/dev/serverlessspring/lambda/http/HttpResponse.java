package dev.serverlessspring.lambda.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * An HTTP response a function can return when it serves HTTP events: a status, headers
 * and a body. The body is written like a plain return value: JSON for objects, text for a
 * {@code String}, base64 with {@code isBase64Encoded} for a {@code byte[]}; no body for
 * {@code null}. A {@code Flux}, a {@code java.util.stream.Stream} or a
 * {@link dev.serverlessspring.lambda.stream.StreamingBody} body streams: status and
 * headers first, then each element as it is produced (docs/streaming.md).
 * <pre class="code">
 * &#64;Bean
 * Function&lt;CreateOrder, HttpResponse&lt;Order&gt;&gt; createOrder(OrderBook orders) {
 *     return (request) -&gt; {
 *         Order order = orders.create(request);
 *         return HttpResponse.created("/orders/" + order.id(), order);
 *     };
 * }
 * </pre>
 *
 * @param <T> the body type
 */
public final class HttpResponse<T> {

	private final int status;

	private final Map<String, List<String>> headers;

	private final @Nullable T body;

	private HttpResponse(int status, Map<String, List<String>> headers, @Nullable T body) {
		this.status = status;
		this.headers = Collections.unmodifiableMap(headers);
		this.body = body;
	}

	/**
	 * A 200 response with a body.
	 * @param body the body
	 * @param <T> the body type
	 * @return the response
	 */
	public static <T> HttpResponse<T> ok(T body) {
		return status(200).body(body);
	}

	/**
	 * A 201 response with a {@code Location} header and a body.
	 * @param location the URI of the created resource
	 * @param body the body, may be {@code null}
	 * @param <T> the body type
	 * @return the response
	 */
	public static <T> HttpResponse<T> created(String location, @Nullable T body) {
		return status(201).header("Location", location).body(body);
	}

	/**
	 * A 204 response.
	 * @param <T> the (absent) body type
	 * @return the response
	 */
	public static <T> HttpResponse<T> noContent() {
		return status(204).build();
	}

	/**
	 * A redirect, such as 302 or 303, to a location.
	 * @param status the 3xx status
	 * @param location the URI to go to
	 * @param <T> the (absent) body type
	 * @return the response
	 */
	public static <T> HttpResponse<T> redirect(int status, String location) {
		return status(status).header("Location", location).build();
	}

	/**
	 * Start a response with the given status.
	 * @param status the HTTP status code
	 * @return a builder
	 */
	public static Builder status(int status) {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("HTTP status must be between 100 and 599, not " + status);
		}
		return new Builder(status);
	}

	/**
	 * Return the HTTP status code.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the headers, keyed case-insensitively.
	 * @return the header values by name
	 */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/**
	 * Return the body.
	 * @return the body, or {@code null} for none
	 */
	public @Nullable T body() {
		return this.body;
	}

	@Override
	public String toString() {
		return "HttpResponse[" + this.status + "]";
	}

	/**
	 * Builds an {@link HttpResponse}.
	 */
	public static final class Builder {

		private final int status;

		private final Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();

		private Builder(int status) {
			this.status = status;
		}

		/**
		 * Add values to a header; several values become several headers of that name.
		 * @param name the header name
		 * @param values the values
		 * @return this builder
		 */
		public Builder header(String name, String... values) {
			List<String> list = this.headers.computeIfAbsent(name, (key) -> new ArrayList<>());
			Collections.addAll(list, values);
			return this;
		}

		/**
		 * Set the {@code Content-Type}, overriding the one derived from the body.
		 * @param contentType the media type, such as {@code text/csv}
		 * @return this builder
		 */
		public Builder contentType(String contentType) {
			this.headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
			return this;
		}

		/**
		 * Add a cookie, as the value of a {@code Set-Cookie} header such as
		 * {@code session=abc; Path=/; HttpOnly}.
		 * @param setCookie the cookie
		 * @return this builder
		 */
		public Builder cookie(String setCookie) {
			return header("Set-Cookie", setCookie);
		}

		/**
		 * Finish the response with a body.
		 * @param body the body, may be {@code null}
		 * @param <T> the body type
		 * @return the response
		 */
		public <T> HttpResponse<T> body(@Nullable T body) {
			return new HttpResponse<>(this.status, copyHeaders(), body);
		}

		/**
		 * Finish the response without a body.
		 * @param <T> the (absent) body type
		 * @return the response
		 */
		public <T> HttpResponse<T> build() {
			return body(null);
		}

		private Map<String, List<String>> copyHeaders() {
			Map<String, List<String>> copy = new LinkedCaseInsensitiveMap<>(this.headers.size());
			this.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
			return copy;
		}

	}

}
