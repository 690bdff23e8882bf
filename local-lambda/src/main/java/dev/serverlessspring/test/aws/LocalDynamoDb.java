package dev.serverlessspring.test.aws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.serverlessspring.test.config.CloudFormationResource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A local DynamoDB without Docker:
 * <a href="https://github.com/architect/dynalite">dynalite</a> (Apache-2.0, an
 * implementation of DynamoDB's API on LevelDB, in memory here) on Node.js, in a process
 * of its own bound to {@code 127.0.0.1} on a free port (see {@link ServerProcess}). It
 * has no DynamoDB Streams. <pre class="code">
 * try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(Path.of("."))) {
 *     dynamoDb.createTable(config.resources().get("OrdersTable"));
 *     DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDb.endpoint())...
 * }
 * </pre>
 */
public final class LocalDynamoDb implements AutoCloseable {

	/** The package run, and the version installed when the project has none. */
	static final NodePackage DYNALITE = new NodePackage("dynalite", "4.0.0");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	// Tables are ACTIVE at once, as the SDK's waiters would otherwise poll for half a
	// second.
	private static final String LAUNCHER = """
			const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
			server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
			process.stdin.on('end', () => process.exit(0));
			process.stdin.resume();
			""";

	// The CreateTable parameters that a CloudFormation table's Properties share with the
	// API.
	private static final List<String> CREATE_TABLE_PROPERTIES = List.of("AttributeDefinitions", "KeySchema",
			"BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes");

	private final ServerProcess server;

	private final URI endpoint;

	private final AwsJsonClient client;

	private LocalDynamoDb(ServerProcess server, URI endpoint) {
		this.server = server;
		this.endpoint = endpoint;
		this.client = new AwsJsonClient(endpoint, "DynamoDB_20120810.");
	}

	/**
	 * Start a local DynamoDB, installing dynalite first if needed (see
	 * {@link NodePackage}).
	 * @param projectDirectory where to look for a project's own
	 * {@code node_modules/dynalite}
	 * @return the running DynamoDB, without tables
	 * @throws IllegalStateException if Node.js is missing or the server does not start
	 */
	public static LocalDynamoDb start(Path projectDirectory) {
		ProcessBuilder node = new ProcessBuilder("node", "-e", LAUNCHER);
		node.environment().put("NODE_PATH", DYNALITE.nodeModules(projectDirectory).toString());
		ServerProcess server = ServerProcess.start("DynamoDB (dynalite)", node, Pattern.compile("^listening (\\d+)$"),
				START_TIMEOUT);
		return new LocalDynamoDb(server, URI.create("http://127.0.0.1:" + server.port()));
	}

	/**
	 * Return the endpoint, for {@code AWS_ENDPOINT_URL_DYNAMODB} or
	 * {@code DynamoDbClient.builder().endpointOverride(...)}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Create a table as CloudFormation would from an {@code AWS::DynamoDB::Table}
	 * resource, and wait until it is active.
	 * @param table the resource
	 * @throws IllegalArgumentException if the resource is not a table
	 * @throws IllegalStateException if DynamoDB refuses it (its message says why)
	 */
	public void createTable(CloudFormationResource table) {
		if (!CloudFormationResource.DYNAMODB_TABLE.equals(table.type())) {
			throw new IllegalArgumentException(table.logicalId() + " is a " + table.type() + ", not a DynamoDB table");
		}
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("TableName", table.name());
		CREATE_TABLE_PROPERTIES.stream()
			.filter(table.properties()::containsKey)
			.forEach((property) -> request.put(property, numbersAsNumbers(table.properties().get(property))));
		if (table.properties().get("StreamSpecification") instanceof Map<?, ?> stream
				&& stream.get("StreamViewType") != null) {
			// CloudFormation enables the stream by naming its view type; the API says so
			// explicitly.
			request.put("StreamSpecification",
					Map.of("StreamEnabled", true, "StreamViewType", stream.get("StreamViewType")));
		}
		if (!request.containsKey("BillingMode") && !request.containsKey("ProvisionedThroughput")) {
			request.put("BillingMode", "PAY_PER_REQUEST");
		}
		call("CreateTable", request, table.logicalId());
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!"ACTIVE"
			.equals(call("DescribeTable", Map.of("TableName", table.name()), table.logicalId()).path("Table")
				.path("TableStatus")
				.asString(""))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Table " + table.name() + " did not become ACTIVE");
			}
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the local DynamoDB", ex);
		}
	}

	// CloudFormation takes '5' for 5 (and YAML variables give text); the API wants a
	// number.
	private static @Nullable Object numbersAsNumbers(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			map.forEach(
					(key, item) -> result.put(String.valueOf(key),
							(item instanceof String text && String.valueOf(key).endsWith("Units")
									&& text.strip().matches("\\d+")) ? Long.valueOf(text.strip())
											: numbersAsNumbers(item)));
			return result;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(LocalDynamoDb::numbersAsNumbers).toList();
		}
		return value;
	}

	/**
	 * Put an item, to give a test or a dev loop data to start from.
	 * @param table the table's name
	 * @param item the item in DynamoDB's JSON form, such as
	 * {@code Map.of("orderId", Map.of("S", "o-1"), "quantity", Map.of("N", "2"))}
	 */
	public void putItem(String table, Map<String, Object> item) {
		this.client.call("PutItem", Map.of("TableName", table, "Item", item));
	}

	private JsonNode call(String operation, Map<String, Object> body, String resource) {
		try {
			return this.client.call(operation, body);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(
					"The local DynamoDB refused it for resources.Resources." + resource + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stop the server; its data is gone with it.
	 */
	@Override
	public void close() {
		this.server.close();
	}

}
