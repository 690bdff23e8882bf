package dev.serverlessspring.test.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalSqs;
import dev.serverlessspring.test.config.SqsEventSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local event source mapping of a function's {@code sqs} event, polling as Lambda's
 * poller does: it receives up to {@code batchSize} messages (gathering them for
 * {@code maximumBatchingWindow}), invokes the function with an SQS event of them, and
 * deletes the messages the function processed. A function error leaves the whole batch in
 * the queue; with {@code ReportBatchItemFailures}, the messages the function names in
 * {@code batchItemFailures} stay, and an answer that names none it was given fails the
 * whole batch. Messages that stay return once their visibility timeout ends, and go to
 * the dead-letter queue after {@code maxReceiveCount} receives, as the queue's redrive
 * policy says. A message is invisible while its batch is being processed, and deleted
 * only after, so none is lost, nor given to the function again unless it failed (or the
 * function ran past the queue's visibility timeout, which AWS advises to set to six times
 * the function's timeout).
 */
public final class SqsEventSourceMapping implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int POLL_SECONDS = 1;

	private final SqsEventSource source;

	private final LocalFunction function;

	private final LocalSqs sqs;

	private final String region;

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private final Thread poller;

	private volatile boolean running = true;

	SqsEventSourceMapping(SqsEventSource source, LocalFunction function, LocalSqs sqs, String region) {
		this.source = source;
		this.function = function;
		this.sqs = sqs;
		this.region = region;
		this.poller = new Thread(this::poll, "local-sqs-poller-" + source.function() + "-" + source.queueName());
		this.poller.setDaemon(true);
	}

	void start() {
		this.poller.start();
	}

	/**
	 * Return the event source.
	 * @return the function's {@code sqs} event
	 */
	public SqsEventSource source() {
		return this.source;
	}

	/**
	 * Return every message given to the function so far, in order.
	 * @return the deliveries
	 */
	public List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	private void poll() {
		while (this.running) {
			try {
				List<JsonNode> batch = receiveBatch();
				if (!batch.isEmpty()) {
					process(batch);
				}
			}
			catch (RuntimeException ex) {
				if (this.running) {
					// The queue or the function may come back: Lambda's poller keeps
					// polling.
					System.err.println("[local-sqs-poller] " + this.source.function() + " <- " + this.source.queueName()
							+ ": " + ex.getMessage());
					sleep(Duration.ofSeconds(POLL_SECONDS));
				}
			}
		}
	}

	private List<JsonNode> receiveBatch() {
		List<JsonNode> batch = new ArrayList<>(
				this.sqs.receive(this.source.queueName(), Math.min(10, this.source.batchSize()), POLL_SECONDS));
		long deadline = System.nanoTime() + this.source.batchingWindow().toNanos();
		while (!batch.isEmpty() && this.running && batch.size() < this.source.batchSize()
				&& System.nanoTime() < deadline) {
			batch.addAll(this.sqs.receive(this.source.queueName(), Math.min(10, this.source.batchSize() - batch.size()),
					POLL_SECONDS));
		}
		return batch;
	}

	private void process(List<JsonNode> batch) {
		InvocationResult result = this.function.invoke(this.function.invocation(event(batch)).build());
		Set<String> failed = failedMessageIds(batch, result);
		List<String> processed = new ArrayList<>();
		for (JsonNode message : batch) {
			String messageId = message.path("MessageId").asString();
			boolean failure = failed.contains(messageId);
			this.deliveries.add(new Delivery(messageId, message.path("Body").asString(),
					Integer.parseInt(message.path("Attributes").path("ApproximateReceiveCount").asString("1")),
					failure));
			if (!failure) {
				processed.add(message.path("ReceiptHandle").asString());
			}
		}
		if (!processed.isEmpty()) {
			this.sqs.delete(this.source.queueName(), processed);
		}
	}

	// As Lambda reads the answer: an error fails every record; with
	// ReportBatchItemFailures the records named fail, and an answer naming a record it
	// was not given fails them all.
	private Set<String> failedMessageIds(List<JsonNode> batch, InvocationResult result) {
		Set<String> all = new HashSet<>();
		batch.forEach((message) -> all.add(message.path("MessageId").asString()));
		if (result.isFunctionError()) {
			return all;
		}
		if (!this.source.reportBatchItemFailures()) {
			return Set.of();
		}
		String payload = result.payloadAsString().strip();
		if (payload.isEmpty() || payload.equals("null")) {
			return Set.of();
		}
		try {
			JsonNode failures = JSON.readTree(payload).path("batchItemFailures");
			Set<String> failed = new HashSet<>();
			for (JsonNode failure : failures) {
				String id = failure.path("itemIdentifier").asString("");
				if (!all.contains(id)) {
					return all;
				}
				failed.add(id);
			}
			return failed;
		}
		catch (RuntimeException ex) {
			return all;
		}
	}

	// The SQS event of Lambda's poller, from the messages SQS's API gives.
	private byte[] event(List<JsonNode> batch) {
		ObjectNode event = JSON.createObjectNode();
		ArrayNode records = event.putArray("Records");
		for (JsonNode message : batch) {
			ObjectNode record = records.addObject();
			record.put("messageId", message.path("MessageId").asString());
			record.put("receiptHandle", message.path("ReceiptHandle").asString());
			record.put("body", message.path("Body").asString());
			ObjectNode attributes = record.putObject("attributes");
			message.path("Attributes")
				.properties()
				.forEach((entry) -> attributes.put(entry.getKey(), entry.getValue().asString()));
			ObjectNode messageAttributes = record.putObject("messageAttributes");
			message.path("MessageAttributes").properties().forEach((entry) -> {
				ObjectNode attribute = messageAttributes.putObject(entry.getKey());
				JsonNode value = entry.getValue();
				if (value.has("StringValue")) {
					attribute.put("stringValue", value.path("StringValue").asString());
				}
				if (value.has("BinaryValue")) {
					attribute.put("binaryValue", value.path("BinaryValue").asString());
				}
				attribute.putArray("stringListValues");
				attribute.putArray("binaryListValues");
				attribute.put("dataType", value.path("DataType").asString());
			});
			record.put("md5OfBody", message.path("MD5OfBody").asString());
			if (message.has("MD5OfMessageAttributes")) {
				record.put("md5OfMessageAttributes", message.path("MD5OfMessageAttributes").asString());
			}
			record.put("eventSource", "aws:sqs");
			record.put("eventSourceARN", this.source.queueArn());
			record.put("awsRegion", this.region);
		}
		return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// Lets several mappings stop together: each poll ends within a second.
	void stop() {
		this.running = false;
	}

	/**
	 * Stop polling; a batch being processed is finished first.
	 */
	@Override
	public void close() {
		stop();
		try {
			this.poller.join(Duration.ofSeconds(POLL_SECONDS * 5L + 30).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One message given to the function.
	 *
	 * @param messageId the message's id
	 * @param body the message's body
	 * @param receiveCount how many times it had been received, this time included
	 * @param failed whether the function failed it (it stays in the queue)
	 */
	public record Delivery(String messageId, String body, int receiveCount, boolean failed) {
	}

}
