package dev.serverlessspring.lambda.invoke;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.LambdaHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventDispatcherTests {

	@Test
	void stringFunctionTakesJsonStringOrRawText() {
		assertThat(dispatch("uppercase", "\"hello\"")).isEqualTo("HELLO");
		assertThat(dispatch("uppercase", "hello")).isEqualTo("HELLO");
	}

	@Test
	void pojoFunctionReadsAndWritesJson() {
		assertThat(dispatch("greet", "{\"name\":\"Ada\"}")).isEqualTo("{\"text\":\"Hello Ada\"}");
	}

	@Test
	void compositionChainsFunctions() {
		assertThat(dispatch("greet|shout", "{\"name\":\"Ada\"}")).isEqualTo("{\"text\":\"HELLO ADA\"}");
	}

	@Test
	void malformedJsonNamesTheExpectedType() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> dispatch("greet", "{\"name\":"))
			.withMessageContaining(Person.class.getName());
	}

	@Test
	void overlongUtf8IsRejectedNotDecoded() {
		byte[] event = "{\"name\":\"Ada?\"}".getBytes(StandardCharsets.UTF_8);
		int mark = new String(event, StandardCharsets.UTF_8).indexOf('?');
		byte[] overlong = new byte[event.length + 1];
		System.arraycopy(event, 0, overlong, 0, mark);
		overlong[mark] = (byte) 0xC0;
		overlong[mark + 1] = (byte) 0xAF;
		System.arraycopy(event, mark + 1, overlong, mark + 2, event.length - mark - 1);

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> dispatch("greet", overlong))
			.withMessage("Could not read the event as " + Person.class.getName() + ": not valid UTF-8");
	}

	@Test
	void nullEventIsRejectedClearly() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> dispatch("greet", "null"))
			.withMessageContaining("empty or null");
	}

	@Test
	void awsEventTypesUseAwsSerialization() {
		String event = "{\"version\":\"2.0\",\"routeKey\":\"GET /x\",\"rawPath\":\"/x\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}";
		String response = dispatch("http", event);
		assertThat(response).contains("\"statusCode\":200").contains("\"body\":\"GET /x\"");
	}

	@Test
	void messageFunctionSeesTheLambdaContext() {
		assertThat(dispatch("requestId", "{}")).isEqualTo("req-1/req-1");
	}

	@Test
	void consumerAnswersNothingAndSupplierIgnoresTheEvent() {
		assertThat(dispatch("sink", "\"x\"")).isNull();
		assertThat(dispatch("clock", "{\"anything\":true}")).isEqualTo("tick");
	}

	@Test
	void unknownDefinitionListsTheAvailableFunctions() {
		assertThatException().isThrownBy(() -> dispatch("nope", "{}"))
			.havingRootCause()
			.isInstanceOf(FunctionResolutionException.class)
			.withMessageContaining("nope")
			.withMessageContaining("uppercase")
			.withMessageContaining("greet");
	}

	@Test
	void unknownDefinitionIsAnErrorEvenWhereOneFunctionCouldServe() {
		// Spring Cloud Function's catalog falls back to the only function for any name it
		// lacks.
		assertThatException().isThrownBy(() -> dispatch(OneFunction.class, "upercase", "\"x\""))
			.havingRootCause()
			.isInstanceOf(FunctionResolutionException.class)
			.withMessage("No function matches the definition 'upercase'; available functions: [uppercase]");
		assertThatException().isThrownBy(() -> dispatch(OneFunction.class, "uppercase|nope", "\"x\""))
			.havingRootCause()
			.isInstanceOf(FunctionResolutionException.class)
			.withMessageContaining("'uppercase|nope'");
		assertThat(dispatch(OneFunction.class, "uppercase", "\"x\"")).isEqualTo("X");
		assertThat(dispatch(OneFunction.class, "", "\"x\"")).isEqualTo("X");
	}

	@Test
	void severalFunctionsWithoutDefinitionIsAnError() {
		assertThatException().isThrownBy(() -> dispatch("", "{}"))
			.havingRootCause()
			.isInstanceOf(FunctionResolutionException.class)
			.withMessageContaining("spring.cloud.function.definition");
	}

	private static String dispatch(String definition, String event) {
		return dispatch(definition, event.getBytes(StandardCharsets.UTF_8));
	}

	private static String dispatch(String definition, byte[] event) {
		return dispatch(Functions.class, definition, event);
	}

	private static String dispatch(Class<?> application, String definition, String event) {
		return dispatch(application, definition, event.getBytes(StandardCharsets.UTF_8));
	}

	private static String dispatch(Class<?> application, String definition, byte[] event) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties("spring.main.banner-mode=off", "spring.cloud.function.definition=" + definition)
			.run()) {
			byte[] result = context.getBean(EventDispatcher.class).dispatch(event, new TestContext("req-1"));
			return (result != null) ? new String(result, StandardCharsets.UTF_8) : null;
		}
	}

	record Person(String name) {
	}

	record Greeting(String text) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OneFunction {

		@Bean
		Function<String, String> uppercase() {
			return (value) -> value.toUpperCase(java.util.Locale.ROOT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		static final StringBuilder consumed = new StringBuilder();

		@Bean
		Function<String, String> uppercase() {
			return String::toUpperCase;
		}

		@Bean
		Function<Person, Greeting> greet() {
			return (person) -> new Greeting("Hello " + person.name());
		}

		@Bean
		Function<Greeting, Greeting> shout() {
			return (greeting) -> new Greeting(greeting.text().toUpperCase());
		}

		@Bean
		Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http() {
			return (event) -> APIGatewayV2HTTPResponse.builder()
				.withStatusCode(200)
				.withBody(event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath())
				.build();
		}

		@Bean
		Function<Message<Map<String, Object>>, String> requestId() {
			return (message) -> ((Context) message.getHeaders().get(LambdaHeaders.CONTEXT)).getAwsRequestId() + "/"
					+ LambdaContextHolder.requireContext().getAwsRequestId();
		}

		@Bean
		Consumer<String> sink() {
			return consumed::append;
		}

		@Bean
		Supplier<String> clock() {
			return () -> "tick";
		}

	}

}
