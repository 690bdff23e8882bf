package dev.serverlessspring.lambda.invoke;

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

	public EventDispatcher(LambdaFunction function, List<EventAdapter> adapters, ObjectMapper objectMapper) {
		this.function = function;
		this.adapters = List.copyOf(adapters);
		this.objectMapper = objectMapper;
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
			for (EventAdapter adapter : this.adapters) {
				if (adapter.supports(event, this.function)) {
					return adapter.handle(event, this.function);
				}
			}
			Object input = this.function.readInput(payload);
			return this.function.writeOutput(this.function.invoke(input, context, Map.of()));
		}
		finally {
			LambdaContextHolder.resetContext();
		}
	}

}
