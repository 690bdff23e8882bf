package dev.serverlessspring.lambda.event;

import dev.serverlessspring.lambda.invoke.LambdaFunction;
import dev.serverlessspring.lambda.invoke.LambdaResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Maps one family of Lambda events (HTTP requests, record batches, ...) onto calls of a
 * plain function, and the function's results back onto the response Lambda expects.
 * <p>
 * Adapters are Spring beans, asked in {@link Ordered order}; the first that
 * {@link #supports supports} an event handles it. An event no adapter supports is
 * converted directly to the function's input type.
 */
public interface EventAdapter extends Ordered {

	/**
	 * Whether this adapter handles the event for the function.
	 * @param event the event
	 * @param function the function it is for
	 * @return {@code true} to handle it
	 */
	boolean supports(LambdaEvent event, LambdaFunction function);

	/**
	 * Invoke the function for the event.
	 * @param event the event
	 * @param function the function to call
	 * @return the bytes of the Lambda response, or {@code null} for none
	 */
	byte @Nullable [] handle(LambdaEvent event, LambdaFunction function);

	/**
	 * Invoke the function for the event, leaving a streaming result to stream. Adapters
	 * of events whose answer can stream (HTTP responses) override it; by default the
	 * answer is {@link #handle}'s.
	 * @param event the event
	 * @param function the function to call
	 * @return the response
	 */
	default LambdaResponse respond(LambdaEvent event, LambdaFunction function) {
		return LambdaResponse.of(handle(event, function));
	}

	@Override
	default int getOrder() {
		return 0;
	}

}
