package dev.serverlessspring.test.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalS3;
import dev.serverlessspring.test.config.S3EventSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local event notifications of the functions' {@code s3} events: each object created
 * or removed in a bucket of the local S3 invokes, as S3 does, every function whose event
 * matches its type, prefix and suffix, asynchronously, with an S3 event of one record. A
 * function error is retried twice, as Lambda retries asynchronous invocations (at once
 * here, not after its minutes). Invocations run one after the other, in the order the
 * objects changed.
 */
public final class S3EventNotifications implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ATTEMPTS = 3;

	private final List<S3EventSource> sources;

	private final Map<String, LocalFunction> functions;

	private final ExecutorService invoker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "local-s3-notifications");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	S3EventNotifications(List<S3EventSource> sources, Map<String, LocalFunction> functions, LocalS3 s3) {
		this.sources = List.copyOf(sources);
		this.functions = functions;
		s3.onEvent(this::notify);
	}

	/**
	 * Return the functions' {@code s3} events that these notifications serve.
	 * @return the event sources
	 */
	public List<S3EventSource> sources() {
		return this.sources;
	}

	/**
	 * Return every event given to a function so far, in order, one per attempt.
	 * @return the deliveries
	 */
	public List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	// On the local S3's output thread: the invocations run on their own.
	private void notify(JsonNode event) {
		for (JsonNode record : event.path("Records")) {
			String bucket = record.path("s3").path("bucket").path("name").asString();
			String eventName = record.path("eventName").asString();
			String key = record.path("s3").path("object").path("key").asString();
			for (S3EventSource source : this.sources) {
				if (source.matches(bucket, eventName, key)) {
					ObjectNode notification = JSON.createObjectNode();
					ObjectNode copy = notification.putArray("Records").addObject();
					copy.setAll((ObjectNode) record);
					((ObjectNode) copy.path("s3")).put("configurationId", source.function() + "-s3-" + bucket);
					byte[] payload = JSON.writeValueAsString(notification).getBytes(StandardCharsets.UTF_8);
					this.invoker.execute(() -> deliver(source, bucket, eventName, key, payload));
				}
			}
		}
	}

	private void deliver(S3EventSource source, String bucket, String eventName, String key, byte[] payload) {
		// The sources are read from the same configuration as the functions: each names
		// one of them.
		LocalFunction function = Objects.requireNonNull(this.functions.get(source.function()), source.function());
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			boolean failed;
			try {
				InvocationResult result = function.invoke(function.invocation(payload).build());
				failed = result.isFunctionError();
			}
			catch (RuntimeException ex) {
				failed = true;
				System.err.println("[local-s3-notifications] " + source.function() + " <- s3://" + bucket + "/" + key
						+ ": " + ex.getMessage());
			}
			this.deliveries.add(new Delivery(source.function(), bucket, key, eventName, attempt, failed));
			if (!failed) {
				return;
			}
		}
	}

	/**
	 * Stop: the invocations under way and queued are finished first (for up to a minute).
	 */
	@Override
	public void close() {
		this.invoker.shutdown();
		try {
			this.invoker.awaitTermination(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.invoker.shutdownNow();
	}

	/**
	 * One event given to a function.
	 *
	 * @param function the function's key in {@code functions}
	 * @param bucket the bucket
	 * @param key the object's key
	 * @param eventName the event, such as {@code ObjectCreated:Put}
	 * @param attempt 1 for the first invocation, 2 and 3 for Lambda's retries
	 * @param failed whether the function failed
	 */
	public record Delivery(String function, String bucket, String key, String eventName, int attempt, boolean failed) {
	}

}
