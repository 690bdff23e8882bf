package dev.serverlessspring.test.aws;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.serverlessspring.test.config.CloudFormationResource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A local SQS without Docker:
 * <a href="https://github.com/softwaremill/elasticmq">ElasticMQ</a> (Apache-2.0) from
 * Maven Central, in a JVM of its own (never on the functions' class path; see
 * {@link MavenPackage}), bound to {@code 127.0.0.1} on a free port, with the queues of
 * {@code AWS::SQS::Queue} resources: their visibility timeout, delay, long polling, FIFO
 * settings and dead-letter queue ({@code RedrivePolicy}) as CloudFormation sets them. Its
 * queues' ARNs are the local ARNs of {@link CloudFormationResource}.
 */
public final class LocalSqs implements AutoCloseable {

	/** The server run, resolved with Maven on first use. */
	static final MavenPackage ELASTICMQ = new MavenPackage("org.elasticmq", "elasticmq-server_2.13", "1.7.1");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final ServerProcess server;

	private final URI endpoint;

	private final AwsJsonClient client;

	private LocalSqs(ServerProcess server, URI endpoint) {
		this.server = server;
		this.endpoint = endpoint;
		this.client = new AwsJsonClient(endpoint, "AmazonSQS.");
	}

	/**
	 * Start a local SQS with queues.
	 * @param projectDirectory where to look for the project's {@code mvnw}
	 * @param queues the {@code AWS::SQS::Queue} resources
	 * @param resources every resource, to find dead-letter queues by their
	 * {@code !GetAtt}
	 * @param region the queues' region
	 * @return the running SQS
	 * @throws IllegalStateException if it cannot start
	 */
	public static LocalSqs start(Path projectDirectory, Collection<CloudFormationResource> queues,
			Map<String, CloudFormationResource> resources, String region) {
		String classPath = ELASTICMQ.classPath(projectDirectory);
		Path config;
		try {
			config = Files.createTempFile("elasticmq-", ".conf");
			Files.writeString(config, configuration(queues, resources, region), StandardCharsets.UTF_8);
			config.toFile().deleteOnExit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String launcher;
		try {
			launcher = Path.of(ParentWatchingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Dconfig.file=" + config, "-cp", launcher + File.pathSeparator + classPath,
				ParentWatchingMain.class.getName(), "org.elasticmq.server.Main");
		ServerProcess server = ServerProcess.start("SQS (ElasticMQ)", command,
				Pattern.compile("visible server address http://127\\.0\\.0\\.1:(\\d+)"), START_TIMEOUT);
		return new LocalSqs(server, URI.create("http://127.0.0.1:" + server.port()));
	}

	// ElasticMQ's HOCON; names quoted, as FIFO queues' end in ".fifo".
	static String configuration(Collection<CloudFormationResource> queues,
			Map<String, CloudFormationResource> resources, String region) {
		StringBuilder conf = new StringBuilder("""
				include classpath("application.conf")
				node-address { protocol = http, host = "127.0.0.1", port = 0, context-path = "" }
				rest-sqs { enabled = true, bind-port = 0, bind-hostname = "127.0.0.1", sqs-limits = strict }
				rest-stats { enabled = false }
				generate-node-address = true
				""");
		conf.append("aws { region = \"")
			.append(region)
			.append("\", accountId = \"")
			.append(CloudFormationResource.ACCOUNT_ID)
			.append("\" }\nqueues {\n");
		for (CloudFormationResource queue : queues) {
			Map<String, Object> properties = queue.properties();
			conf.append("  \"").append(queue.name()).append("\" {\n");
			conf.append("    defaultVisibilityTimeout = ")
				.append(number(properties.get("VisibilityTimeout"), 30))
				.append(" seconds\n");
			conf.append("    delay = ").append(number(properties.get("DelaySeconds"), 0)).append(" seconds\n");
			conf.append("    receiveMessageWait = ")
				.append(number(properties.get("ReceiveMessageWaitTimeSeconds"), 0))
				.append(" seconds\n");
			if (Boolean.parseBoolean(String.valueOf(properties.get("FifoQueue")))) {
				conf.append("    fifo = true\n");
			}
			if (Boolean.parseBoolean(String.valueOf(properties.get("ContentBasedDeduplication")))) {
				conf.append("    contentBasedDeduplication = true\n");
			}
			if (properties.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
				String deadLetterQueue = queueName(redrive.get("deadLetterTargetArn"), resources);
				conf.append("    deadLettersQueue { name = \"")
					.append(deadLetterQueue)
					.append("\", maxReceiveCount = ")
					.append(number(redrive.get("maxReceiveCount"), 10))
					.append(" }\n");
			}
			conf.append("  }\n");
		}
		return conf.append("}\n").toString();
	}

	// An ARN, or the !GetAtt Queue.Arn that names one of the file's queues.
	private static String queueName(@Nullable Object arn, Map<String, CloudFormationResource> resources) {
		if (arn instanceof Map<?, ?> function && function.get("Fn::GetAtt") != null) {
			Object getAtt = function.get("Fn::GetAtt");
			String logicalId = (getAtt instanceof List<?> parts) ? String.valueOf(parts.get(0))
					: String.valueOf(getAtt).split("\\.", 2)[0];
			CloudFormationResource queue = resources.get(logicalId);
			if (queue != null) {
				return queue.name();
			}
		}
		String text = String.valueOf(arn);
		return text.substring(text.lastIndexOf(':') + 1);
	}

	private static long number(@Nullable Object value, long defaultValue) {
		return (value != null) ? Long.parseLong(String.valueOf(value).strip()) : defaultValue;
	}

	/**
	 * Return the endpoint, for {@code AWS_ENDPOINT_URL_SQS}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Return a queue's URL.
	 * @param name the queue's name
	 * @return its URL on this server
	 */
	public String queueUrl(String name) {
		return this.endpoint + "/" + CloudFormationResource.ACCOUNT_ID + "/" + name;
	}

	/**
	 * Send a message.
	 * @param queueName the queue's name
	 * @param body the message
	 * @param attributes further request parameters ({@code MessageGroupId}...), or none
	 * @return the message's id
	 */
	public String send(String queueName, String body, Map<String, Object> attributes) {
		Map<String, Object> request = new LinkedHashMap<>(attributes);
		request.put("QueueUrl", queueUrl(queueName));
		request.put("MessageBody", body);
		return this.client.call("SendMessage", request).path("MessageId").asString();
	}

	/**
	 * Receive messages, with their attributes, as Lambda's poller does.
	 * @param queueName the queue's name
	 * @param maxMessages at most this many, 1 to 10
	 * @param waitSeconds how long to wait for one (long polling)
	 * @return the messages, as SQS's API gives them
	 */
	public List<JsonNode> receive(String queueName, int maxMessages, int waitSeconds) {
		JsonNode response = this.client.call("ReceiveMessage",
				Map.of("QueueUrl", queueUrl(queueName), "MaxNumberOfMessages", maxMessages, "WaitTimeSeconds",
						waitSeconds, "AttributeNames", List.of("All"), "MessageSystemAttributeNames", List.of("All"),
						"MessageAttributeNames", List.of("All")));
		List<JsonNode> messages = new ArrayList<>();
		response.path("Messages").forEach(messages::add);
		return messages;
	}

	/**
	 * Delete messages received.
	 * @param queueName the queue's name
	 * @param receiptHandles the messages' receipt handles
	 */
	public void delete(String queueName, List<String> receiptHandles) {
		for (int from = 0; from < receiptHandles.size(); from += 10) {
			List<Map<String, String>> entries = new ArrayList<>();
			List<String> batch = receiptHandles.subList(from, Math.min(receiptHandles.size(), from + 10));
			for (int i = 0; i < batch.size(); i++) {
				entries.add(Map.of("Id", "m" + i, "ReceiptHandle", batch.get(i)));
			}
			JsonNode response = this.client.call("DeleteMessageBatch",
					Map.of("QueueUrl", queueUrl(queueName), "Entries", entries));
			if (!response.path("Failed").isEmpty()) {
				throw new IllegalStateException("SQS could not delete " + response.path("Failed"));
			}
		}
	}

	/**
	 * Return how many messages a queue holds, visible or in flight.
	 * @param queueName the queue's name
	 * @return the count
	 */
	public int depth(String queueName) {
		JsonNode attributes = this.client
			.call("GetQueueAttributes",
					Map.of("QueueUrl", queueUrl(queueName), "AttributeNames",
							List.of("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")))
			.path("Attributes");
		return Integer.parseInt(attributes.path("ApproximateNumberOfMessages").asString("0"))
				+ Integer.parseInt(attributes.path("ApproximateNumberOfMessagesNotVisible").asString("0"));
	}

	/**
	 * Stop the server; its messages are gone with it.
	 */
	@Override
	public void close() {
		this.server.close();
	}

}
