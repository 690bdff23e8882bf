package dev.serverlessspring.benchmarks.micronaut;

import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * The uppercase function as a Micronaut serverless function: Micronaut starts its application
 * context when Lambda constructs the handler, and the event arrives already converted to the
 * declared input type.
 */
public class UppercaseHandler extends MicronautRequestHandler<String, String> {

	@Override
	public String execute(String input) {
		return input.toUpperCase();
	}

}
