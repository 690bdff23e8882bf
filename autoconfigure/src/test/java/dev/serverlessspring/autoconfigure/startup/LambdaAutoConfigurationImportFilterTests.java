package dev.serverlessspring.autoconfigure.startup;

import java.util.List;

import dev.serverlessspring.autoconfigure.metrics.LambdaMetricsAutoConfiguration;
import dev.serverlessspring.lambda.metrics.EmbeddedMetricWriter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaAutoConfigurationImportFilter}: the filter alone, and in an
 * application's auto-configuration.
 */
class LambdaAutoConfigurationImportFilterTests {

	private static final String TASK_EXECUTION = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration";

	private static final String JACKSON = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration";

	@Test
	void isRegisteredAsAnImportFilter() {
		assertThat(SpringFactoriesLoader.loadFactories(AutoConfigurationImportFilter.class, null))
			.hasAtLeastOneElementOfType(LambdaAutoConfigurationImportFilter.class);
	}

	@Test
	void skipsUnusedAutoConfigurationsByDefault() {
		assertThat(match(new MockEnvironment(), TASK_EXECUTION, JACKSON, null)).containsExactly(false, true, true);
	}

	@Test
	void anEmptyListKeepsThemAll() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("serverless.spring.startup.skipped-auto-configurations", "");
		assertThat(match(environment, TASK_EXECUTION, JACKSON)).containsExactly(true, true);
	}

	@Test
	void theListCanBeReplaced() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("serverless.spring.startup.skipped-auto-configurations", JACKSON);
		assertThat(match(environment, TASK_EXECUTION, JACKSON)).containsExactly(true, false);
	}

	@Test
	void anApplicationLeavesOutTheSkippedAutoConfigurations() {
		new ApplicationContextRunner().withUserConfiguration(AutoConfigured.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(TaskExecutor.class);
			assertThat(context).hasSingleBean(EmbeddedMetricWriter.class);
		});
	}

	@Test
	void anApplicationWithAnEmptyListKeepsThem() {
		new ApplicationContextRunner().withUserConfiguration(AutoConfigured.class)
			.withPropertyValues("serverless.spring.startup.skipped-auto-configurations=")
			.run((context) -> assertThat(context).hasSingleBean(TaskExecutor.class));
	}

	@Test
	void anApplicationsOwnExclusionsAddToTheList() {
		new ApplicationContextRunner().withUserConfiguration(AutoConfigured.class)
			.withPropertyValues("spring.autoconfigure.exclude=" + LambdaMetricsAutoConfiguration.class.getName())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TaskExecutor.class)
				.doesNotHaveBean(EmbeddedMetricWriter.class));
	}

	private static List<Boolean> match(MockEnvironment environment, String... autoConfigurations) {
		LambdaAutoConfigurationImportFilter filter = new LambdaAutoConfigurationImportFilter();
		filter.setEnvironment(environment);
		boolean[] matches = filter.match(autoConfigurations, null);
		Boolean[] boxed = new Boolean[matches.length];
		for (int i = 0; i < matches.length; i++) {
			boxed[i] = matches[i];
		}
		return List.of(boxed);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AutoConfigured {

	}

}
