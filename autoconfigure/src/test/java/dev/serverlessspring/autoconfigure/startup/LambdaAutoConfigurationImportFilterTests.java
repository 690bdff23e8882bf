package dev.serverlessspring.autoconfigure.startup;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

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

}
