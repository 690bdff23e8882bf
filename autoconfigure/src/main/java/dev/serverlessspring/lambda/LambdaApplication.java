package dev.serverlessspring.lambda;

import java.util.Map;

import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolutionException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.ClassUtils;

/**
 * Starts the Spring application once per Lambda execution environment and hands out the
 * {@link EventDispatcher} that serves its function. Used by {@link FunctionHandler} on
 * the managed runtime and by the custom runtime's event loop.
 */
public final class LambdaApplication {

	/**
	 * Defaults that suit a Lambda execution environment; they are the application's
	 * lowest precedence properties, so {@code application.properties} or environment
	 * variables override them.
	 */
	private static final Map<String, Object> LAMBDA_DEFAULTS = Map.of("spring.main.web-application-type", "none",
			"spring.main.banner-mode", "off", "spring.main.log-startup-info", "false",
			"spring.cloud.function.web.export.enabled", "false");

	private static final String AOT_ENABLED = "spring.aot.enabled";

	/** A system property Spring Boot reads when its listeners are created. */
	private static final String IGNORE_BACKGROUND_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

	/** The suffix of the class Spring AOT generates for the main class. */
	private static final String AOT_INITIALIZER_SUFFIX = "__ApplicationContextInitializer";

	private static volatile @Nullable EventDispatcher dispatcher;

	private static @Nullable ConfigurableApplicationContext context;

	private LambdaApplication() {
	}

	/**
	 * Return the dispatcher, starting the application on first use.
	 * @return the dispatcher of the application's function
	 */
	public static EventDispatcher dispatcher() {
		EventDispatcher current = dispatcher;
		if (current == null) {
			synchronized (LambdaApplication.class) {
				current = dispatcher;
				if (current == null) {
					current = start(MainClassLocator.locate(LambdaApplication.class.getClassLoader()));
					dispatcher = current;
				}
			}
		}
		return current;
	}

	/**
	 * Return the running application context.
	 * @return the context, or {@code null} before the application started
	 */
	public static @Nullable ConfigurableApplicationContext context() {
		return context;
	}

	/**
	 * Run with the build's AOT-generated bean definitions when the package carries them
	 * (the build ran Spring Boot's {@code process-aot}): AOT skips configuration-class
	 * parsing and condition evaluation, a fifth of the cold start's CPU time. It fixes
	 * the conditions as they were at build time, so serverless-spring's own switches are
	 * read at run time instead (see the logging and metrics auto-configurations).
	 * {@code SPRING_AOT_ENABLED=false} (an environment variable of the function, which
	 * Spring itself only reads as the {@code spring.aot.enabled} system property) or
	 * {@code -Dspring.aot.enabled=false} turns it off.
	 * @param mainClass the application's main class, whose generated initializer is
	 * looked for
	 */
	private static void useAotArtifactsWhenPresent(Class<?> mainClass) {
		if (System.getProperty(AOT_ENABLED) != null) {
			return;
		}
		String fromEnvironment = System.getenv("SPRING_AOT_ENABLED");
		boolean enabled = (fromEnvironment != null) ? Boolean.parseBoolean(fromEnvironment.strip())
				: ClassUtils.isPresent(mainClass.getName() + AOT_INITIALIZER_SUFFIX, mainClass.getClassLoader());
		if (enabled) {
			System.setProperty(AOT_ENABLED, "true");
		}
	}

	/**
	 * With more than one CPU, Spring Boot warms up Jackson, charsets and conversion in a
	 * background thread while the application starts. Lambda sizes CPU by memory, below
	 * 1,769 MB less than one vCPU for all threads of the function: that thread's work is
	 * then taken from the start itself. Measured on two CPUs (benchmarks/README.md): 70
	 * ms more CPU, no earlier first answer.
	 * {@code -Dspring.backgroundpreinitializer.ignore=false} (for example in
	 * {@code JAVA_TOOL_OPTIONS}) turns it back on.
	 */
	private static void skipBackgroundPreinitialization() {
		if (System.getProperty(IGNORE_BACKGROUND_PREINITIALIZER) == null) {
			System.setProperty(IGNORE_BACKGROUND_PREINITIALIZER, "true");
		}
	}

	private static EventDispatcher start(Class<?> mainClass) {
		useAotArtifactsWhenPresent(mainClass);
		skipBackgroundPreinitialization();
		ConfigurableApplicationContext started = run(application(mainClass));
		context = started;
		return started.getBean(EventDispatcher.class);
	}

	/**
	 * Create the application as a Lambda execution environment starts it: Lambda's
	 * defaults as its lowest precedence properties. The local Lambda of
	 * {@code serverless-spring-test} uses it to run functions in-process alike.
	 * @param mainClass the {@code @SpringBootApplication} class
	 * @return the application, not started
	 */
	public static SpringApplication application(Class<?> mainClass) {
		SpringApplication application = new SpringApplication(mainClass);
		// Spring Boot deduces the main class from the stack, which has no main() under
		// Lambda; AOT mode needs it to find the generated initializer.
		application.setMainApplicationClass(mainClass);
		application.setDefaultProperties(LAMBDA_DEFAULTS);
		return application;
	}

	/**
	 * Run an application made by {@link #application(Class)} and check that it serves a
	 * function.
	 * @param application the application
	 * @return the running context, which holds an {@link EventDispatcher}
	 * @throws FunctionResolutionException if the function to serve is unknown or
	 * ambiguous
	 */
	public static ConfigurableApplicationContext run(SpringApplication application) {
		ConfigurableApplicationContext started = application.run();
		try {
			started.getBean(EventDispatcher.class);
			return started;
		}
		catch (BeansException ex) {
			started.close();
			// Lambda shows the init error's type and message: report ours, not Spring's
			// wrapper.
			if (NestedExceptionUtils.getMostSpecificCause(ex) instanceof FunctionResolutionException resolution) {
				throw resolution;
			}
			throw ex;
		}
	}

}
