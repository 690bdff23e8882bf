package dev.serverlessspring.test.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.config.ServerlessConfig;
import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.AnnotatedClassFinder;

/**
 * The JUnit extension behind {@link LocalLambdaTest}: starts the local Lambda before the
 * class's tests, keeps it in the class's store (which closes it after them), and resolves
 * {@link LocalLambda} and {@link LocalAwsServices} parameters.
 */
public class LocalLambdaExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LocalLambdaExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		localLambda(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == LocalLambda.class || type == LocalAwsServices.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		LocalLambda lambda = localLambda(extensionContext);
		return (parameterContext.getParameter().getType() == LocalAwsServices.class) ? lambda.aws() : lambda;
	}

	private static LocalLambda localLambda(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		LocalLambdaTest settings = AnnotationSupport.findAnnotation(testClass, LocalLambdaTest.class)
			.orElseThrow(
					() -> new IllegalStateException(testClass.getName() + " is not annotated with @LocalLambdaTest"));
		ExtensionContext classContext = context.getRoot().equals(context.getParent().orElse(null)) ? context
				: classContext(context);
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(testClass, (key) -> start(testClass, settings), LocalLambda.class);
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getParent().isPresent() && !current.getParent().get().equals(context.getRoot())) {
			current = current.getParent().get();
		}
		return current;
	}

	private static LocalLambda start(Class<?> testClass, LocalLambdaTest settings) {
		Path config = Path.of(settings.config());
		if (!config.isAbsolute()) {
			config = ServerlessConfig.findUpwards(Path.of(""), settings.config())
				.orElseThrow(() -> new IllegalStateException("@LocalLambdaTest: no " + settings.config() + " in "
						+ Path.of("").toAbsolutePath() + " or its parents"));
		}
		LocalLambda.Builder builder = LocalLambda.builder()
			.config(config)
			.mode(settings.mode())
			.awsServices(settings.awsServices());
		if (!settings.stage().isEmpty()) {
			builder.stage(settings.stage());
		}
		if (settings.mode() != LocalLambda.Mode.OUT_OF_PROCESS) {
			builder.mainClass((settings.mainClass() != void.class) ? settings.mainClass()
					: new AnnotatedClassFinder(SpringBootConfiguration.class).findFromClass(testClass));
		}
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
