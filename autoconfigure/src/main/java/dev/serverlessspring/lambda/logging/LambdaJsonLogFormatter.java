package dev.serverlessspring.lambda.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.PairExtractor;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Logback {@link StructuredLogFormatter} that writes each log event as one JSON object in
 * the shape of Lambda's own JSON application logs: {@code timestamp} (RFC 3339, UTC),
 * {@code level}, {@code message}, {@code logger}, {@code thread}, the MDC entries (among
 * them {@code AWSRequestId}, see {@link LambdaMdc}) and the SLF4J key-value pairs, and
 * for an exception {@code errorType}, {@code errorMessage} and {@code stackTrace}.
 * <p>
 * Lambda reads {@code level} and {@code timestamp} to filter application logs by the
 * function's log level. Select it with
 * {@code logging.structured.format.console=dev.serverlessspring.lambda.logging.LambdaJsonLogFormatter};
 * serverless-spring does so when Lambda asks for JSON logs. Spring Boot's
 * {@code logging.structured.json.*} properties apply to it.
 */
public class LambdaJsonLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

	private static final PairExtractor<KeyValuePair> KEY_VALUE_PAIRS = PairExtractor.of((pair) -> pair.key,
			(pair) -> pair.value);

	public LambdaJsonLogFormatter(StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
			ThrowableProxyConverter throwableProxyConverter, StructuredLoggingJsonMembersCustomizer<?> customizer) {
		super((members) -> members(members, stackTracePrinter, contextPairs, throwableProxyConverter), customizer);
	}

	private static void members(JsonWriter.Members<ILoggingEvent> members, StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, ThrowableProxyConverter throwableProxyConverter) {
		members.add("timestamp", ILoggingEvent::getInstant).as(LambdaJsonLogRecordFormatter::timestamp);
		members.add("level", ILoggingEvent::getLevel);
		members.add("message", ILoggingEvent::getFormattedMessage);
		members.add("logger", ILoggingEvent::getLoggerName);
		members.add("thread", ILoggingEvent::getThreadName);
		members.add().usingPairs(contextPairs.flat(".", (pairs) -> {
			pairs.addMapEntries(ILoggingEvent::getMDCPropertyMap);
			pairs.add(ILoggingEvent::getKeyValuePairs, KEY_VALUE_PAIRS);
		}));
		members.add("errorType", ILoggingEvent::getThrowableProxy).whenNotNull().as(IThrowableProxy::getClassName);
		members.add("errorMessage", ILoggingEvent::getThrowableProxy).whenNotNull().as(IThrowableProxy::getMessage);
		members.add("stackTrace", (event) -> event)
			.whenNotNull(ILoggingEvent::getThrowableProxy)
			.as((event) -> stackTrace(event, stackTracePrinter, throwableProxyConverter));
	}

	private static String stackTrace(ILoggingEvent event, StackTracePrinter printer,
			ThrowableProxyConverter converter) {
		if (printer != null && event.getThrowableProxy() instanceof ThrowableProxy proxy) {
			return printer.printStackTraceToString(proxy.getThrowable());
		}
		return converter.convert(event);
	}

}
