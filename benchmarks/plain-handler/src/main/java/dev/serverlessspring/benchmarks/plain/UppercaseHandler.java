package dev.serverlessspring.benchmarks.plain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The framework-free baseline: the event's text in upper case, with a JSON string literal
 * unquoted as serverless-spring does, so both answer the same bytes.
 */
public class UppercaseHandler implements RequestStreamHandler {

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		String text = new String(input.readAllBytes(), StandardCharsets.UTF_8).strip();
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			text = text.substring(1, text.length() - 1);
		}
		output.write(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
	}

}
