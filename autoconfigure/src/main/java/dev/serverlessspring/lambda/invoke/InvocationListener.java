package dev.serverlessspring.lambda.invoke;

import java.time.Duration;

import dev.serverlessspring.lambda.event.LambdaEvent;

import org.springframework.core.Ordered;

/**
 * Observes the invocations an {@link EventDispatcher} handles: to put the request id into
 * the logging context, write metrics, log events and the like.
 * <p>
 * Listeners are Spring beans, called in {@link Ordered order} before an invocation and in
 * reverse order after it, on the invoking thread. They watch and should not throw: an
 * exception from a listener fails the invocation, except in {@link #invocationFailed
 * invocationFailed}, where it is added to the function's error as suppressed.
 */
public interface InvocationListener extends Ordered {

	/**
	 * Called before the event is converted and the function called.
	 * @param event the event, with its context
	 */
	default void invocationStarted(LambdaEvent event) {
	}

	/**
	 * Called when the function answered and its result has been converted.
	 * @param event the event, with its context
	 * @param duration the time the invocation took
	 */
	default void invocationSucceeded(LambdaEvent event, Duration duration) {
	}

	/**
	 * Called when the invocation failed; the error then goes on to the runtime.
	 * @param event the event, with its context
	 * @param error what the event's conversion or the function threw
	 * @param duration the time the invocation took
	 */
	default void invocationFailed(LambdaEvent event, Throwable error, Duration duration) {
	}

	@Override
	default int getOrder() {
		return 0;
	}

}
