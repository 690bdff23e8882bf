package dev.serverlessspring.benchmarks.quarkus;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The benchmark's uppercase function as Quarkus documents a plain Lambda: a
 * {@code RequestHandler} bean, found by the amazon-lambda extension at build time and called by
 * {@code QuarkusStreamHandler}, which reads the event as JSON into the input type.
 */
public class UppercaseLambda implements RequestHandler<String, String> {

	@Override
	public String handleRequest(String input, Context context) {
		return input.toUpperCase();
	}

}
