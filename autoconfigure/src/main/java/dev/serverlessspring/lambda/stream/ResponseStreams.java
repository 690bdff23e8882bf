package dev.serverlessspring.lambda.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Turns a function's streaming result into bytes: a {@link Publisher} (such as a
 * {@code Flux}) or a {@link Stream} of elements, or a {@link StreamingBody}.
 * <ul>
 * <li>{@code String} and {@code byte[]} elements are sent verbatim;</li>
 * <li>other elements as JSON, each followed by a delimiter (a line feed unless
 * configured), as in newline-delimited JSON;</li>
 * <li>with the content type {@code text/event-stream}, each element is a server-sent
 * event: its lines (or its JSON) as {@code data:} lines, then an empty line.</li>
 * </ul>
 * Every element is flushed as soon as it is written: it leaves as soon as it is produced.
 */
public final class ResponseStreams {

	/** The content type of newline-delimited JSON. */
	public static final String NDJSON = "application/x-ndjson";

	/** The content type of server-sent events. */
	public static final String EVENT_STREAM = "text/event-stream";

	private final ObjectMapper objectMapper;

	private final byte[] jsonDelimiter;

	/**
	 * Create the encoder.
	 * @param objectMapper the mapper for elements that are written as JSON
	 * @param jsonDelimiter what follows each JSON element (not used for server-sent
	 * events)
	 */
	public ResponseStreams(ObjectMapper objectMapper, String jsonDelimiter) {
		this.objectMapper = objectMapper;
		this.jsonDelimiter = jsonDelimiter.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Whether a result (or a body) streams: a {@code Publisher}, a {@code Stream} or a
	 * {@link StreamingBody}.
	 * @param value the result or body
	 * @return {@code true} to stream it
	 */
	public static boolean isStreaming(@Nullable Object value) {
		return value instanceof Publisher<?> || value instanceof Stream<?> || value instanceof StreamingBody;
	}

	/**
	 * Whether a type streams: see {@link #isStreaming(Object)}.
	 * @param type a function's output type, or a response's body type
	 * @return {@code true} for a streaming type
	 */
	public static boolean isStreamingType(Class<?> type) {
		return type != null && (Publisher.class.isAssignableFrom(type) || Stream.class.isAssignableFrom(type)
				|| StreamingBody.class.isAssignableFrom(type));
	}

	/**
	 * Start writing a streaming result: for elements, wait for the first one, so that a
	 * source that fails at once fails the invocation before anything is sent, and so that
	 * the content type can follow the first element's type.
	 * @param value a streaming result, see {@link #isStreaming(Object)}
	 * @return the body, not yet written
	 * @throws RuntimeException what the source failed with before its first element
	 */
	public Body open(Object value) {
		if (value instanceof StreamingBody body) {
			return new Body(null, body);
		}
		ElementStream elements = ElementStream.of(value);
		Object first;
		try {
			first = elements.next();
		}
		catch (RuntimeException | Error ex) {
			elements.close();
			throw ex;
		}
		return new Body(first, (first != null) ? ElementStream.withFirst(first, elements) : elements);
	}

	/**
	 * Return the content type for a stream whose first element is the given one.
	 * @param first the first element, or {@code null} for a {@link StreamingBody} or no
	 * element
	 * @return text for strings, JSON lines for objects, else bytes
	 */
	public static String defaultContentType(@Nullable Object first) {
		if (first instanceof CharSequence) {
			return "text/plain;charset=UTF-8";
		}
		if (first == null || first instanceof byte[]) {
			return MimeTypeUtils.APPLICATION_OCTET_STREAM_VALUE;
		}
		return NDJSON;
	}

	private void writeElement(Object element, OutputStream out) throws IOException {
		if (element instanceof byte[] bytes) {
			out.write(bytes);
		}
		else if (element instanceof CharSequence text) {
			out.write(text.toString().getBytes(StandardCharsets.UTF_8));
		}
		else {
			out.write(this.objectMapper.writeValueAsBytes(element));
			out.write(this.jsonDelimiter);
		}
	}

	// One event per element: each line of its text as a data line, then the blank line
	// that ends it.
	private void writeEvent(Object element, OutputStream out) throws IOException {
		String data = (element instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: (element instanceof CharSequence text) ? text.toString()
						: this.objectMapper.writeValueAsString(element);
		StringBuilder event = new StringBuilder(data.length() + 16);
		for (String line : data.split("\r\n|\r|\n", -1)) {
			event.append("data: ").append(line).append('\n');
		}
		event.append('\n');
		out.write(event.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static boolean isEventStream(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MimeType.valueOf(contentType).equalsTypeAndSubtype(MimeType.valueOf(EVENT_STREAM));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * A streaming result, opened: its first element, if it has elements, and how to write
	 * it.
	 */
	public final class Body {

		private final @Nullable Object first;

		private final Object source;

		Body(@Nullable Object first, Object source) {
			this.first = first;
			this.source = source;
		}

		/**
		 * Return the first element.
		 * @return the element, or {@code null} for a {@link StreamingBody} or an empty
		 * stream
		 */
		public @Nullable Object first() {
			return this.first;
		}

		/**
		 * Return the writer of the body, framed for its content type.
		 * @param contentType the content type the body is sent with
		 * @return the writer; it writes each element and flushes it
		 */
		public StreamingBody writer(String contentType) {
			if (this.source instanceof StreamingBody body) {
				return body;
			}
			ElementStream elements = (ElementStream) this.source;
			boolean events = isEventStream(contentType);
			return (out) -> {
				try (elements) {
					for (Object element = elements.next(); element != null; element = elements.next()) {
						if (events) {
							writeEvent(element, out);
						}
						else {
							writeElement(element, out);
						}
						out.flush();
					}
				}
			};
		}

	}

}
