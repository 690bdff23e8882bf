package dev.serverlessspring.test.config;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An {@code httpApi} or {@code http} event of a function: the route API Gateway sends to
 * it.
 *
 * @param api which API Gateway flavour serves the route
 * @param method the HTTP method in upper case, or {@code ANY}
 * @param path the route's path, starting with {@code /}, possibly with {@code {id}} or
 * {@code {proxy+}} parameters; {@code null} for {@code httpApi: '*'} (every route)
 */
public record HttpEvent(Api api, String method, @Nullable String path) {

	/** The method of a route that takes every method. */
	public static final String ANY = "ANY";

	public HttpEvent {
		method = (method == null || method.equals("*")) ? ANY : method.toUpperCase(Locale.ROOT);
		if (path != null && !path.startsWith("/")) {
			path = "/" + path;
		}
	}

	/**
	 * Return the route key as API Gateway writes it, for example {@code GET /items/{id}}.
	 * @return the route key, {@code $default} for the catch-all route
	 */
	public String routeKey() {
		return (this.path == null) ? "$default" : this.method + " " + this.path;
	}

	/** The API Gateway flavour, and so the event's payload format. */
	public enum Api {

		/** An HTTP API ({@code httpApi} event): payload format 2.0. */
		HTTP_API,

		/** A REST API ({@code http} event): payload format 1.0. */
		REST

	}

}
