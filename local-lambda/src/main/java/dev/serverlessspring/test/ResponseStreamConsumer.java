package dev.serverlessspring.test;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Takes a response as its function streams it
 * ({@code Lambda-Runtime-Function-Response-Mode:
 * streaming}): the Invoke API's {@code InvokeWithResponseStream}, a Function URL. A
 * response that does not stream is not given to it: it is the invocation's result.
 */
@FunctionalInterface
public interface ResponseStreamConsumer {

	/**
	 * Called once, when the stream's first bytes arrive; an invocation that fails before
	 * never calls it.
	 * @param contentType the stream's {@code Content-Type}, such as
	 * {@code application/vnd.awslambda.http-integration-response}
	 * @return where the bytes go, each {@link OutputStream#flush() flush} as they arrive;
	 * a write that fails (the caller left) cuts the function's stream
	 * @throws IOException if the consumer cannot take the stream
	 */
	OutputStream open(String contentType) throws IOException;

}
