package dev.serverlessspring.autoconfigure.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of how functions serve HTTP events (API Gateway, ALB, Function URLs).
 */
@ConfigurationProperties(LambdaHttpProperties.PREFIX)
public class LambdaHttpProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.http";

	/**
	 * Whether API Gateway, ALB and Function URL events are served as HTTP requests (the
	 * body becomes the function's input, the result a proxy response). When off,
	 * functions receive the whole event.
	 */
	private boolean enabled = true;

	/**
	 * Routes of the HTTP requests that one Lambda function receives, by function
	 * definition: one or more comma-separated routes such as 'POST /orders', 'GET
	 * /orders/{id}' or '/health' (any method). Serve the 'httpRouter' function to route
	 * every request (no match: 404).
	 */
	private Map<String, List<String>> routes = new LinkedHashMap<>();

	/**
	 * HTTP status of an exception thrown by a function, by fully qualified exception
	 * class name (subclasses included), such as
	 * 'exception-status.[java.util.NoSuchElementException]=404'. The exception's message
	 * becomes the problem detail.
	 */
	private Map<String, Integer> exceptionStatus = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, List<String>> getRoutes() {
		return this.routes;
	}

	public void setRoutes(Map<String, List<String>> routes) {
		this.routes = routes;
	}

	public Map<String, Integer> getExceptionStatus() {
		return this.exceptionStatus;
	}

	public void setExceptionStatus(Map<String, Integer> exceptionStatus) {
		this.exceptionStatus = exceptionStatus;
	}

}
