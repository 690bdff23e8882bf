package dev.serverlessspring.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.serverlessspring.lambda.invoke.EventDispatcher;

/**
 * The Lambda handler for the managed Java runtimes:
 * {@code dev.serverlessspring.lambda.FunctionHandler::handleRequest}.
 * <p>
 * The runtime creates the handler once per execution environment; the constructor starts the
 * Spring application there, during Lambda's init phase (and before a SnapStart snapshot).
 * Each invocation then only converts the event, calls the function and writes its result.
 */
public class FunctionHandler implements RequestStreamHandler {

	private final EventDispatcher dispatcher;

	public FunctionHandler() {
		this.dispatcher = LambdaApplication.dispatcher();
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		byte[] response = this.dispatcher.dispatch(input.readAllBytes(), context);
		if (response != null) {
			output.write(response);
		}
	}

}
