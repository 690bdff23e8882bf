package dev.serverlessspring.example.reliability;

import dev.serverlessspring.test.process.FunctionPackage;

/**
 * The concurrency suite on serverless-spring's own event loop, which runs as many loops
 * as {@code AWS_LAMBDA_MAX_CONCURRENCY} says, as the AWS runtime interface client does.
 */
class CustomRuntimeConcurrencyIT extends ConcurrencyIT {

	@Override
	FunctionPackage function(String definition) {
		return ExamplePackage.customRuntimeFunction(definition);
	}

}
