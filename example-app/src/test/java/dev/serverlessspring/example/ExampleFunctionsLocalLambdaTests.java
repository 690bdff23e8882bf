package dev.serverlessspring.example;

import java.net.http.HttpResponse;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's functions in-process (the application class found from this package, as
 * {@code @SpringBootTest} finds it): fast enough for a unit test.
 */
@LocalLambdaTest(config = "src/test/resources/serverless-local.yml")
class ExampleFunctionsLocalLambdaTests {

	@Test
	void quotesAFixtureEvent(LocalLambda lambda) {
		assertThat(lambda.mode()).isEqualTo(LocalLambda.Mode.IN_PROCESS);
		InvocationResult quote = lambda.invokeFixture("quote", "events/quote.json");
		assertThat(quote.payloadAsString()).isEqualTo("{\"sku\":\"BOOK-1\",\"quantity\":3,\"total\":37.50}");
	}

	@Test
	void ordersAreKeptInTheLocalDynamoDbAndOutliveTheirExecutionEnvironment(LocalLambda lambda, LocalAwsServices aws) {
		HttpResponse<String> created = lambda.post("/orders", "{\"sku\":\"MUG-7\",\"quantity\":1}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(aws.endpoints()).containsKey("dynamodb");
		assertThat(lambda.function("orders").config().environment()).containsEntry("ORDERS_TABLE",
				"serverless-spring-example-dev-OrdersTable");
		// A new execution environment: the application starts again, the order is read
		// from the table.
		lambda.function("orders").close();
		HttpResponse<String> fetched = lambda.get(location);
		assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
		assertThat(fetched.body()).contains("\"sku\":\"MUG-7\"").contains("\"total\":8.00");
	}

	@Test
	void invalidOrdersAnswer400ThroughTheHttpFront(LocalLambda lambda) {
		HttpResponse<String> response = lambda.post("/orders", "{\"sku\":\"MUG-7\",\"quantity\":0}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("quantity must be between 1 and 100");
	}

}
