package dev.serverlessspring.lambda.aot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image of a function needs from serverless-spring itself: the manifest
 * that names the application class, the field the SnapStart hooks renew, and AWS's event
 * serialization machinery.
 */
class LambdaRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// MainClassLocator reads Start-Class from the function's manifest.
		hints.resources().registerPattern("META-INF/MANIFEST.MF");
		hints.reflection()
			.registerType(TypeReference.of("org.springframework.messaging.MessageHeaders"),
					(type) -> type.withField("idGenerator"));
		// LambdaEventSerializers looks its serializers and mix-ins up by name.
		AwsEventTypeHints.registerSerializationSupport(hints, classLoader);
		hints.reflection()
			.registerType(TypeReference.of("com.amazonaws.services.lambda.runtime.LambdaRuntime"),
					MemberCategory.ACCESS_DECLARED_FIELDS);
	}

}
