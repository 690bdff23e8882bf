package dev.serverlessspring.example.reliability;

import dev.serverlessspring.test.process.FunctionPackage;

/**
 * The log secrecy suite on serverless-spring's own event loop.
 */
class CustomRuntimeLogSecrecyIT extends LogSecrecyIT {

	@Override
	FunctionPackage function(String definition) {
		return ExamplePackage.customRuntimeFunction(definition);
	}

}
