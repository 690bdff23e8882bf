package dev.serverlessspring.example.reliability;

import dev.serverlessspring.test.process.FunctionPackage;

/**
 * The hostile input suite on serverless-spring's own event loop ({@code provided.al2023}
 * on the JVM, the example's custom-runtime zip) instead of the AWS runtime interface
 * client.
 */
class CustomRuntimeHostileInputIT extends HostileInputIT {

	@Override
	FunctionPackage function(String definition) {
		return ExamplePackage.customRuntimeFunction(definition);
	}

}
