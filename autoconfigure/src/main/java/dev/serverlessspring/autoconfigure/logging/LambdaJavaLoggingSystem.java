package dev.serverlessspring.autoconfigure.logging;

import java.nio.charset.StandardCharsets;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.serverlessspring.lambda.logging.LambdaTextLogFormatter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.boot.logging.java.JavaLoggingSystem;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's {@link JavaLoggingSystem} with the console set up for CloudWatch: the
 * logging system of functions that log through {@code java.util.logging} (as archetype
 * projects do, SLF4J through {@code slf4j-jdk14}), chosen by Spring Boot wherever neither
 * Logback nor Log4j 2 is present.
 * <p>
 * Its defaults are configured in code, without reading a configuration file:
 * <ul>
 * <li>with {@code logging.structured.format.console} set (serverless-spring sets
 * {@link dev.serverlessspring.lambda.logging.LambdaJsonLogRecordFormatter} when Lambda
 * asks for JSON), one JSON object per record from that {@link StructuredLogFormatter} of
 * {@link LogRecord}s, made by Spring Boot's {@link StructuredLogFormatterFactory} so that
 * {@code logging.structured.json.*} applies;</li>
 * <li>otherwise in Lambda (when {@link LambdaLoggingEnvironmentPostProcessor} has set
 * logging up), one text line per record from {@link LambdaTextLogFormatter};</li>
 * <li>otherwise Spring Boot's defaults.</li>
 * </ul>
 * Lines go to standard output, each in one write. An application's own
 * {@code logging.properties} or {@code logging.config} replaces all of this, as with
 * Spring Boot's {@link JavaLoggingSystem}.
 */
public class LambdaJavaLoggingSystem extends JavaLoggingSystem {

	static final String STRUCTURED_FORMAT = "logging.structured.format.console";

	private static final String SPRING_BOOT_DEFAULTS = "classpath:org/springframework/boot/logging/java/";

	public LambdaJavaLoggingSystem(ClassLoader classLoader) {
		super(classLoader);
	}

	@Override
	protected void loadDefaults(LoggingInitializationContext initializationContext, @Nullable LogFile logFile) {
		Formatter formatter = (logFile != null) ? null : consoleFormatter(initializationContext.getEnvironment());
		if (formatter == null) {
			// Spring Boot's own defaults, which it looks up next to the logging system's
			// class.
			loadConfiguration(
					SPRING_BOOT_DEFAULTS + ((logFile != null) ? "logging-file.properties" : "logging.properties"),
					logFile);
			return;
		}
		Logger root = Logger.getLogger("");
		for (Handler handler : root.getHandlers()) {
			root.removeHandler(handler);
			handler.close();
		}
		root.setLevel(Level.INFO);
		root.addHandler(new StandardOutputHandler(formatter));
	}

	private static @Nullable Formatter consoleFormatter(@Nullable Environment environment) {
		if (environment == null) {
			return null;
		}
		String format = environment.getProperty(STRUCTURED_FORMAT);
		if (format != null) {
			StructuredLogFormatter<LogRecord> formatter = new StructuredLogFormatterFactory<>(LogRecord.class,
					environment, null, (commonFormatters) -> {
					})
				.get(format);
			return new Formatter() {

				@Override
				public String format(LogRecord record) {
					return formatter.format(record);
				}

			};
		}
		if (environment instanceof ConfigurableEnvironment configurable && configurable.getPropertySources()
			.contains(LambdaLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)) {
			return new LambdaTextLogFormatter();
		}
		return null;
	}

	/**
	 * Writes each formatted record to the current {@link System#out} in one write, as
	 * Logback's console appender does: the runtime interface client may have replaced the
	 * stream, and a record must not be interleaved with another thread's.
	 */
	static class StandardOutputHandler extends Handler {

		StandardOutputHandler(Formatter formatter) {
			setFormatter(formatter);
			setLevel(Level.ALL);
		}

		@Override
		public void publish(LogRecord record) {
			if (!isLoggable(record)) {
				return;
			}
			byte[] line;
			try {
				line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
			}
			catch (RuntimeException ex) {
				reportError(null, ex, ErrorManager.FORMAT_FAILURE);
				return;
			}
			System.out.write(line, 0, line.length);
			System.out.flush();
		}

		@Override
		public void flush() {
			System.out.flush();
		}

		@Override
		public void close() {
			flush();
		}

	}

	/**
	 * {@link LoggingSystemFactory} that returns a {@link LambdaJavaLoggingSystem} where
	 * SLF4J logs through {@code java.util.logging} ({@code slf4j-jdk14} is its provider),
	 * and where neither Logback nor Log4j 2 is present, when Spring Boot would use
	 * {@code java.util.logging}. Asked before Spring Boot's factories, it follows SLF4J's
	 * choice on a class path that also holds Logback, where Spring Boot's Logback system
	 * would refuse to start.
	 */
	@Order(Ordered.HIGHEST_PRECEDENCE + 512)
	public static class Factory implements LoggingSystemFactory {

		private static final ClassLoader CLASS_LOADER = Factory.class.getClassLoader();

		private static final String SLF4J_JAVA_LOGGING_FACTORY = "org.slf4j.jul.JDK14LoggerFactory";

		private static final boolean SLF4J_ON_JAVA_LOGGING = ClassUtils.isPresent(SLF4J_JAVA_LOGGING_FACTORY,
				CLASS_LOADER);

		private static final boolean OTHER_SYSTEM = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
				CLASS_LOADER)
				|| ClassUtils.isPresent("org.apache.logging.log4j.core.impl.Log4jContextFactory", CLASS_LOADER);

		@Override
		public @Nullable LoggingSystem getLoggingSystem(ClassLoader classLoader) {
			if (!OTHER_SYSTEM || (SLF4J_ON_JAVA_LOGGING && SLF4J_JAVA_LOGGING_FACTORY
				.equals(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()))) {
				return new LambdaJavaLoggingSystem(classLoader);
			}
			return null;
		}

	}

}
