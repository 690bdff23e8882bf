package dev.serverlessspring.lambda.invoke;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.event.EventAdapter;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.stream.ResponseStreams;
import dev.serverlessspring.lambda.stream.StreamingResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Turns one Lambda event into a call of the served function and the function's result
 * into the response bytes. Both the managed-runtime handler and the custom runtime's loop
 * go through here, so they behave alike.
 * <p>
 * Exceptions propagate: the runtime reports them to Lambda as the invocation's error.
 * <p>
 * A function whose result streams ({@code Publisher}, {@code Stream},
 * {@link dev.serverlessspring.lambda.stream.StreamingBody}) answers a
 * {@link StreamingResponse} from {@link #respond}: the custom runtime streams it, and
 * {@link #dispatch} buffers it.
 */
public class EventDispatcher {

	private final LambdaFunction function;

	private final List<EventAdapter> adapters;

	private final ObjectMapper objectMapper;

	private final List<InvocationListener> listeners;

	private final ResponseStreams streams;

	public EventDispatcher(LambdaFunction function, List<EventAdapter> adapters, ObjectMapper objectMapper) {
		this(function, adapters, objectMapper, List.of());
	}

	public EventDispatcher(LambdaFunction function, List<EventAdapter> adapters, ObjectMapper objectMapper,
			List<InvocationListener> listeners) {
		this(function, adapters, objectMapper, listeners, new ResponseStreams(objectMapper, "\n"));
	}

	public EventDispatcher(LambdaFunction function, List<EventAdapter> adapters, ObjectMapper objectMapper,
			List<InvocationListener> listeners, ResponseStreams streams) {
		this.function = function;
		this.adapters = List.copyOf(adapters);
		this.objectMapper = objectMapper;
		this.listeners = List.copyOf(listeners);
		this.streams = streams;
	}

	/**
	 * Return the function this dispatcher serves.
	 * @return the function
	 */
	public LambdaFunction function() {
		return this.function;
	}

	/**
	 * Handle one invocation; a streaming result is buffered (at most 6 MB), as on the
	 * managed runtimes, which cannot stream.
	 * @param payload the event's bytes
	 * @param context the invocation's context
	 * @return the response bytes, or {@code null} for an empty response
	 */
	public byte @Nullable [] dispatch(byte[] payload, Context context) {
		return respond(payload, context).payload();
	}

	/**
	 * Handle one invocation, leaving a streaming result to stream: the function has been
	 * called, and a stream's first element has been produced, but its body is written
	 * when the caller writes the {@link LambdaResponse#stream() stream} (with the
	 * invocation's context in {@link LambdaContextHolder} meanwhile).
	 * @param payload the event's bytes
	 * @param context the invocation's context
	 * @return the response
	 */
	public LambdaResponse respond(byte[] payload, Context context) {
		LambdaContextHolder.setContext(context);
		LambdaResponse response;
		try {
			LambdaEvent event = new LambdaEvent(payload, context, this.objectMapper);
			response = this.listeners.isEmpty() ? handle(event) : handleObserved(event);
		}
		finally {
			LambdaContextHolder.resetContext();
		}
		StreamingResponse stream = response.stream();
		if (stream == null) {
			return response;
		}
		// The body runs after respond() returned, where the function still expects its
		// context.
		return LambdaResponse.streaming(stream.withBody((body) -> (out) -> {
			LambdaContextHolder.setContext(context);
			try {
				body.writeTo(out);
			}
			finally {
				LambdaContextHolder.resetContext();
			}
		}));
	}

	private LambdaResponse handleObserved(LambdaEvent event) {
		long start = System.nanoTime();
		for (InvocationListener listener : this.listeners) {
			listener.invocationStarted(event);
		}
		LambdaResponse response;
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

	private LambdaResponse handle(LambdaEvent event) {
		for (EventAdapter adapter : this.adapters) {
			if (adapter.supports(event, this.function)) {
				return adapter.respond(event, this.function);
			}
		}
		Object input = this.function.readInput(event.payload());
		Object result = this.function.invoke(input, event.context(), Map.of());
		Object body = (result instanceof Message<?> message) ? message.getPayload() : result;
		if (body == null || !ResponseStreams.isStreaming(body)) {
			return LambdaResponse.of(this.function.writeOutput(result));
		}
		// A direct invocation (InvokeWithResponseStream): the bytes as they come, no
		// prelude.
		ResponseStreams.Body stream = this.streams.open(body);
		Object declared = (result instanceof Message<?> message) ? message.getHeaders().get(MessageHeaders.CONTENT_TYPE)
				: null;
		String contentType = (declared != null) ? declared.toString()
				: ResponseStreams.defaultContentType(stream.first());
		return LambdaResponse
			.streaming(new StreamingResponse(contentType, null, stream.writer(contentType), (bytes) -> bytes));
	}

}
