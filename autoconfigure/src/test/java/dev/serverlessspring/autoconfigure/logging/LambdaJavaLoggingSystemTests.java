package dev.serverlessspring.autoconfigure.logging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.serverlessspring.lambda.logging.LambdaMdc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.java.JavaLoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LambdaJavaLoggingSystem}, the logging system of archetype projects' default
 * {@code java.util.logging}, initialised as Spring Boot does it and fed records the way
 * {@code slf4j-jdk14} writes them: the lines it writes are parsed as CloudWatch would cut
 * them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LambdaJavaLoggingSystemTests {

	private static final String LOGGER = "observed.jul";

	private final Logger logger = Logger.getLogger(LOGGER);

	private final LambdaJavaLoggingSystem system = new LambdaJavaLoggingSystem(getClass().getClassLoader());

	private Handler[] rootHandlers;

	private Level rootLevel;

	@BeforeEach
	void saveRootLogger() {
		Logger root = Logger.getLogger("");
		this.rootHandlers = root.getHandlers();
		this.rootLevel = root.getLevel();
		MDC.put(LambdaMdc.REQUEST_ID, "req-9");
		MDC.put(LambdaMdc.FUNCTION_NAME, "orders");
		MDC.put(LambdaMdc.COLD_START, "true");
	}

	@AfterEach
	void restoreRootLogger() {
		MDC.clear();
		this.system.cleanUp();
		this.logger.setLevel(null);
		Logger root = Logger.getLogger("");
		for (Handler handler : root.getHandlers()) {
			root.removeHandler(handler);
		}
		for (Handler handler : this.rootHandlers) {
			root.addHandler(handler);
		}
		root.setLevel(this.rootLevel);
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
		System.clearProperty("CONSOLE_LOG_PATTERN");
	}

	@Test
	void jsonLinesCarryTheMdcAndLevelsLambdaFiltersBy(CapturedOutput output) {
		initialize(Map.of("logging.structured.format.console",
				LambdaLoggingEnvironmentPostProcessor.JAVA_LOGGING_JSON_FORMAT));
		this.logger.warning("Stock low\nfor BOOK-1");
		List<JsonNode> lines = jsonLines(output);
		assertThat(lines).hasSize(1);
		JsonNode line = lines.get(0);
		assertThat(line.get("message").asString()).isEqualTo("Stock low\nfor BOOK-1");
		assertThat(line.get("level").asString()).isEqualTo("WARN");
		assertThat(line.get("logger").asString()).isEqualTo(LOGGER);
		assertThat(line.get("thread").asString()).isEqualTo(Thread.currentThread().getName());
		assertThat(Instant.parse(line.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(line.get(LambdaMdc.REQUEST_ID).asString()).isEqualTo("req-9");
		assertThat(line.get(LambdaMdc.FUNCTION_NAME).asString()).isEqualTo("orders");
		assertThat(line.get(LambdaMdc.COLD_START).asString()).isEqualTo("true");
		assertThat(line.has("errorType")).isFalse();
	}

	@Test
	void exceptionIsOneJsonLine(CapturedOutput output) {
		initialize(Map.of("logging.structured.format.console",
				LambdaLoggingEnvironmentPostProcessor.JAVA_LOGGING_JSON_FORMAT));
		this.logger.log(Level.SEVERE, "Processing failed", new IllegalStateException("Cannot process: bad"));
		List<JsonNode> lines = jsonLines(output);
		assertThat(lines).hasSize(1);
		JsonNode line = lines.get(0);
		assertThat(line.get("level").asString()).isEqualTo("ERROR");
		assertThat(line.get("errorType").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(line.get("errorMessage").asString()).isEqualTo("Cannot process: bad");
		assertThat(line.get("stackTrace").asString()).contains("\tat ");
		assertThat(output.toString().split("\n")).noneMatch((text) -> text.startsWith("\tat "));
	}

	@Test
	void springBootsStructuredJsonPropertiesApply(CapturedOutput output) {
		initialize(Map.of("logging.structured.format.console",
				LambdaLoggingEnvironmentPostProcessor.JAVA_LOGGING_JSON_FORMAT, "logging.structured.json.exclude",
				"thread", "logging.structured.json.rename.AWSRequestId", "function_request_id"));
		this.logger.info("Quote ready");
		JsonNode line = jsonLines(output).get(0);
		assertThat(line.has("thread")).isFalse();
		assertThat(line.has(LambdaMdc.REQUEST_ID)).isFalse();
		assertThat(line.get("function_request_id").asString()).isEqualTo("req-9");
	}

	@Test
	void levelsSetThroughSpringBootApply(CapturedOutput output) {
		initialize(Map.of("logging.structured.format.console",
				LambdaLoggingEnvironmentPostProcessor.JAVA_LOGGING_JSON_FORMAT));
		this.logger.fine("hidden at INFO");
		this.system.setLogLevel(LOGGER, LogLevel.DEBUG);
		this.logger.fine("shown at DEBUG");
		List<JsonNode> lines = jsonLines(output);
		assertThat(lines).extracting((line) -> line.get("message").asString()).containsExactly("shown at DEBUG");
		assertThat(lines.get(0).get("level").asString()).isEqualTo("DEBUG");
	}

	@Test
	void aFormatThatIsNoFormatterOfLogRecordsIsAClearError() {
		// Spring Boot's common formats (ecs, gelf, logstash) exist for Logback and Log4j
		// 2 only.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> initialize(Map.of("logging.structured.format.console", "ecs")))
			.withMessageContaining("Unknown format 'ecs'");
	}

	@Test
	void textLinesKeepMultiLineMessagesAndStackTracesInOneEvent(CapturedOutput output) {
		initialize(Map.of());
		this.logger.log(Level.WARNING, "Processing failed\nfor a reason",
				new IllegalStateException("Cannot process: bad"));
		// CloudWatch splits events at line feeds only (String.lines() would split at \r
		// too).
		List<String> lines = Arrays.stream(output.toString().split("\n"))
			.filter((line) -> line.contains(LOGGER))
			.toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z req-9  WARN \\[.+\\] "
				+ LOGGER
				+ " : Processing failed\rfor a reason\rjava.lang.IllegalStateException: Cannot process: bad\r\tat .*")
			.doesNotEndWith("\r");
		assertThat(output.toString().split("\n")).noneMatch((line) -> line.startsWith("\tat "));
	}

	@Test
	void outsideLambdaSpringBootsDefaultsApply() {
		StandardEnvironment environment = new StandardEnvironment();
		this.system.beforeInitialize();
		this.system.initialize(new LoggingInitializationContext(environment), null, null);
		assertThat(Logger.getLogger("").getHandlers()).singleElement()
			.satisfies((handler) -> assertThat(handler.getFormatter())
				.isInstanceOf(org.springframework.boot.logging.java.SimpleFormatter.class));
	}

	@Test
	void factoryStepsAsideWhereSlf4jLogsThroughLogback() {
		// This class path has both SLF4J providers; the tests' JVM binds Logback
		// (slf4j.provider).
		assertThat(new LambdaJavaLoggingSystem.Factory().getLoggingSystem(getClass().getClassLoader())).isNull();
		assertThat(LoggingSystem.get(getClass().getClassLoader())).isNotInstanceOf(JavaLoggingSystem.class);
	}

	@Test
	void springBootFollowsSlf4jToJavaLoggingWhereLogbackIsPresentToo() throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dslf4j.provider=org.slf4j.jul.JULServiceProvider", "-cp", System.getProperty("java.class.path"),
				Slf4jOnJavaLogging.class.getName())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("Logging system: " + LambdaJavaLoggingSystem.class.getName())
			.containsPattern("Z req-child  INFO \\[main\\] child : Through SLF4J\n");
	}

	// In Lambda: the post-processor's property source is there.
	private void initialize(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(LambdaLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME, properties));
		this.system.beforeInitialize();
		this.system.initialize(new LoggingInitializationContext(environment), null, null);
	}

	private static List<JsonNode> jsonLines(CapturedOutput output) {
		return Arrays.stream(output.toString().split("\n"))
			.filter((line) -> line.startsWith("{"))
			.map((line) -> JsonMapper.shared().readTree(line))
			.filter((line) -> LOGGER.equals(line.path("logger").asString("")))
			.toList();
	}

	/**
	 * Picks the logging system as Spring Boot does, sets it up as in Lambda and logs
	 * through SLF4J, in a JVM whose SLF4J is bound to {@code java.util.logging}.
	 */
	public static final class Slf4jOnJavaLogging {

		public static void main(String[] args) {
			LoggingSystem system = LoggingSystem.get(Slf4jOnJavaLogging.class.getClassLoader());
			System.out.println("Logging system: " + system.getClass().getName());
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources()
				.addFirst(new MapPropertySource(LambdaLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME, Map.of()));
			system.beforeInitialize();
			system.initialize(new LoggingInitializationContext(environment), null, null);
			MDC.put(LambdaMdc.REQUEST_ID, "req-child");
			LoggerFactory.getLogger("child").info("Through SLF4J");
		}

	}

}
