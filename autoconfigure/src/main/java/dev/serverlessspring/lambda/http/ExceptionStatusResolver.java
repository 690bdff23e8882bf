package dev.serverlessspring.lambda.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * Finds the HTTP status an exception thrown by a function maps to: an entry of
 * {@code serverless.spring.http.exception-status} for its class or a superclass, or a
 * {@link ResponseStatus @ResponseStatus} on its type. Causes are searched too, so a
 * mapped exception wrapped by another one still maps.
 */
public class ExceptionStatusResolver {

	private static final int UNMAPPED = -1;

	private final Map<Class<?>, Integer> statuses;

	private final Map<Class<?>, Integer> resolved = new ConcurrentHashMap<>();

	/**
	 * Create a resolver.
	 * @param statuses the HTTP statuses by exception type, applying to subtypes too
	 */
	public ExceptionStatusResolver(Map<Class<? extends Throwable>, Integer> statuses) {
		this.statuses = Map.copyOf(statuses);
	}

	/**
	 * Return the exception, or the first of its causes, that is mapped to a status.
	 * @param exception the exception a function threw
	 * @return the mapped exception and its status, or {@code null} when none is mapped
	 */
	public @Nullable MappedException resolve(Throwable exception) {
		Throwable current = exception;
		for (int depth = 0; current != null && depth < 16; depth++) {
			int status = this.resolved.computeIfAbsent(current.getClass(), this::statusOf);
			if (status != UNMAPPED) {
				return new MappedException(current, status);
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

	private int statusOf(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			Integer status = this.statuses.get(candidate);
			if (status != null) {
				return status;
			}
		}
		return MergedAnnotations.from(type, SearchStrategy.SUPERCLASS)
			.get(ResponseStatus.class)
			.getValue("value", Integer.class)
			.orElse(UNMAPPED);
	}

	/**
	 * An exception that maps to an HTTP status.
	 *
	 * @param exception the exception
	 * @param status its HTTP status
	 */
	public record MappedException(Throwable exception, int status) {
	}

}
