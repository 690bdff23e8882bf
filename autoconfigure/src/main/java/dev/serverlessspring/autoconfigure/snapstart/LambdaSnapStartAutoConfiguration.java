package dev.serverlessspring.autoconfigure.snapstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.lambda.FunctionHandler;
import dev.serverlessspring.lambda.LambdaApplication;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.snapstart.CheckpointHooks;
import dev.serverlessspring.lambda.snapstart.SnapStartPriming;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * SnapStart: primes the function before Lambda's snapshot and refreshes shared state
 * after each restore ({@link SnapStartPriming}).
 * <p>
 * Whether the hooks are registered is decided when the application starts, not by a
 * condition, so that an application processed by Spring AOT at build time still decides
 * by the environment it runs in.
 */
@AutoConfiguration(after = LambdaFunctionAutoConfiguration.class)
@ConditionalOnClass({ org.crac.Resource.class, EventDispatcher.class })
@EnableConfigurationProperties(LambdaSnapStartProperties.class)
public class LambdaSnapStartAutoConfiguration {

	static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

	/**
	 * Set to {@code true} by serverless-spring-maven-plugin's training run, which writes
	 * the AOT cache of a package that carries its own Java runtime.
	 */
	static final String TRAINING = "SERVERLESS_SPRING_TRAINING";

	private static final String RUNTIME_INTERFACE_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	@Bean
	@ConditionalOnMissingBean
	SnapStartPriming snapStartPriming(ObjectProvider<EventDispatcher> dispatcher, LambdaSnapStartProperties properties,
			ResourceLoader resourceLoader, ApplicationContext applicationContext) {
		LambdaSnapStartProperties.Priming priming = properties.getPriming();
		// Zero would interrupt the priming at once; a negative time would end its
		// watchdog.
		if (priming.getTimeout() == null || priming.getTimeout().isNegative() || priming.getTimeout().isZero()) {
			throw new IllegalStateException(
					"serverless.spring.snapstart.priming.timeout is " + priming.getTimeout() + "; it must be positive");
		}
		SnapStartPriming hooks = new SnapStartPriming(dispatcher::getObject, () -> handler(applicationContext),
				primingEvent(priming, resourceLoader), priming.isEnabled() ? Math.max(1, priming.getInvocations()) : 0,
				priming.getTimeout(), applicationContext);
		if (properties.isEnabledFor(System.getenv(INITIALIZATION_TYPE))) {
			CheckpointHooks.register(hooks);
		}
		return hooks;
	}

	/**
	 * Primes the function once it has started when it runs in a build-time training run,
	 * with the events it would be primed with before a SnapStart snapshot: the JVM's AOT
	 * cache, written when the training run ends, then holds the classes and profiles of
	 * the invocation path. Decided at run time, like the hooks above.
	 * @param priming the priming that runs before a SnapStart snapshot
	 * @param properties the SnapStart settings, whose {@code priming.enabled} also
	 * applies here
	 * @return the listener that primes in a training run
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> snapStartTrainingPriming(SnapStartPriming priming,
			LambdaSnapStartProperties properties) {
		return (event) -> {
			if ("true".equals(System.getenv(TRAINING)) && properties.getPriming().isEnabled()) {
				priming.prime();
			}
		};
	}

	/**
	 * The handler the runtime serves this application through: {@link FunctionHandler}
	 * when it started the application under the runtime interface client (Lambda's
	 * managed runtime); none otherwise (our custom runtime's loop calls the dispatcher; a
	 * test).
	 * @param applicationContext the application's context
	 * @return the handler, or {@code null} when the runtime does not call one
	 */
	private static @Nullable RequestStreamHandler handler(ApplicationContext applicationContext) {
		boolean managedRuntime = ClassUtils.isPresent(RUNTIME_INTERFACE_CLIENT, ClassLoader.getSystemClassLoader());
		return (managedRuntime && LambdaApplication.context() == applicationContext) ? new FunctionHandler() : null;
	}

	private static byte @Nullable [] primingEvent(LambdaSnapStartProperties.Priming priming,
			ResourceLoader resourceLoader) {
		if (priming.getEvent() != null) {
			return priming.getEvent().getBytes(StandardCharsets.UTF_8);
		}
		if (priming.getEventLocation() != null) {
			try (InputStream in = resourceLoader.getResource(priming.getEventLocation()).getInputStream()) {
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + priming.getEventLocation()
						+ " (serverless.spring.snapstart.priming.event-location)", ex);
			}
		}
		return null;
	}

}
