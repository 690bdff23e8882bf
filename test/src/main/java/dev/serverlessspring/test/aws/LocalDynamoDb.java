package dev.serverlessspring.test.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.serverlessspring.test.config.CloudFormationResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local DynamoDB without Docker: <a href="https://github.com/architect/dynalite">dynalite</a>
 * (Apache-2.0, an implementation of DynamoDB's API on LevelDB, in memory here) on Node.js, in a
 * process of its own bound to {@code 127.0.0.1} on a free port. The process also ends when
 * the JVM that started it does (its standard input closes).
 * <pre class="code">
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

	// Tables are ACTIVE at once, as the SDK's waiters would otherwise poll for half a second.
	private static final String LAUNCHER = """
			const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
			server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
			process.stdin.on('end', () => process.exit(0));
			process.stdin.resume();
			""";

	// The CreateTable parameters that a CloudFormation table's Properties share with the API.
	private static final List<String> CREATE_TABLE_PROPERTIES = List.of("AttributeDefinitions", "KeySchema",
			"BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final URI endpoint;

	private final HttpClient httpClient = HttpClient.newHttpClient();

	private LocalDynamoDb(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	/**
	 * Start a local DynamoDB, installing dynalite first if needed (see {@link NodePackage}).
	 * @param projectDirectory where to look for a project's own {@code node_modules/dynalite}
	 * @return the running DynamoDB, without tables
	 * @throws IllegalStateException if Node.js is missing or the server does not start
	 */
	public static LocalDynamoDb start(Path projectDirectory) {
		Path nodeModules = DYNALITE.nodeModules(projectDirectory);
		ProcessBuilder builder = new ProcessBuilder("node", "-e", LAUNCHER).redirectErrorStream(true);
		builder.environment().put("NODE_PATH", nodeModules.toString());
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the local DynamoDB: Node.js ('node') is not on the PATH ("
					+ ex.getMessage() + ")", ex);
		}
		List<String> output = new ArrayList<>();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> readOutput(process, output, port), "local-dynamodb-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return new LocalDynamoDb(process, URI.create("http://127.0.0.1:" + port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
		}
		catch (ExecutionException | TimeoutException ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The local DynamoDB (dynalite) did not start in " + START_TIMEOUT.toSeconds()
					+ " s:\n" + String.join("\n", output), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while starting the local DynamoDB", ex);
		}
	}

	// The first line gives the port; what follows (dynalite's errors) goes to standard error.
	private static void readOutput(Process process, List<String> output, CompletableFuture<Integer> port) {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				if (!port.isDone() && line.startsWith("listening ")) {
					port.complete(Integer.parseInt(line.substring("listening ".length()).strip()));
				}
				else if (!port.isDone()) {
					synchronized (output) {
						output.add(line);
					}
				}
				else {
					System.err.println("[local-dynamodb] " + line);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			port.completeExceptionally(ex);
		}
		port.completeExceptionally(new IllegalStateException("dynalite exited"));
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
	 * Create a table as CloudFormation would from an {@code AWS::DynamoDB::Table} resource,
	 * and wait until it is active.
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
		if (table.properties().get("StreamSpecification") instanceof Map<?, ?> stream && stream.get("StreamViewType") != null) {
			// CloudFormation enables the stream by naming its view type; the API says so explicitly.
			request.put("StreamSpecification", Map.of("StreamEnabled", true, "StreamViewType", stream.get("StreamViewType")));
		}
		if (!request.containsKey("BillingMode") && !request.containsKey("ProvisionedThroughput")) {
			request.put("BillingMode", "PAY_PER_REQUEST");
		}
		call("CreateTable", request, table.logicalId());
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!"ACTIVE".equals(call("DescribeTable", Map.of("TableName", table.name()), table.logicalId())
			.path("Table").path("TableStatus").asString(""))) {
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
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	// CloudFormation takes '5' for 5 (and YAML variables give text); the API wants a number.
	private static Object numbersAsNumbers(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			map.forEach((key, item) -> result.put(String.valueOf(key),
					(item instanceof String text && String.valueOf(key).endsWith("Units") && text.strip().matches("\\d+"))
							? Long.valueOf(text.strip()) : numbersAsNumbers(item)));
			return result;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(LocalDynamoDb::numbersAsNumbers).toList();
		}
		return value;
	}

	// DynamoDB's JSON protocol; dynalite wants a signature's presence, not its validity.
	private JsonNode call(String operation, Map<String, Object> body, String resource) {
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.header("Content-Type", "application/x-amz-json-1.0")
			.header("X-Amz-Target", "DynamoDB_20120810." + operation)
			.header("X-Amz-Date", "20260101T000000Z")
			.header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, "
					+ "SignedHeaders=host, Signature=0")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
			.build();
		try {
			HttpResponse<String> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("The local DynamoDB refused " + operation + " for resources.Resources."
						+ resource + ": " + response.body());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Stop the server; its data is gone with it.
	 */
	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// The process is gone already.
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
