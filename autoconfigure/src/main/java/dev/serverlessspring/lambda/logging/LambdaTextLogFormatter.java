package dev.serverlessspring.lambda.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * {@code java.util.logging} {@link Formatter} that writes each log record as one text
 * line for CloudWatch: {@code timestamp request-id level [thread] logger : message}, the
 * stack trace after the message. Line breaks inside the message and the stack trace
 * become carriage returns, as Lambda's own runtimes do, so that each record stays one
 * CloudWatch event (Lambda splits standard output at line feeds).
 * <p>
 * The request id is the {@link LambdaMdc#REQUEST_ID} of the SLF4J MDC, read on the
 * logging thread: {@code java.util.logging} handlers publish synchronously. Levels carry
 * SLF4J's names, the ones Lambda's log-level filtering knows.
 */
public class LambdaTextLogFormatter extends Formatter {

	private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Override
	public String format(LogRecord record) {
		StringBuilder line = new StringBuilder(128);
		TIMESTAMP.formatTo(record.getInstant(), line);
		String requestId = MDC.get(LambdaMdc.REQUEST_ID);
		line.append(' ').append((requestId != null) ? requestId : "").append(' ');
		String level = level(record.getLevel());
		line.append(" ".repeat(5 - level.length())).append(level);
		line.append(" [").append(Thread.currentThread().getName()).append("] ");
		line.append(record.getLoggerName()).append(" : ");
		StringBuilder message = new StringBuilder(formatMessage(record));
		if (record.getThrown() != null) {
			message.append('\n').append(stackTrace(record.getThrown()));
		}
		return line.append(LINE_BREAK.matcher(message).replaceAll("\r").stripTrailing()).append('\n').toString();
	}

	/**
	 * Return SLF4J's name of a {@code java.util.logging} level: the names Lambda's
	 * log-level filtering and Spring Boot's {@code logging.level.*} use.
	 * @param level the level
	 * @return {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
	 */
	static String level(Level level) {
		int value = level.intValue();
		if (value >= Level.SEVERE.intValue()) {
			return "ERROR";
		}
		if (value >= Level.WARNING.intValue()) {
			return "WARN";
		}
		if (value >= Level.INFO.intValue()) {
			return "INFO";
		}
		return (value >= Level.FINE.intValue()) ? "DEBUG" : "TRACE";
	}

	static String stackTrace(Throwable thrown) {
		StringWriter stackTrace = new StringWriter();
		thrown.printStackTrace(new PrintWriter(stackTrace));
		return stackTrace.toString();
	}

}
