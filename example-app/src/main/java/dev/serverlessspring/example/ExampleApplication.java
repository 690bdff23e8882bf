package dev.serverlessspring.example;

import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * An order service built of plain functions; each is a Lambda function in
 * {@code serverless.yml}.
 */
@SpringBootApplication
public class ExampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ExampleApplication.class, args);
	}

	/**
	 * The DynamoDB client of the order book, built as any application builds one:
	 * serverless-spring's Lambda defaults for the AWS SDK (region, credentials, HTTP client,
	 * {@code AWS_ENDPOINT_URL_*}) apply to it without being named here. Lazy, as the order
	 * book's use of it: the functions that never read orders (uppercase, quote...) do not pay
	 * for building it at their cold start.
	 * @return the client, closed with the application
	 */
	@Bean
	@Lazy
	public DynamoDbClient dynamoDb() {
		return DynamoDbClient.create();
	}

	@Bean
	public Function<String, String> uppercase() {
		return String::toUpperCase;
	}

	@Bean
	public Function<QuoteRequest, Quote> quote(PriceList priceList) {
		return priceList::quote;
	}

}
