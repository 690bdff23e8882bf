package dev.serverlessspring.example;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.config.ServerlessConfig;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged example initialized for SnapStart
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): the runtime interface client runs
 * the checkpoint hooks (through {@code org.crac}, as on Lambda), which prime the
 * function, then the restore phase, then serves invocations.
 */
class SnapStartIT {

	@Test
	void primesTheFunctionBeforeTheSnapshotAndServesAfterTheRestore() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(initializedForSnapStart("quote"))) {
			assertThat(function.initError()).as(function.output()).isEmpty();
			// The synthetic event {} has no product: the function rejects it, the classes
			// are primed anyway.
			assertThat(function.output()).contains("SnapStart: the priming invocation ended with");
			InvocationResult result = function.invoke("{\"sku\":\"MUG-7\",\"quantity\":2}");
			assertThat(result.payloadAsString()).as(function.output()).contains("\"total\":16.00");
		}
	}

	@Test
	void primesAThousandTimesThroughTheHandlerTheRuntimeCalls() {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(initializedForSnapStart("uppercase"))) {
			assertThat(function.initError()).as(function.output()).isEmpty();
			// Through FunctionHandler.handleRequest, called reflectively as the runtime
			// interface client calls it.
			assertThat(function.output())
				.contains("SnapStart: primed uppercase with 1000 invocations through FunctionHandler");
			InvocationResult result = function.invoke("\"hello\"");
			assertThat(result.payloadAsString()).as(function.output()).isEqualTo("HELLO");
		}
	}

	@Test
	void primesTheDynamoDbClientWithoutCallingDynamoDb() {
		ServerlessConfig config = ServerlessConfig.read(Path.of("src/test/resources/serverless-local.yml"));
		String table = config.function("orders").environment().get("ORDERS_TABLE");
		try (LocalAwsServices aws = LocalAwsServices.start(config);
				DynamoDbClient dynamoDb = OrderTableIT.client(aws.endpoints().get("dynamodb"))) {
			dynamoDb.putItem((put) -> put.tableName(table)
				.item(Map.of("orderId", AttributeValue.fromS("o-1"), "sku", AttributeValue.fromS("MUG-7"), "quantity",
						AttributeValue.fromN("2"), "total", AttributeValue.fromN("16"))));
			FunctionPackage orderSku = initializedForSnapStart("orderSku").environment("ORDERS_TABLE", table);
			for (Map.Entry<String, String> variable : aws.environment().entrySet()) {
				orderSku = orderSku.environment(variable.getKey(), variable.getValue());
			}
			try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(orderSku)) {
				assertThat(function.initError()).as(function.output()).isEmpty();
				// The GetItem of the synthetic event was built, signed and stopped before
				// it was sent.
				assertThat(function.output())
					.contains("SnapStart: primed up to a request to AWS, which was prepared but not sent");
				InvocationResult result = function.invoke("\"o-1\"");
				assertThat(result.payloadAsString()).as(function.output()).isEqualTo("MUG-7");
			}
		}
	}

	private static FunctionPackage initializedForSnapStart(String definition) {
		return FunctionPackage.find(Path.of("target"), "serverless-spring-example-*-aws.zip")
			.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
			.functionName(definition)
			.environment("SPRING_CLOUD_FUNCTION_DEFINITION", definition)
			.environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
			.memorySize(512)
			.timeout(Duration.ofSeconds(30));
	}

}
