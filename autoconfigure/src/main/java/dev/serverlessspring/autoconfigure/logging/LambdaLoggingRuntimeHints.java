package dev.serverlessspring.autoconfigure.logging;

import dev.serverlessspring.lambda.logging.LambdaJsonLogRecordFormatter;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for {@link LambdaJavaLoggingSystem}: Spring Boot creates its
 * factory and the JSON formatter named by {@code logging.structured.format.console}
 * reflectively.
 */
class LambdaLoggingRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(LambdaJavaLoggingSystem.Factory.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)
			.registerType(LambdaJsonLogRecordFormatter.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
	}

}
