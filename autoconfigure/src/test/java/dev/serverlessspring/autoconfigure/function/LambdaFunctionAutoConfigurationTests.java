package dev.serverlessspring.autoconfigure.function;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.autoconfigure.json.LambdaJsonAutoConfiguration;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.FunctionResolutionException;
import dev.serverlessspring.lambda.invoke.FunctionResolver;
import dev.serverlessspring.lambda.invoke.PayloadConverter;
import dev.serverlessspring.lambda.invoke.TestContext;
import dev.serverlessspring.lambda.stream.ResponseStreams;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link LambdaFunctionAutoConfiguration}.
 */
class LambdaFunctionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(AutoConfigured.class, Functions.class);

	@Test
	void servesTheDefinedFunction() {
		this.contextRunner.withPropertyValues("spring.cloud.function.definition=uppercase").run((context) -> {
			assertThat(context).hasSingleBean(PayloadConverter.class)
				.hasSingleBean(ResponseStreams.class)
				.hasSingleBean(FunctionResolver.class)
				.hasSingleBean(EventDispatcher.class);
			EventDispatcher dispatcher = context.getBean(EventDispatcher.class);
			assertThat(dispatcher.function().definition()).isEqualTo("uppercase");
			assertThat(new String(
					dispatcher.dispatch("\"ada\"".getBytes(StandardCharsets.UTF_8), new TestContext("req-1")),
					StandardCharsets.UTF_8))
				.contains("ADA");
			// Functions read with the application's mapper.
			assertThat(context.getBean(PayloadConverter.class).objectMapper())
				.isSameAs(context.getBean(JsonMapper.class));
		});
	}

	@Test
	void theOnlyFunctionIsServedWithoutADefinition() {
		new ApplicationContextRunner().withUserConfiguration(AutoConfigured.class, OneFunction.class)
			.run((context) -> assertThat(context.getBean(EventDispatcher.class).function().definition())
				.isEqualTo("reverse"));
	}

	@Test
	void severalFunctionsAndNoDefinitionStartButCannotBeServed() {
		// An application outside Lambda (a test, say) starts without choosing a function.
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatException().isThrownBy(() -> context.getBean(EventDispatcher.class))
				.havingRootCause()
				.isInstanceOf(FunctionResolutionException.class)
				.withMessageContaining("spring.cloud.function.definition")
				.withMessageContaining("[lowercase, uppercase]");
		});
	}

	@Test
	void aDefinitionNamingNoFunctionFailsNamingIt() {
		this.contextRunner.withPropertyValues("spring.cloud.function.definition=upercase")
			.run((context) -> assertThatException().isThrownBy(() -> context.getBean(EventDispatcher.class))
				.havingRootCause()
				.isInstanceOf(FunctionResolutionException.class)
				.withMessageContaining("'upercase'"));
	}

	@Test
	void backsOffWithoutTheLambdaCoreLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Context.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PayloadConverter.class)
				.doesNotHaveBean(FunctionResolver.class)
				.doesNotHaveBean(EventDispatcher.class));
	}

	@Test
	void backsOffWithoutSpringCloudFunction() {
		new ApplicationContextRunner().withUserConfiguration(OnlyThisAutoConfiguration.class)
			.withClassLoader(new FilteredClassLoader(FunctionCatalog.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PayloadConverter.class)
				.doesNotHaveBean(EventDispatcher.class));
	}

	@Test
	void aPayloadConverterOfTheApplicationIsUsed() {
		PayloadConverter converter = new PayloadConverter(JsonMapper.builder().build(), getClass().getClassLoader());
		this.contextRunner.withBean(PayloadConverter.class, () -> converter)
			.withPropertyValues("spring.cloud.function.definition=uppercase")
			.run((context) -> {
				assertThat(context).getBean(PayloadConverter.class).isSameAs(converter);
				assertThat(context.getBean(EventDispatcher.class)
					.dispatch("\"ada\"".getBytes(StandardCharsets.UTF_8), new TestContext("req-1")))
					.asString(StandardCharsets.UTF_8)
					.contains("ADA");
			});
	}

	@Test
	void responseStreamsOfTheApplicationReplaceOurs() {
		ResponseStreams streams = new ResponseStreams(JsonMapper.shared(), "\r\n");
		this.contextRunner.withBean(ResponseStreams.class, () -> streams)
			.run((context) -> assertThat(context).getBean(ResponseStreams.class).isSameAs(streams));
	}

	@Test
	void aFunctionResolverOfTheApplicationChoosesTheFunction() {
		this.contextRunner.withUserConfiguration(AlwaysLowercase.class)
			.withPropertyValues("spring.cloud.function.definition=uppercase")
			.run((context) -> {
				assertThat(context).hasSingleBean(FunctionResolver.class);
				assertThat(context.getBean(EventDispatcher.class).function().definition()).isEqualTo("lowercase");
			});
	}

	@Test
	void anEventDispatcherOfTheApplicationReplacesOurs() {
		EventDispatcher dispatcher = mock(EventDispatcher.class);
		this.contextRunner.withBean(EventDispatcher.class, () -> dispatcher)
			.run((context) -> assertThat(context).getBean(EventDispatcher.class).isSameAs(dispatcher));
	}

	@Test
	void aJsonMapperOtherThanJacksonFailsNamingIt() {
		this.contextRunner
			.withBean(org.springframework.cloud.function.json.JsonMapper.class,
					() -> mock(org.springframework.cloud.function.json.JsonMapper.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Jackson")
				.hasMessageContaining(org.springframework.cloud.function.json.JsonMapper.class.getName()));
	}

	@Test
	void aStreamingPropertyThatIsNoBooleanFailsToBind() {
		this.contextRunner.withPropertyValues("serverless.spring.streaming.rest-api=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.streaming")
				.rootCause()
				.hasMessageContaining("sometimes"));
	}

	/**
	 * Imported by name, as in an application (see
	 * {@code LambdaJsonAutoConfigurationTests}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LambdaJsonAutoConfiguration.class, JacksonAutoConfiguration.class,
			ContextFunctionCatalogAutoConfiguration.class, LambdaFunctionAutoConfiguration.class })
	static class AutoConfigured {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(LambdaFunctionAutoConfiguration.class)
	static class OnlyThisAutoConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class Functions {

		@Bean
		Function<String, String> uppercase() {
			return String::toUpperCase;
		}

		@Bean
		Function<String, String> lowercase() {
			return String::toLowerCase;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneFunction {

		@Bean
		Function<String, String> reverse() {
			return (text) -> new StringBuilder(text).reverse().toString();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AlwaysLowercase {

		@Bean
		FunctionResolver alwaysLowercase(FunctionCatalog catalog, PayloadConverter converter) {
			return new FunctionResolver(catalog, converter) {

				@Override
				public dev.serverlessspring.lambda.invoke.LambdaFunction resolve(String definition) {
					return super.resolve("lowercase");
				}

			};
		}

	}

}
