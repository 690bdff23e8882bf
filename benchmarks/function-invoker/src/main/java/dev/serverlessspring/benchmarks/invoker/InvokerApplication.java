package dev.serverlessspring.benchmarks.invoker;

import java.util.Map;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * The uppercase function, and the order lookup of the example app ({@code orderSku}: one
 * DynamoDB {@code GetItem} by key, the same client built the same way), served by Spring
 * Cloud Function's {@code FunctionInvoker}.
 */
@SpringBootApplication
public class InvokerApplication {

	public static void main(String[] args) {
		SpringApplication.run(InvokerApplication.class, args);
	}

	@Bean
	public Function<String, String> uppercase() {
		return String::toUpperCase;
	}

	// The client built at first use, as the example's OrderBook builds it: the uppercase
	// subject never builds it, nor loads its classes.
	@Bean
	public Function<String, String> orderSku(@Value("${ORDERS_TABLE:}") String table) {
		SingletonSupplier<DynamoDbClient> dynamoDb = SingletonSupplier.of(DynamoDbClient::create);
		return (id) -> dynamoDb.obtain()
			.getItem(
					(get) -> get.tableName(table).key(Map.of("orderId", AttributeValue.fromS(id))).consistentRead(true))
			.item()
			.get("sku")
			.s();
	}

}
