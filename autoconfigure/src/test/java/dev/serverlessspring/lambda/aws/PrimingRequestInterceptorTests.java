package dev.serverlessspring.lambda.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.runtime.InvocationRequest;
import dev.serverlessspring.lambda.runtime.RuntimeContext;
import dev.serverlessspring.lambda.snapstart.SnapStartPriming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming runs a DynamoDB call of the function through the SDK's client up to
 * the wire, and sends nothing: a server standing in for DynamoDB sees no request until a
 * real invocation.
 */
class PrimingRequestInterceptorTests {

	private static final AtomicInteger requests = new AtomicInteger();

	private static final List<String> outcomes = new CopyOnWriteArrayList<>();

	private static URI endpoint;

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		requests.set(0);
		outcomes.clear();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			requests.incrementAndGet();
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		endpoint = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void primingPreparesTheFunctionsRequestsButSendsNone() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "spring.cloud.function.definition=findOrder")
			.run()) {
			SnapStartPriming priming = new SnapStartPriming(() -> context.getBean(EventDispatcher.class), () -> null,
					"\"o-1\"".getBytes(StandardCharsets.UTF_8), 3, Duration.ofSeconds(20), context);
			priming.prime();
			assertThat(requests).hasValue(0);
			assertThat(outcomes).first().asString().contains("SnapStart priming").contains("was prepared but not sent");
			assertThat(SnapStartPriming.isPriming()).isFalse();

			EventDispatcher dispatcher = context.getBean(EventDispatcher.class);
			RuntimeContext invocation = new RuntimeContext(
					new InvocationRequest("req-1", System.currentTimeMillis() + 10_000, null, null, null, null, null,
							"\"o-1\"".getBytes(StandardCharsets.UTF_8)),
					Map.of());
			assertThat(new String(dispatcher.dispatch("\"o-1\"".getBytes(StandardCharsets.UTF_8), invocation),
					StandardCharsets.UTF_8))
				.isEqualTo("none");
			assertThat(requests).hasValue(1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDb() {
			return DynamoDbClient.builder()
				.endpointOverride(endpoint)
				.region(Region.EU_WEST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
				.httpClient(UrlConnectionHttpClient.create())
				.build();
		}

		@Bean
		Function<String, String> findOrder(DynamoDbClient dynamoDb) {
			return (id) -> {
				try {
					Map<String, AttributeValue> item = dynamoDb
						.getItem((get) -> get.tableName("orders").key(Map.of("orderId", AttributeValue.fromS(id))))
						.item();
					outcomes.add("found " + item.size());
					return item.isEmpty() ? "none" : "some";
				}
				catch (RuntimeException ex) {
					outcomes.add(ex.getMessage());
					throw ex;
				}
			};
		}

	}

}
