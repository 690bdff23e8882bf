package dev.serverlessspring.autoconfigure.logging;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaLoggingEnvironmentPostProcessorTests {

	@Test
	void outsideLambdaNothingChanges() {
		StandardEnvironment environment = postProcess(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON"));
		assertThat(
				environment.getPropertySources().contains(LambdaLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void jsonFormatSelectsTheLambdaJsonFormatterAndTheLevel() {
		StandardEnvironment environment = postProcess(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders",
				"AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "debug"));
		assertThat(environment.getProperty("logging.structured.format.console"))
			.isEqualTo(LambdaLoggingEnvironmentPostProcessor.JSON_FORMAT);
		assertThat(environment.getProperty("logging.level.root")).isEqualTo("DEBUG");
		assertThat(environment.getProperty("logging.pattern.console")).isNull();
	}

	@Test
	void jsonFormatFollowsTheLoggingSystem() {
		assertThat(LambdaLoggingEnvironmentPostProcessor.jsonFormat(getClass().getClassLoader()))
			.isEqualTo(LambdaLoggingEnvironmentPostProcessor.JSON_FORMAT);
		assertThat(LambdaLoggingEnvironmentPostProcessor.jsonFormat(new FilteredClassLoader("ch.qos.logback")))
			.isEqualTo(LambdaLoggingEnvironmentPostProcessor.JAVA_LOGGING_JSON_FORMAT);
	}

	@Test
	void textFormatFoldsLineBreaks() {
		StandardEnvironment environment = postProcess(
				Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_LOG_FORMAT", "Text"));
		assertThat(environment.getProperty("logging.pattern.console"))
			.isEqualTo(LambdaLoggingEnvironmentPostProcessor.TEXT_PATTERN);
		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
		assertThat(environment.getProperty("logging.level.root")).isNull();
	}

	@Test
	void theApplicationsOwnPropertiesWin() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("logging.structured.format.console", "ecs", "logging.level.root", "WARN")));
		postProcess(environment, Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_LOG_FORMAT", "JSON",
				"AWS_LAMBDA_LOG_LEVEL", "DEBUG"));
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(environment.getProperty("logging.level.root")).isEqualTo("WARN");
	}

	@Test
	void canBeTurnedOff() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("serverless.spring.logging.enabled", "false")));
		postProcess(environment, Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_LOG_FORMAT", "JSON"));
		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
	}

	private static StandardEnvironment postProcess(Map<String, String> variables) {
		return postProcess(new StandardEnvironment(), variables);
	}

	private static StandardEnvironment postProcess(StandardEnvironment environment, Map<String, String> variables) {
		new LambdaLoggingEnvironmentPostProcessor(variables::get).postProcessEnvironment(environment,
				new SpringApplication());
		return environment;
	}

}
