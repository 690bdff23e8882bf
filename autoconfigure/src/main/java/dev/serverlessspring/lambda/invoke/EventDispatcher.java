package dev.serverlessspring.lambda.invoke;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.event.LambdaEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns one Lambda event into a call of the served function and the function's result into
 * the response bytes. Both the managed-runtime handler and the custom runtime's loop go
 * through here, so they behave alike.
 * <p>
 * Exceptions propagate: the runtime reports them to Lambda as the invocation's error.
 */
public class EventDispatcher {

	private final LambdaFunction function;

	private final List<EventAdapter> adapters;

	private final ObjectMapper objectMapper;

	private final List<InvocationListener> listeners;

	public EventDispatcher(LambdaFunction function, List<EventAdapter> adapters, ObjectMapper objectMapper) {
		this(function, adapters, objectMapper, List.of());
	}

	public EventDispatcher(LambdaFunction function, List<EventAdapter> adapters, ObjectMapper objectMapper,
			List<InvocationListener> listeners) {
		this.function = function;
		this.adapters = List.copyOf(adapters);
		this.objectMapper = objectMapper;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return the function this dispatcher serves.
	 * @return the function
	 */
	public LambdaFunction function() {
		return this.function;
	}

	/**
	 * Handle one invocation.
	 * @param payload the event's bytes
	 * @param context the invocation's context
	 * @return the response bytes, or {@code null} for an empty response
	 */
	public byte[] dispatch(byte[] payload, Context context) {
		LambdaContextHolder.setContext(context);
		try {
			LambdaEvent event = new LambdaEvent(payload, context, this.objectMapper);
			if (this.listeners.isEmpty()) {
				return handle(event);
			}
			return handleObserved(event);
		}
		finally {
			LambdaContextHolder.resetContext();
		}
	}

	private byte[] handleObserved(LambdaEvent event) {
		long start = System.nanoTime();
		for (InvocationListener listener : this.listeners) {
			listener.invocationStarted(event);
		}
		byte[] response;
		try {
			response = handle(event);
		}
		catch (RuntimeException | Error ex) {
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			for (int i = this.listeners.size() - 1; i >= 0; i--) {
				try {
					this.listeners.get(i).invocationFailed(event, ex, duration);
				}
				catch (RuntimeException listenerFailure) {
					// The function's error is what the runtime must report.
					ex.addSuppressed(listenerFailure);
				}
			}
			throw ex;
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		for (int i = this.listeners.size() - 1; i >= 0; i--) {
			this.listeners.get(i).invocationSucceeded(event, duration);
		}
		return response;
	}

	private byte[] handle(LambdaEvent event) {
		for (EventAdapter adapter : this.adapters) {
			if (adapter.supports(event, this.function)) {
				return adapter.handle(event, this.function);
			}
		}
		Object input = this.function.readInput(event.payload());
		return this.function.writeOutput(this.function.invoke(input, event.context(), Map.of()));
	}

}
