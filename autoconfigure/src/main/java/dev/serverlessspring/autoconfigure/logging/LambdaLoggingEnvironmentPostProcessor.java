package dev.serverlessspring.autoconfigure.logging;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Sets Spring Boot's console logging up the way CloudWatch wants it, when the application
 * runs in Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} is set):
 * <ul>
 * <li>JSON lines when Lambda's advanced logging controls ask for JSON
 * ({@code AWS_LAMBDA_LOG_FORMAT=JSON}):
 * {@link dev.serverlessspring.lambda.logging.LambdaJsonLogRecordFormatter} with
 * {@code java.util.logging} (as archetype projects do),
 * {@link dev.serverlessspring.lambda.logging.LambdaJsonLogFormatter} with Logback, ECS
 * with Log4j 2;</li>
 * <li>otherwise text lines with the request id, in which the line breaks of multi-line
 * messages and stack traces become carriage returns, as Lambda's own runtimes do, so that
 * each stays one CloudWatch event: a Logback pattern, and with {@code java.util.logging}
 * {@link dev.serverlessspring.lambda.logging.LambdaTextLogFormatter}, which
 * {@link LambdaJavaLoggingSystem} installs when it finds this post-processor's property
 * source;</li>
 * <li>the root log level from {@code AWS_LAMBDA_LOG_LEVEL}, when set.</li>
 * </ul>
 * The settings are a property source of the lowest precedence: any {@code logging.*}
 * property of the application wins. {@code serverless.spring.logging.enabled=false} turns
 * them off.
 */
public class LambdaLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The name of the property source this post-processor adds. */
	public static final String PROPERTY_SOURCE_NAME = "serverlessSpringLambdaLogging";

	// The replacement is a real carriage return: in a regex replacement "\\r" would be a
	// plain r.
	static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %X{AWSRequestId:-} %5p [%t] %logger{39} : "
			+ "%replace(%m%wEx){'\\r?\\n','\r'}%nopex%n";

	static final String JSON_FORMAT = "dev.serverlessspring.lambda.logging.LambdaJsonLogFormatter";

	static final String JAVA_LOGGING_JSON_FORMAT = "dev.serverlessspring.lambda.logging.LambdaJsonLogRecordFormatter";

	private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

	private static final String LOG4J2 = "org.apache.logging.log4j.core.impl.Log4jContextFactory";

	private final Function<String, String> environmentVariables;

	public LambdaLoggingEnvironmentPostProcessor() {
		this(System::getenv);
	}

	LambdaLoggingEnvironmentPostProcessor(Function<String, String> environmentVariables) {
		this.environmentVariables = environmentVariables;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (this.environmentVariables.apply("AWS_LAMBDA_FUNCTION_NAME") == null
				|| !environment.getProperty(LambdaLoggingProperties.PREFIX + ".enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> properties = new HashMap<>();
		if ("JSON".equalsIgnoreCase(this.environmentVariables.apply("AWS_LAMBDA_LOG_FORMAT"))) {
			properties.put(LambdaJavaLoggingSystem.STRUCTURED_FORMAT, jsonFormat(getClass().getClassLoader()));
		}
		else {
			properties.put("logging.pattern.console", TEXT_PATTERN);
		}
		String level = this.environmentVariables.apply("AWS_LAMBDA_LOG_LEVEL");
		if (level != null && !level.isBlank()) {
			properties.put("logging.level.root", level.strip().toUpperCase(Locale.ROOT));
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	// The logging system Spring Boot picks: Logback, else Log4j 2, else
	// java.util.logging.
	static String jsonFormat(ClassLoader classLoader) {
		if (ClassUtils.isPresent(LOGBACK, classLoader)) {
			return JSON_FORMAT;
		}
		return ClassUtils.isPresent(LOG4J2, classLoader) ? "ecs" : JAVA_LOGGING_JSON_FORMAT;
	}

}
