package dev.serverlessspring.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The Lambda handler for the managed Java runtimes:
 * {@code dev.serverlessspring.lambda.FunctionHandler::handleRequest}.
 * <p>
 * The runtime creates the handler once per execution environment; the constructor starts
 * the Spring application there, during Lambda's init phase (and before a SnapStart
 * snapshot). Each invocation then only converts the event, calls the function and writes
 * its result.
 * <p>
 * The managed runtimes cannot stream a response: the result of a streaming function
 * ({@code Flux}, {@code Stream}, {@code StreamingBody}) is buffered into one response of
 * at most 6 MB, and a warning at init says so.
 */
public class FunctionHandler implements RequestStreamHandler {

	private final EventDispatcher dispatcher;

	private static final Log logger = LogFactory.getLog(FunctionHandler.class);

	public FunctionHandler() {
		this.dispatcher = LambdaApplication.dispatcher();
		if (this.dispatcher.function().isStreaming()) {
			logger.warn("Function '" + this.dispatcher.function().definition() + "' streams its response, but the "
					+ "managed Java runtime cannot stream: each response is buffered (at most 6 MB). Streaming needs "
					+ "the custom runtime (runtime: provided.al2023), see docs/streaming.md");
		}
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		byte[] response = this.dispatcher.dispatch(input.readAllBytes(), context);
		if (response != null) {
			output.write(response);
		}
	}

}
