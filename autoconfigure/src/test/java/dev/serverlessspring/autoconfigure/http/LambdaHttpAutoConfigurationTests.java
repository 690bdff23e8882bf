package dev.serverlessspring.autoconfigure.http;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.autoconfigure.json.LambdaJsonAutoConfiguration;
import dev.serverlessspring.lambda.http.ExceptionStatusResolver;
import dev.serverlessspring.lambda.http.HttpEvent;
import dev.serverlessspring.lambda.http.HttpEventAdapter;
import dev.serverlessspring.lambda.http.HttpRoutes;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.TestContext;
import dev.serverlessspring.lambda.stream.ResponseStreams;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link LambdaHttpAutoConfiguration}.
 */
class LambdaHttpAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(AutoConfigured.class, Functions.class);

	@Test
	void servesHttpEventsAsRequestsToTheDefinedFunction() {
		this.contextRunner.withPropertyValues("spring.cloud.function.definition=greet").run((context) -> {
			assertThat(context).hasSingleBean(HttpEventAdapter.class)
				.hasSingleBean(ExceptionStatusResolver.class)
				.hasSingleBean(HttpRoutes.class)
				.doesNotHaveBean(HttpRoutes.ROUTER_FUNCTION_NAME);
			assertThat(context.getBean(HttpRoutes.class).isEmpty()).isTrue();
			JsonNode response = dispatch(context,
					HttpEvent.HTTP_API.request("POST", "/greet", "/greet", "{\"name\":\"Ada\"}"));
			assertThat(response.get("statusCode").asInt()).isEqualTo(200);
			assertThat(response.get("body").asString()).contains("Hello Ada");
		});
	}

	@Test
	void whenTurnedOffFunctionsReceiveTheWholeEvent() {
		this.contextRunner
			.withPropertyValues("serverless.spring.http.enabled=false", "spring.cloud.function.definition=keys")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(HttpEventAdapter.class)
					.doesNotHaveBean(ExceptionStatusResolver.class)
					.doesNotHaveBean(HttpRoutes.class);
				JsonNode response = dispatch(context,
						HttpEvent.HTTP_API.request("POST", "/greet", "/greet", "{\"name\":\"Ada\"}"));
				assertThat(response.get("keys").toString()).contains("requestContext").contains("routeKey");
			});
	}

	@Test
	void backsOffWithoutTheFunctionAutoConfiguration() {
		// Without the Lambda core library the function is not served, and no HTTP adapter
		// is wanted.
		this.contextRunner.withClassLoader(new FilteredClassLoader(Context.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EventDispatcher.class)
				.doesNotHaveBean(HttpEventAdapter.class)
				.doesNotHaveBean(ExceptionStatusResolver.class)
				.doesNotHaveBean(HttpRoutes.class));
	}

	@Test
	void anExceptionIsAnsweredWithItsConfiguredStatus() {
		this.contextRunner
			.withPropertyValues("serverless.spring.http.exception-status.[java.util.NoSuchElementException]=404",
					"spring.cloud.function.definition=find")
			.run((context) -> {
				assertThat(context.getBean(ExceptionStatusResolver.class)
					.resolve(new IllegalStateException(new NoSuchElementException("gone")))
					.status()).isEqualTo(404);
				JsonNode response = dispatch(context,
						HttpEvent.HTTP_API.request("GET", "/orders/{id}", "/orders/42", null));
				assertThat(response.get("statusCode").asInt()).isEqualTo(404);
				assertThat(response.get("body").asString()).contains("No order 42");
			});
	}

	@Test
	void routesServeEachRequestWithItsFunctionThroughTheRouter() {
		this.contextRunner
			.withPropertyValues("serverless.spring.http.routes.greet=POST /greet",
					"serverless.spring.http.routes.find=GET /orders/{id}",
					"spring.cloud.function.definition=" + HttpRoutes.ROUTER_FUNCTION_NAME)
			.run((context) -> {
				assertThat(context).hasBean(HttpRoutes.ROUTER_FUNCTION_NAME);
				HttpRoutes routes = context.getBean(HttpRoutes.class);
				assertThat(routes.match(null, "POST", "/greet").function().definition()).isEqualTo("greet");
				assertThat(routes.allowedMethods("/orders/7")).containsExactly("GET");
				JsonNode greeted = dispatch(context,
						HttpEvent.ALB.request("POST", "/greet", "/greet", "{\"name\":\"Grace\"}"));
				assertThat(greeted.get("body").asString()).contains("Hello Grace");
				JsonNode unrouted = dispatch(context, HttpEvent.ALB.request("GET", "/nowhere", "/nowhere", null));
				assertThat(unrouted.get("statusCode").asInt()).isEqualTo(404);
				// The router serves HTTP events only; any other event gets a message
				// saying so.
				assertThatException().isThrownBy(() -> dispatch(context, "{\"Records\":[]}".getBytes()))
					.withStackTraceContaining("serverless.spring.http.routes");
			});
	}

	@Test
	void aRouteToAFunctionThatIsNotThereFailsNamingIt() {
		this.contextRunner.withPropertyValues("serverless.spring.http.routes.gone=GET /gone").run((context) -> {
			// Resolved when first served, so that an application outside Lambda still
			// starts.
			assertThat(context).hasNotFailed();
			assertThatException().isThrownBy(() -> context.getBean(HttpRoutes.class))
				.withStackTraceContaining("'gone'");
		});
	}

	@Test
	void anExceptionStatusResolverOfTheApplicationReplacesOurs() {
		ExceptionStatusResolver resolver = new ExceptionStatusResolver(Map.of(NoSuchElementException.class, 410));
		this.contextRunner.withBean(ExceptionStatusResolver.class, () -> resolver)
			.withPropertyValues("serverless.spring.http.exception-status.[java.util.NoSuchElementException]=404",
					"spring.cloud.function.definition=find")
			.run((context) -> {
				assertThat(context).getBean(ExceptionStatusResolver.class).isSameAs(resolver);
				JsonNode response = dispatch(context,
						HttpEvent.HTTP_API.request("GET", "/orders/{id}", "/orders/42", null));
				assertThat(response.get("statusCode").asInt()).isEqualTo(410);
			});
	}

	@Test
	void httpRoutesOfTheApplicationReplaceOurs() {
		HttpRoutes routes = new HttpRoutes(Map.of());
		this.contextRunner.withBean(HttpRoutes.class, () -> routes)
			.withPropertyValues("serverless.spring.http.routes.gone=GET /gone")
			.run((context) -> assertThat(context).getBean(HttpRoutes.class).isSameAs(routes));
	}

	@Test
	void anHttpEventAdapterOfTheApplicationReplacesOurs() {
		JsonMapper mapper = JsonMapper.shared();
		HttpEventAdapter adapter = new HttpEventAdapter(mapper, new ExceptionStatusResolver(Map.of()),
				new HttpRoutes(Map.of()), new ResponseStreams(mapper, "\n"));
		this.contextRunner.withBean(HttpEventAdapter.class, () -> adapter)
			.run((context) -> assertThat(context).getBean(HttpEventAdapter.class).isSameAs(adapter));
	}

	@Test
	void anExceptionStatusNamingAClassThatIsNotThereFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("serverless.spring.http.exception-status.[com.example.Missing]=404")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(ClassNotFoundException.class)
				.hasStackTraceContaining("serverless.spring.http.exception-status")
				.hasStackTraceContaining("'com.example.Missing'"));
	}

	@Test
	void anExceptionStatusNamingAClassThatIsNoExceptionFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("serverless.spring.http.exception-status.[java.lang.String]=400")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("serverless.spring.http.exception-status")
				.hasMessageContaining("java.lang.String"));
	}

	@Test
	void anExceptionStatusThatIsNoHttpStatusFailsNamingTheProperty() {
		// API Gateway would answer such a proxy response with a 502 of its own.
		this.contextRunner
			.withPropertyValues("serverless.spring.http.exception-status.[java.util.NoSuchElementException]=42")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("serverless.spring.http.exception-status")
				.hasMessageContaining("java.util.NoSuchElementException")
				.hasMessageContaining("42"));
	}

	@Test
	void anExceptionStatusThatIsNoNumberFailsToBind() {
		this.contextRunner
			.withPropertyValues("serverless.spring.http.exception-status.[java.util.NoSuchElementException]=not-found")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.http")
				.rootCause()
				.hasMessageContaining("not-found"));
	}

	private static JsonNode dispatch(AssertableApplicationContext context, byte[] event) {
		return JsonMapper.shared()
			.readTree(context.getBean(EventDispatcher.class).dispatch(event, new TestContext("req-1")));
	}

	/**
	 * Imported by name, as in an application (see
	 * {@code LambdaJsonAutoConfigurationTests}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LambdaJsonAutoConfiguration.class, JacksonAutoConfiguration.class,
			ContextFunctionCatalogAutoConfiguration.class, LambdaFunctionAutoConfiguration.class,
			LambdaHttpAutoConfiguration.class })
	static class AutoConfigured {

	}

	@Configuration(proxyBeanMethods = false)
	static class Functions {

		@Bean
		Function<Greeting, String> greet() {
			return (greeting) -> "Hello " + greeting.name();
		}

		@Bean
		Function<String, String> find() {
			return (id) -> {
				throw new NoSuchElementException("No order 42");
			};
		}

		@Bean
		Function<Map<String, Object>, Map<String, Object>> keys() {
			return (event) -> Map.of("keys", event.keySet());
		}

	}

	record Greeting(String name) {
	}

}
