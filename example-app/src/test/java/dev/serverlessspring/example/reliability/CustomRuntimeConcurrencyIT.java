package dev.serverlessspring.example.reliability;

import dev.serverlessspring.test.process.FunctionPackage;

/**
 * The concurrency suite on serverless-spring's own event loop. It runs one loop whatever
 * {@code AWS_LAMBDA_MAX_CONCURRENCY} says, so the 8 outstanding invocations are served one
 * after the other; each must still get its own answer exactly once.
 */
class CustomRuntimeConcurrencyIT extends ConcurrencyIT {

	@Override
	FunctionPackage function(String definition) {
		return ExamplePackage.customRuntimeFunction(definition);
	}

	@Override
	boolean runsConcurrentLoops() {
		return false;
	}

}
