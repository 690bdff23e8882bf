package dev.serverlessspring.autoconfigure.snapstart;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.autoconfigure.json.LambdaJsonAutoConfiguration;
import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.snapstart.SnapStartPriming;
import dev.serverlessspring.lambda.snapstart.SnapStartRestoredEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaSnapStartAutoConfiguration}: the hooks are called as the runtime
 * calls the registered {@code org.crac.Resource}.
 */
class LambdaSnapStartAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(AutoConfigured.class, Functions.class)
		.withPropertyValues("spring.cloud.function.definition=greet");

	@Test
	void primesTheFunctionBeforeTheCheckpoint() {
		this.contextRunner
			.withPropertyValues("serverless.spring.snapstart.priming.invocations=3",
					"serverless.spring.snapstart.priming.event=\"Ada\"")
			.run((context) -> {
				assertThat(context).hasSingleBean(SnapStartPriming.class);
				context.getBean(SnapStartPriming.class).beforeCheckpoint(null);
				assertThat(context.getBean(Functions.class).calls).containsExactly(
						"Ada@" + SnapStartPriming.PRIMING_REQUEST_ID, "Ada@" + SnapStartPriming.PRIMING_REQUEST_ID,
						"Ada@" + SnapStartPriming.PRIMING_REQUEST_ID);
			});
	}

	@Test
	void thePrimingEventCanBeReadFromALocation() {
		this.contextRunner
			.withPropertyValues("serverless.spring.snapstart.priming.invocations=1",
					"serverless.spring.snapstart.priming.event-location=classpath:snapstart/priming-event.json")
			.run((context) -> {
				context.getBean(SnapStartPriming.class).beforeCheckpoint(null);
				assertThat(context.getBean(Functions.class).calls)
					.containsExactly("Grace@" + SnapStartPriming.PRIMING_REQUEST_ID);
			});
	}

	@Test
	void primingCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("serverless.spring.snapstart.priming.enabled=false").run((context) -> {
			context.getBean(SnapStartPriming.class).beforeCheckpoint(null);
			assertThat(context.getBean(Functions.class).calls).isEmpty();
		});
	}

	@Test
	void theApplicationIsToldOfEachRestore() {
		this.contextRunner.withUserConfiguration(RestoreListener.class).run((context) -> {
			SnapStartPriming priming = context.getBean(SnapStartPriming.class);
			priming.afterRestore(null);
			priming.afterRestore(null);
			assertThat(context.getBean(RestoreListener.class).restores).hasSize(2)
				.allSatisfy((event) -> assertThat(event.getSource()).isSameAs(priming));
		});
	}

	@Test
	void outsideATrainingRunTheReadyApplicationIsNotPrimed() {
		this.contextRunner.run((context) -> {
			context.publishEvent(
					new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
			assertThat(context.getBean(Functions.class).calls).isEmpty();
		});
	}

	@Test
	void primingOfTheApplicationReplacesOurs() {
		SnapStartPriming own = new SnapStartPriming(() -> null, () -> null, null, 0, Duration.ofSeconds(1), (event) -> {
		});
		this.contextRunner.withBean(SnapStartPriming.class, () -> own)
			.run((context) -> assertThat(context).getBean(SnapStartPriming.class).isSameAs(own));
	}

	@Test
	void backsOffWithoutCrac() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(org.crac.Resource.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SnapStartPriming.class));
	}

	@Test
	void aPrimingEventLocationThatIsNotThereFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("serverless.spring.snapstart.priming.event-location=classpath:nothing.json")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("serverless.spring.snapstart.priming.event-location")
				.hasStackTraceContaining("classpath:nothing.json"));
	}

	@Test
	void aPrimingTimeoutThatIsNoDurationFailsToBind() {
		this.contextRunner.withPropertyValues("serverless.spring.snapstart.priming.timeout=ten seconds")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.snapstart")
				.rootCause()
				.hasMessageContaining("ten seconds"));
	}

	@Test
	void aPrimingTimeoutThatIsNotPositiveFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("serverless.spring.snapstart.priming.timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("serverless.spring.snapstart.priming.timeout"));
	}

	@Test
	void anEnabledFlagThatIsNoBooleanFailsToBind() {
		this.contextRunner.withPropertyValues("serverless.spring.snapstart.enabled=when-snapped")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("serverless.spring.snapstart")
				.rootCause()
				.hasMessageContaining("when-snapped"));
	}

	/**
	 * Imported by name, as in an application (see
	 * {@code LambdaJsonAutoConfigurationTests}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LambdaJsonAutoConfiguration.class, JacksonAutoConfiguration.class,
			ContextFunctionCatalogAutoConfiguration.class, LambdaFunctionAutoConfiguration.class,
			LambdaSnapStartAutoConfiguration.class })
	static class AutoConfigured {

	}

	@Configuration(proxyBeanMethods = false)
	static class Functions {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		Function<String, String> greet() {
			return (name) -> {
				this.calls.add(name + "@" + LambdaContextHolder.getContext().getAwsRequestId());
				return "Hello " + name;
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RestoreListener implements ApplicationListener<SnapStartRestoredEvent> {

		final List<SnapStartRestoredEvent> restores = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(SnapStartRestoredEvent event) {
			this.restores.add(event);
		}

	}

}
