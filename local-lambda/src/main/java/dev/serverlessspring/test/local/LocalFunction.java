package dev.serverlessspring.test.local;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.ResponseStreamConsumer;
import dev.serverlessspring.test.config.FunctionConfig;
import dev.serverlessspring.test.runtime.InvocationRequest;
import org.jspecify.annotations.Nullable;

/**
 * One function of a {@link LocalLambda}: one execution environment that serves one
 * invocation at a time.
 */
public interface LocalFunction extends AutoCloseable {

	/**
	 * Return the function's configuration.
	 * @return the configuration
	 */
	FunctionConfig config();

	/**
	 * Start a request for this function: its timeout and ARN are preset.
	 * @param event the event's bytes
	 * @return the request builder
	 */
	default InvocationRequest.Builder invocation(byte[] event) {
		return InvocationRequest.builder(event).timeout(config().timeout()).invokedFunctionArn(config().arn());
	}

	/**
	 * Invoke the function, starting its environment if needed (init errors, timeouts and
	 * exceptions are results, not exceptions).
	 * @param request the request
	 * @return the result, with the invocation's log
	 */
	InvocationResult invoke(InvocationRequest request);

	/**
	 * Invoke the function and take its response as it streams: a function that streams
	 * (on the custom runtime, or in process) writes to the consumer as it produces; the
	 * managed runtimes cannot stream, and their response is the result's payload.
	 * @param request the request
	 * @param consumer takes a streamed response
	 * @return the result, without payload when the response streamed; a stream that
	 * failed midway is a function error
	 */
	default InvocationResult invoke(InvocationRequest request, @Nullable ResponseStreamConsumer consumer) {
		return invoke(request);
	}

	/**
	 * Stop the environment.
	 */
	@Override
	void close();

}
