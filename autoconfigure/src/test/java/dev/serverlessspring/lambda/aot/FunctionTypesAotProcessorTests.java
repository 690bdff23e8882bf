package dev.serverlessspring.lambda.aot;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.serverlessspring.lambda.MainClassLocator;
import dev.serverlessspring.lambda.http.HttpResponse;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.javapoet.ClassName;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints for the application's function types, built as Spring AOT builds
 * them at build time.
 */
class FunctionTypesAotProcessorTests {

	@Test
	void registersTheFunctionsPayloadTypesAndTheApplicationClass() {
		RuntimeHints hints = process(Functions.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Item.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Functions.class)).accepts(hints);
	}

	@Test
	void registersTheElementsOfStreamingResults() {
		RuntimeHints hints = process(Functions.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Tick.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Line.class)).accepts(hints);
	}

	@Test
	void registersAwsEventTypesWithTheirNestedTypes() {
		RuntimeHints hints = process(Functions.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(APIGatewayV2HTTPEvent.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(APIGatewayV2HTTPEvent.RequestContext.Http.class))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(APIGatewayV2HTTPResponse.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(SQSEvent.SQSMessage.class)).accepts(hints);
	}

	@Test
	void registersAwsSerializationAndTheManifest() {
		RuntimeHints hints = new RuntimeHints();
		new LambdaRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/MANIFEST.MF")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(com.amazonaws.services.lambda.runtime.serialization.events.mixins.SQSEventMixin.class))
			.accepts(hints);
	}

	@Test
	void namesTheApplicationClassInAResourceForNativeImages() throws Exception {
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		process(Functions.class, files);
		assertThat(
				files.getGeneratedFileContent(GeneratedFiles.Kind.RESOURCE, MainClassLocator.AOT_START_CLASS_RESOURCE))
			.isEqualTo(Functions.class.getName());
	}

	@Test
	void namesTheApplicationClassNotItsCglibSubclassWhenBeanMethodsAreProxied() throws Exception {
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		RuntimeHints hints = process(ProxiedApplication.class, files);
		// The name a local Lambda or a native image starts: the subclass would scan the
		// application class as a second bean of the same name
		// (ConflictingBeanDefinitionException).
		assertThat(
				files.getGeneratedFileContent(GeneratedFiles.Kind.RESOURCE, MainClassLocator.AOT_START_CLASS_RESOURCE))
			.isEqualTo(ProxiedApplication.class.getName());
		assertThat(RuntimeHintsPredicates.reflection().onType(ProxiedApplication.class)).accepts(hints);
	}

	private static RuntimeHints process(Class<?> configuration) {
		return process(configuration, new InMemoryGeneratedFiles());
	}

	private static RuntimeHints process(Class<?> configuration, InMemoryGeneratedFiles files) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(configuration);
			context.refreshForAotProcessing(new RuntimeHints());
			BeanFactoryInitializationAotContribution contribution = new FunctionTypesAotProcessor()
				.processAheadOfTime(context.getBeanFactory());
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get("com.example", "Test")), files);
			contribution.applyTo(generation, null);
			return generation.getRuntimeHints();
		}
	}

	record Item(String sku) {
	}

	record Order(Item item) {
	}

	record Receipt(String id) {
	}

	/**
	 * Proxied @Bean methods, the default of @SpringBootApplication: AOT sees its CGLIB
	 * subclass.
	 */
	@SpringBootConfiguration
	static class ProxiedApplication {

		@Bean
		Supplier<String> clock() {
			return () -> "tick";
		}

	}

	record Tick(long at) {
	}

	record Line(String text) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class Functions {

		@Bean
		Function<Message<Order>, Receipt> place() {
			return (order) -> new Receipt("1");
		}

		@Bean
		Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http() {
			return (event) -> new APIGatewayV2HTTPResponse();
		}

		@Bean
		Consumer<SQSEvent> sqs() {
			return (event) -> {
			};
		}

		@Bean
		Function<String, HttpResponse<Flux<Tick>>> ticks() {
			return (event) -> HttpResponse.ok(Flux.just(new Tick(1)));
		}

		@Bean
		Function<String, Stream<Line>> lines() {
			return (event) -> Stream.of(new Line("a"));
		}

		@Bean
		Supplier<String> clock() {
			return () -> "tick";
		}

	}

}
