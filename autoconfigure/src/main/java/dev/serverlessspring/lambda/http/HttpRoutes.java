package dev.serverlessspring.lambda.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.serverlessspring.lambda.invoke.LambdaFunction;
import org.jspecify.annotations.Nullable;

import org.springframework.util.AntPathMatcher;

/**
 * Routes the HTTP requests of one Lambda function to several function beans, by route key
 * ({@code GET /orders/{id}}) or by path ({@code /health}, any method).
 * <p>
 * A route whose text equals the event's route key (HTTP API {@code routeKey}, REST API
 * method and resource) wins; otherwise the method and path are matched against the
 * routes' patterns, the most specific first. {@code {name}} matches one path segment and
 * {@code {name+}} the rest of the path, as in API Gateway; both become path parameters.
 * Routing applies when the Lambda function serves {@value #ROUTER_FUNCTION_NAME}.
 */
public class HttpRoutes {

	/**
	 * The name of the function bean to serve (as
	 * {@code spring.cloud.function.definition}) so that every HTTP request is routed;
	 * requests no route matches are answered with 404, or with 405 when routes match the
	 * path with other methods.
	 */
	public static final String ROUTER_FUNCTION_NAME = "httpRouter";

	private static final String ANY = "ANY";

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final List<Route> routes;

	/**
	 * Create routes.
	 * @param routes route texts such as {@code POST /orders} or {@code /health}, by the
	 * function that serves them
	 */
	public HttpRoutes(Map<LambdaFunction, List<String>> routes) {
		List<Route> list = new ArrayList<>();
		routes.forEach((function, texts) -> texts.forEach((text) -> list.add(Route.parse(text, function))));
		this.routes = List.copyOf(list);
	}

	/**
	 * Whether there are no routes.
	 * @return {@code true} without routes
	 */
	public boolean isEmpty() {
		return this.routes.isEmpty();
	}

	/**
	 * Find the function for a request.
	 * @param routeKey the event's route key, may be {@code null}
	 * @param method the request method
	 * @param path the request path, without an HTTP API stage prefix
	 * @return the match, or {@code null} when no route matches
	 */
	public @Nullable Match match(@Nullable String routeKey, @Nullable String method, String path) {
		if (routeKey != null) {
			for (Route route : this.routes) {
				if (route.key().equals(routeKey)) {
					return new Match(route.function(), Map.of());
				}
			}
		}
		Comparator<String> specificity = this.matcher.getPatternComparator(path);
		Route best = null;
		for (Route route : this.routes) {
			if ((route.method().equals(ANY) || route.method().equalsIgnoreCase(method))
					&& this.matcher.match(route.antPattern(), path)
					&& (best == null || specificity.compare(route.antPattern(), best.antPattern()) < 0)) {
				best = route;
			}
		}
		return (best != null) ? new Match(best.function(), pathVariables(best, path)) : null;
	}

	/**
	 * Return the methods of the routes whose pattern matches a path, for the
	 * {@code Allow} header of a 405 answer to a request that {@link #match} found no
	 * route for.
	 * @param path the request path, without an HTTP API stage prefix
	 * @return the methods, sorted; empty when no route's pattern matches the path
	 */
	public Set<String> allowedMethods(String path) {
		Set<String> methods = new TreeSet<>();
		for (Route route : this.routes) {
			if (!route.method().equals(ANY) && this.matcher.match(route.antPattern(), path)) {
				methods.add(route.method());
			}
		}
		return methods;
	}

	private Map<String, String> pathVariables(Route route, String path) {
		if (route.greedyVariable() == null) {
			return this.matcher.extractUriTemplateVariables(route.antPattern(), path);
		}
		Map<String, String> variables = new LinkedHashMap<>(
				this.matcher.extractUriTemplateVariables(route.antPattern(), path));
		variables.put(route.greedyVariable(), this.matcher.extractPathWithinPattern(route.antPattern(), path));
		return variables;
	}

	/**
	 * The function a request is routed to.
	 *
	 * @param function the function
	 * @param pathVariables the path parameters the route's pattern found
	 */
	public record Match(LambdaFunction function, Map<String, String> pathVariables) {
	}

	private record Route(String method, String pattern, String antPattern, @Nullable String greedyVariable,
			LambdaFunction function) {

		static Route parse(String text, LambdaFunction function) {
			String trimmed = text.strip();
			int space = trimmed.indexOf(' ');
			String method = (space < 0) ? ANY : trimmed.substring(0, space).toUpperCase(Locale.ROOT);
			String pattern = (space < 0) ? trimmed : trimmed.substring(space + 1).strip();
			if (!pattern.startsWith("/")) {
				throw new IllegalArgumentException("HTTP route '" + text + "' of function '" + function.definition()
						+ "' must be a path such as /orders/{id}, optionally after a method such as GET");
			}
			String antPattern = pattern;
			String greedy = null;
			int plus = pattern.lastIndexOf("+}");
			if (plus > 0 && plus == pattern.length() - 2) {
				int open = pattern.lastIndexOf('{');
				greedy = pattern.substring(open + 1, plus);
				antPattern = pattern.substring(0, open) + "**";
			}
			return new Route(method, pattern, antPattern, greedy, function);
		}

		String key() {
			return this.method + " " + this.pattern;
		}

	}

}
