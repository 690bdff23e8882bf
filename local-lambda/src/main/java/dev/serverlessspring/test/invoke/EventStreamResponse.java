package dev.serverlessspring.test.invoke;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer of {@code InvokeWithResponseStream}:
 * {@code application/vnd.amazon.eventstream} messages, encoded with the AWS SDK's own
 * {@code eventstream} library: a {@code PayloadChunk} event for each piece of the
 * response as it arrives, then one {@code InvokeComplete} event, with {@code ErrorCode}
 * and {@code ErrorDetails} when the invocation failed. The HTTP status is 200 either way,
 * as on Lambda.
 */
final class EventStreamResponse {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpExchange exchange;

	private final String requestId;

	private @Nullable OutputStream body;

	EventStreamResponse(HttpExchange exchange, String requestId) {
		this.exchange = exchange;
		this.requestId = requestId;
	}

	/**
	 * Whether the response began: its headers went out with a first chunk.
	 * @return {@code true} once a chunk was sent
	 */
	boolean isStarted() {
		return this.body != null;
	}

	/**
	 * Return a stream whose every flush sends what was written as one
	 * {@code PayloadChunk}.
	 * @return the stream
	 */
	OutputStream payloadChunks() {
		return new ByteArrayOutputStream() {

			@Override
			public synchronized void flush() throws IOException {
				if (size() > 0) {
					payloadChunk(toByteArray());
					reset();
				}
			}

			@Override
			public void close() throws IOException {
				flush();
			}

		};
	}

	/**
	 * Send a piece of the response.
	 * @param payload the bytes
	 * @throws IOException if the caller went away
	 */
	void payloadChunk(byte[] payload) throws IOException {
		send(event("PayloadChunk", "application/octet-stream", payload));
	}

	/**
	 * End the stream.
	 * @param errorCode the error's type, or {@code null} on success
	 * @param errorDetails the error's message
	 * @param logResult the base64 tail of the log
	 * @throws IOException if the caller went away
	 */
	void complete(@Nullable String errorCode, @Nullable String errorDetails, @Nullable String logResult)
			throws IOException {
		ObjectNode complete = JSON.createObjectNode();
		if (errorCode != null) {
			complete.put("ErrorCode", errorCode);
			complete.put("ErrorDetails", (errorDetails != null) ? errorDetails : errorCode);
		}
		if (logResult != null) {
			complete.put("LogResult", logResult);
		}
		send(event("InvokeComplete", "application/json", JSON.writeValueAsBytes(complete)));
		Objects.requireNonNull(this.body, "send() opened the body").close();
	}

	private synchronized void send(Message message) throws IOException {
		OutputStream body = this.body;
		if (body == null) {
			var headers = this.exchange.getResponseHeaders();
			headers.set("Content-Type", "application/vnd.amazon.eventstream");
			headers.set("x-amzn-RequestId", this.requestId);
			headers.set("X-Amz-Executed-Version", "$LATEST");
			this.exchange.sendResponseHeaders(200, 0);
			body = this.exchange.getResponseBody();
			this.body = body;
		}
		ByteBuffer encoded = message.toByteBuffer();
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		body.write(bytes);
		body.flush();
	}

	private static Message event(String type, String contentType, byte[] payload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("event"));
		headers.put(":event-type", HeaderValue.fromString(type));
		headers.put(":content-type", HeaderValue.fromString(contentType));
		return new Message(headers, payload);
	}

}
