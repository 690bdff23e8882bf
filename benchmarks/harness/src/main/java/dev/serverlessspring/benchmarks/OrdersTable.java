package dev.serverlessspring.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.aws.LocalDynamoDb;
import dev.serverlessspring.test.config.CloudFormationResource;
import dev.serverlessspring.test.config.ServerlessConfig;

/**
 * The example's orders table in a local DynamoDB, for the subjects that read it: it holds
 * the order {@code hello}, whose product is {@code HELLO}, so that a {@code GetItem} by
 * key answers the harness's event ({@code "hello"}) as the uppercase function does. The
 * measured processes reach it through {@code AWS_ENDPOINT_URL_DYNAMODB}, as functions of
 * a local Lambda do.
 */
final class OrdersTable implements AutoCloseable {

	private static final String LOGICAL_ID = "OrdersTable";

	private final LocalDynamoDb dynamoDb;

	private final String table;

	private OrdersTable(LocalDynamoDb dynamoDb, String table) {
		this.dynamoDb = dynamoDb;
		this.table = table;
	}

	static OrdersTable start(Path serverlessYml) {
		ServerlessConfig config = ServerlessConfig.read(serverlessYml);
		CloudFormationResource resource = config.resources().get(LOGICAL_ID);
		if (resource == null) {
			throw new IllegalArgumentException(serverlessYml + " declares no " + LOGICAL_ID);
		}
		LocalDynamoDb dynamoDb = LocalDynamoDb.start(config.file().getParent());
		try {
			dynamoDb.createTable(resource);
			dynamoDb.putItem(resource.name(), Map.of("orderId", Map.of("S", "hello"), "sku", Map.of("S", "HELLO"),
					"quantity", Map.of("N", "1"), "total", Map.of("N", "8")));
			return new OrdersTable(dynamoDb, resource.name());
		}
		catch (RuntimeException ex) {
			dynamoDb.close();
			throw ex;
		}
	}

	Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>(LocalAwsServices.CREDENTIALS);
		environment.put(LocalAwsServices.endpointVariable("dynamodb"), this.dynamoDb.endpoint().toString());
		environment.put("ORDERS_TABLE", this.table);
		return environment;
	}

	@Override
	public void close() {
		this.dynamoDb.close();
	}

}
