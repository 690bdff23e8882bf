package dev.serverlessspring.lambda.logging;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * {@code java.util.logging} counterpart of {@link LambdaJsonLogFormatter}: a
 * {@link StructuredLogFormatter} that writes each log record as one JSON object in the
 * shape of Lambda's own JSON application logs: {@code timestamp} (RFC 3339, UTC),
 * {@code level} (SLF4J's names), {@code message}, {@code logger}, {@code thread}, the
 * SLF4J MDC entries (among them {@code AWSRequestId}, see {@link LambdaMdc}), and for an
 * exception {@code errorType}, {@code errorMessage} and {@code stackTrace}.
 * <p>
 * The MDC and the thread are read on the logging thread: {@code java.util.logging}
 * handlers publish synchronously. serverless-spring's logging system for
 * {@code java.util.logging} selects it through {@code logging.structured.format.console}
 * when Lambda asks for JSON logs; Spring Boot's {@code logging.structured.json.*}
 * properties apply to it.
 */
public class LambdaJsonLogRecordFormatter extends JsonWriterStructuredLogFormatter<LogRecord> {

	// Formatter.formatMessage applies a record's parameters and resource bundle, if it
	// has them.
	private static final Formatter MESSAGE = new SimpleFormatter();

	public LambdaJsonLogRecordFormatter(@Nullable StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
			StructuredLoggingJsonMembersCustomizer<?> customizer) {
		super((members) -> members(members, stackTracePrinter, contextPairs), customizer);
	}

	private static void members(JsonWriter.Members<LogRecord> members, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs) {
		members.add("timestamp", LogRecord::getInstant).as(LambdaJsonLogRecordFormatter::timestamp);
		members.add("level", LogRecord::getLevel).as(LambdaTextLogFormatter::level);
		members.add("message", MESSAGE::formatMessage);
		members.add("logger", LogRecord::getLoggerName);
		members.add("thread", (record) -> Thread.currentThread().getName());
		members.add().usingPairs(contextPairs.flat(".", (pairs) -> pairs.addMapEntries((record) -> mdc())));
		members.add("errorType", LogRecord::getThrown).whenNotNull().as((thrown) -> thrown.getClass().getName());
		members.add("errorMessage", LogRecord::getThrown).whenNotNull().as(Throwable::getMessage);
		members.add("stackTrace", LogRecord::getThrown)
			.whenNotNull()
			.as((thrown) -> (stackTracePrinter != null) ? stackTracePrinter.printStackTraceToString(thrown)
					: LambdaTextLogFormatter.stackTrace(thrown));
	}

	// RFC 3339 in UTC, to the millisecond, as Lambda's own JSON logs.
	static String timestamp(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	private static Map<String, String> mdc() {
		Map<String, String> mdc = MDC.getCopyOfContextMap();
		return (mdc != null) ? mdc : Map.of();
	}

}
