package dev.serverlessspring.test.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.serverlessspring.test.config.HttpEvent;
import dev.serverlessspring.test.local.LocalFunction;
import org.jspecify.annotations.Nullable;

/**
 * An {@link HttpEvent} bound to its function, matched against request paths as API
 * Gateway does: {@code {id}} takes one path segment, a final {@code {name+}} the rest of
 * the path.
 *
 * @param event the {@code http} or {@code httpApi} event of {@code serverless.yml}
 * @param function the function it invokes
 * @param pattern the event's path as a regular expression, one group per path parameter;
 * {@code null} for a route without a path, which matches every path
 * @param parameters the path parameters' names, in the order of the pattern's groups
 */
record HttpRoute(HttpEvent event, LocalFunction function, @Nullable Pattern pattern, List<String> parameters) {

	private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+?)(\\+?)}");

	static HttpRoute of(HttpEvent event, LocalFunction function) {
		if (event.path() == null) {
			return new HttpRoute(event, function, null, List.of());
		}
		StringBuilder regex = new StringBuilder();
		List<String> parameters = new java.util.ArrayList<>();
		Matcher matcher = PARAMETER.matcher(event.path());
		int last = 0;
		while (matcher.find()) {
			regex.append(Pattern.quote(event.path().substring(last, matcher.start())));
			regex.append(matcher.group(2).isEmpty() ? "([^/]+)" : "(.+)");
			parameters.add(matcher.group(1));
			last = matcher.end();
		}
		regex.append(Pattern.quote(event.path().substring(last)));
		return new HttpRoute(event, function, Pattern.compile(regex.toString()), List.copyOf(parameters));
	}

	/**
	 * Match a request.
	 * @param method the request's method
	 * @param path the request's decoded path
	 * @return the path parameters, or {@code null} if the route does not match
	 */
	@Nullable Map<String, String> match(String method, String path) {
		if (!this.event.method().equals(HttpEvent.ANY) && !this.event.method().equals(method)) {
			return null;
		}
		if (this.pattern == null) {
			return Map.of();
		}
		Matcher matcher = this.pattern.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < this.parameters.size(); i++) {
			values.put(this.parameters.get(i), matcher.group(i + 1));
		}
		return values;
	}

	/**
	 * Return how specific the route is, lower first, as API Gateway prefers the most
	 * specific route: literal paths, then parameters, then greedy ones and the default
	 * route; a method before {@code ANY}.
	 * @return the rank
	 */
	int rank() {
		String path = this.event.path();
		int rank = (this.pattern == null || path == null) ? 300
				: path.contains("+}") ? 200 : this.parameters.isEmpty() ? 0 : 100;
		return rank + (this.event.method().equals(HttpEvent.ANY) ? 50 : 0);
	}

}
