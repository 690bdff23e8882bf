package dev.serverlessspring.example.reliability;

import dev.serverlessspring.test.process.FunctionPackage;

/**
 * The soak on serverless-spring's own event loop.
 */
class CustomRuntimeSoakIT extends SoakIT {

	@Override
	FunctionPackage function(String definition) {
		return ExamplePackage.customRuntimeFunction(definition);
	}

}
