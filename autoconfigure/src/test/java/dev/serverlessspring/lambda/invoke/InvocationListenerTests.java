package dev.serverlessspring.lambda.invoke;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.event.LambdaEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InvocationListenerTests {

	@Test
	void listenersAreCalledInOrderBeforeAndInReverseOrderAfter() {
		List<String> calls = dispatch("\"ada\"");
		assertThat(calls).containsExactly("first started req-1 \"ada\" in context",
				"second started req-1 \"ada\" in context", "second succeeded req-1", "first succeeded req-1");
	}

	@Test
	void aFailureReachesTheListenersAndThenTheRuntime() {
		List<String> calls = dispatch("\"\"");
		assertThat(calls).containsExactly("first started req-1 \"\" in context", "second started req-1 \"\" in context",
				"second failed req-1 Nobody to greet", "first failed req-1 Nobody to greet");
	}

	@Test
	void aListenerFailingOnAFailureDoesNotHideTheFunctionsError() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Listened.class)
			.properties("spring.main.banner-mode=off")
			.run()) {
			context.getBeanFactory().registerSingleton("broken", new InvocationListener() {
				@Override
				public void invocationFailed(LambdaEvent event, Throwable error, Duration duration) {
					throw new IllegalStateException("listener broke");
				}
			});
			EventDispatcher dispatcher = context.getBean(EventDispatcher.class);
			assertThatIllegalArgumentException()
				.isThrownBy(
						() -> dispatcher.dispatch("\"\"".getBytes(StandardCharsets.UTF_8), new TestContext("req-1")))
				.withMessage("Nobody to greet")
				.satisfies((ex) -> assertThat(ex.getSuppressed()).extracting(Throwable::getMessage)
					.containsExactly("listener broke"));
		}
	}

	private static List<String> dispatch(String event) {
		List<String> calls = new ArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Listened.class)
			.properties("spring.main.banner-mode=off")
			.run()) {
			context.getBeanFactory().registerSingleton("second", new RecordingListener("second", 2, calls));
			context.getBeanFactory().registerSingleton("first", new RecordingListener("first", 1, calls));
			EventDispatcher dispatcher = context.getBean(EventDispatcher.class);
			byte[] payload = event.getBytes(StandardCharsets.UTF_8);
			if (event.equals("\"\"")) {
				assertThatIllegalArgumentException()
					.isThrownBy(() -> dispatcher.dispatch(payload, new TestContext("req-1")))
					.withMessage("Nobody to greet");
			}
			else {
				assertThat(dispatcher.dispatch(payload, new TestContext("req-1"))).asString(StandardCharsets.UTF_8)
					.isEqualTo("Hello ada");
			}
		}
		return calls;
	}

	record RecordingListener(String name, int order, List<String> calls) implements InvocationListener {

		@Override
		public void invocationStarted(LambdaEvent event) {
			this.calls.add(this.name + " started " + event.context().getAwsRequestId() + " "
					+ new String(event.payload(), StandardCharsets.UTF_8)
					+ ((LambdaContextHolder.getContext() == event.context()) ? " in context" : " outside"));
		}

		@Override
		public void invocationSucceeded(LambdaEvent event, Duration duration) {
			assertThat(duration).isPositive();
			this.calls.add(this.name + " succeeded " + event.context().getAwsRequestId());
		}

		@Override
		public void invocationFailed(LambdaEvent event, Throwable error, Duration duration) {
			assertThat(duration).isPositive();
			this.calls.add(this.name + " failed " + event.context().getAwsRequestId() + " " + error.getMessage());
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Listened {

		@Bean
		Function<String, String> greet() {
			return (name) -> {
				if (name.isEmpty()) {
					throw new IllegalArgumentException("Nobody to greet");
				}
				return "Hello " + name;
			};
		}

	}

}
