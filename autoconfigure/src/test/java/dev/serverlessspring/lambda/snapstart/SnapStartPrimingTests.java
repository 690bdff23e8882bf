package dev.serverlessspring.lambda.snapstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SnapStart hooks, called as the runtime calls the registered
 * {@code org.crac.Resource} (no CRaC JVM is needed: the runtime interface client calls
 * them the same way).
 */
class SnapStartPrimingTests {

	@Test
	void primesTheFunctionWithASyntheticEventOfItsInputTypeOncePerCheckpoint() {
		try (ConfigurableApplicationContext context = run("greet",
				"serverless.spring.snapstart.priming.invocations=3")) {
			SnapStartPriming priming = context.getBean(SnapStartPriming.class);
			priming.beforeCheckpoint(null);
			priming.beforeCheckpoint(null);
			assertThat(Functions.calls).containsExactly("null@" + SnapStartPriming.PRIMING_REQUEST_ID,
					"null@" + SnapStartPriming.PRIMING_REQUEST_ID, "null@" + SnapStartPriming.PRIMING_REQUEST_ID);
			priming.afterRestore(null);
			priming.beforeCheckpoint(null);
			assertThat(Functions.calls).hasSize(6);
		}
	}

	@Test
	void primesAThousandTimesByDefaultSoThatTheJitCompilerCompilesTheInvocationPath() {
		try (ConfigurableApplicationContext context = run("greet")) {
			context.getBean(SnapStartPriming.class).beforeCheckpoint(null);
			assertThat(Functions.calls).hasSize(1000).containsOnly("null@" + SnapStartPriming.PRIMING_REQUEST_ID);
		}
	}

	@Test
	void primesThroughTheHandlerAsTheRuntimeCallsIt() throws Exception {
		try (ConfigurableApplicationContext context = run("greet")) {
			StreamHandler handler = new StreamHandler(context.getBean(EventDispatcher.class));
			SnapStartPriming priming = new SnapStartPriming(() -> context.getBean(EventDispatcher.class), () -> handler,
					"{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), 2, Duration.ofSeconds(10), context);
			assertThat(priming.prime()).isTrue();
			assertThat(handler.responses).containsExactly("Hello Ada", "Hello Ada");
			assertThat(Functions.calls).containsExactly("Ada@" + SnapStartPriming.PRIMING_REQUEST_ID,
					"Ada@" + SnapStartPriming.PRIMING_REQUEST_ID);
		}
	}

	@Test
	void primesWithTheApplicationsSampleEvent() {
		try (ConfigurableApplicationContext context = run("greet", "serverless.spring.snapstart.priming.invocations=1",
				"serverless.spring.snapstart.priming.event={\"name\":\"Ada\"}")) {
			context.getBean(SnapStartPriming.class).beforeCheckpoint(null);
			assertThat(Functions.calls).containsExactly("Ada@" + SnapStartPriming.PRIMING_REQUEST_ID);
		}
	}

	@Test
	void aFunctionThatRejectsThePrimingEventDoesNotFailTheCheckpoint() {
		try (ConfigurableApplicationContext context = run("reject")) {
			assertThat(context.getBean(SnapStartPriming.class).prime()).isFalse();
			// The first error ends the priming.
			assertThat(Functions.calls).containsExactly("reject@" + SnapStartPriming.PRIMING_REQUEST_ID);
		}
	}

	@Test
	void aSlowFunctionIsInterruptedAtTheTimeLimit() {
		try (ConfigurableApplicationContext context = run("slow",
				"serverless.spring.snapstart.priming.timeout=200ms")) {
			long start = System.nanoTime();
			context.getBean(SnapStartPriming.class).beforeCheckpoint(null);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
			assertThat(Thread.currentThread().isInterrupted()).isFalse();
		}
	}

	@Test
	void primingCanBeTurnedOff() {
		try (ConfigurableApplicationContext context = run("greet",
				"serverless.spring.snapstart.priming.enabled=false")) {
			context.getBean(SnapStartPriming.class).beforeCheckpoint(null);
			assertThat(Functions.calls).isEmpty();
		}
	}

	@Test
	void afterRestoreRenewsMessageIdsAndTellsTheApplication() throws Exception {
		try (ConfigurableApplicationContext context = run("greet")) {
			Field field = MessageHeaders.class.getDeclaredField("idGenerator");
			field.setAccessible(true);
			Object before = field.get(null);
			context.getBean(SnapStartPriming.class).afterRestore(null);
			assertThat(field.get(null)).isNotNull().isNotSameAs(before);
			assertThat(context.getBean(Functions.class).restored).hasSize(1);
		}
	}

	@Test
	void syntheticEventsFitTheInputType() {
		assertThat(new String(PrimingEvents.forInputType(String.class))).isEqualTo("\"priming\"");
		assertThat(new String(PrimingEvents.forInputType(Integer.class))).isEqualTo("0");
		assertThat(new String(PrimingEvents.forInputType(List.class))).isEqualTo("[]");
		assertThat(new String(PrimingEvents.forInputType(Person.class))).isEqualTo("{}");
		assertThat(new String(PrimingEvents.forInputType(null))).isEqualTo("{}");
	}

	private static ConfigurableApplicationContext run(String definition, String... properties) {
		Functions.calls.clear();
		return new SpringApplicationBuilder(Functions.class)
			.properties("spring.main.banner-mode=off", "spring.cloud.function.definition=" + definition)
			.properties(properties)
			.run();
	}

	record Person(String name) {
	}

	/**
	 * A handler as the runtime interface client calls it: public, with streams and a
	 * context.
	 */
	public static class StreamHandler implements RequestStreamHandler {

		final List<String> responses = new CopyOnWriteArrayList<>();

		private final EventDispatcher dispatcher;

		StreamHandler(EventDispatcher dispatcher) {
			this.dispatcher = dispatcher;
		}

		@Override
		public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			response.write(this.dispatcher.dispatch(input.readAllBytes(), context));
			output.write(response.toByteArray());
			this.responses.add(response.toString(StandardCharsets.UTF_8));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Functions {

		static final List<String> calls = new CopyOnWriteArrayList<>();

		final List<SnapStartRestoredEvent> restored = new CopyOnWriteArrayList<>();

		@Bean
		Function<Person, String> greet() {
			return (person) -> {
				calls.add(person.name() + "@" + LambdaContextHolder.getContext().getAwsRequestId());
				return "Hello " + person.name();
			};
		}

		@Bean
		Function<Person, String> reject() {
			return (person) -> {
				calls.add("reject@" + LambdaContextHolder.getContext().getAwsRequestId());
				throw new IllegalArgumentException("no name");
			};
		}

		@Bean
		Function<String, String> slow() {
			return (text) -> {
				try {
					Thread.sleep(60_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return text;
			};
		}

		@Bean
		ApplicationListener<SnapStartRestoredEvent> restoreListener() {
			return this.restored::add;
		}

	}

}
