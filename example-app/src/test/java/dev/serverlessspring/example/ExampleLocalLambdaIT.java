package dev.serverlessspring.example;

import java.net.http.HttpResponse;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two functions of the packaged zip at once, each in its own runtime process under the
 * AWS runtime interface client, each with its own environment from serverless-local.yml.
 */
@LocalLambdaTest(config = "src/test/resources/serverless-local.yml", mode = LocalLambda.Mode.OUT_OF_PROCESS)
class ExampleLocalLambdaIT {

	@Test
	void eachFunctionRunsItsOwnBeanFromTheZip(LocalLambda lambda) {
		assertThat(lambda.invoke("uppercase", "\"hello\"").payloadAsString()).isEqualTo("HELLO");
		InvocationResult quote = lambda.invokeFixture("quote", "events/quote.json");
		assertThat(quote.isFunctionError()).isFalse();
		assertThat(quote.payloadAsString()).isEqualTo("{\"sku\":\"BOOK-1\",\"quantity\":3,\"total\":37.50}");
		assertThat(quote.log()).contains("START RequestId: " + quote.requestId()).contains("REPORT RequestId: ");
	}

	@Test
	void theOrderApiAnswersThroughTheHttpFront(LocalLambda lambda) {
		HttpResponse<String> created = lambda.post("/orders", "{\"sku\":\"BOOK-1\",\"quantity\":2}");
		assertThat(created.statusCode()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> receipt = lambda.get(location + "/receipt");
		assertThat(receipt.statusCode()).isEqualTo(200);
		assertThat(receipt.body()).contains("2 x BOOK-1").contains("Total EUR 25.00");
	}

	@Test
	void functionErrorsComeBackAsLambdaReportsThem(LocalLambda lambda) {
		InvocationResult result = lambda.invokeFixture("quote", "events/quote-unknown-sku.json");
		assertThat(result.isFunctionError()).isTrue();
		assertThat(result.errorType()).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(result.errorMessage()).startsWith("Unknown product");
	}

}
