package dev.serverlessspring.test.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.serverlessspring.test.app.FixtureApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's contract with the Serverless plugin: payload on stdout and exit 0, the error
 * document and exit 1 for a function error, a message on stderr and exit 2 for bad usage.
 */
class LocalLambdaCliTests {

	@TempDir
	static Path directory;

	static Path config;

	@BeforeAll
	static void writeConfig() throws IOException {
		// As the plugin writes it: no package.artifact, so the functions run in-process.
		config = Files.writeString(directory.resolve("serverless.yml"), """
				{"service": "cli", "provider": {"name": "aws", "runtime": "java21",
				  "environment": {"MAIN_CLASS": "%s", "GREETING": "Hi"}},
				 "functions": {"greet": {"handler": "greet"}, "fail": {"handler": "fail"}}}
				""".formatted(FixtureApplication.class.getName()));
	}

	private record Run(int status, String out, String err) {
	}

	private static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = new LocalLambdaCli(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void invokeWritesThePayload() {
		Run run = run("invoke", "--config", config.toString(), "--function", "greet", "--data", "\"Ada\"");
		assertThat(run.status()).isZero();
		assertThat(run.out()).isEqualTo("Hi Ada");
	}

	@Test
	void invokeReadsTheEventFromAFile() throws IOException {
		Path event = Files.writeString(directory.resolve("event.json"), "\"Bob\"");
		Run run = run("invoke", "--config", config.toString(), "--function", "greet", "--path", event.toString());
		assertThat(run.status()).isZero();
		assertThat(run.out()).isEqualTo("Hi Bob");
	}

	@Test
	void functionErrorExitsOneWithTheErrorDocument() {
		Run run = run("invoke", "--config", config.toString(), "--function", "fail", "--data", "\"x\"");
		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out()).startsWith("{\"errorMessage\":\"Bad order: x\",\"errorType\":\"java.lang.IllegalArgumentException\"");
	}

	@Test
	void usageAndConfigurationErrorsExitTwo() throws IOException {
		assertThat(run().status()).isEqualTo(2);
		Run unknownCommand = run("deploy");
		assertThat(unknownCommand.status()).isEqualTo(2);
		assertThat(unknownCommand.err()).contains("Unknown command 'deploy'").contains("Usage:");
		Run missingFunction = run("invoke", "--config", config.toString());
		assertThat(missingFunction.status()).isEqualTo(2);
		assertThat(missingFunction.err()).contains("Missing --function");
		Run unknownFunction = run("invoke", "--config", config.toString(), "--function", "nope");
		assertThat(unknownFunction.status()).isEqualTo(2);
		assertThat(unknownFunction.err()).contains("No function 'nope'").contains("greet");
		Run missingConfig = run("invoke", "--config", directory.resolve("absent.yml").toString(), "--function", "greet");
		assertThat(missingConfig.status()).isEqualTo(2);
		assertThat(missingConfig.err()).contains("No serverless.yml at");
		Path bad = Files.writeString(directory.resolve("bad.yml"), "service: [");
		Run badConfig = run("invoke", "--config", bad.toString(), "--function", "greet");
		assertThat(badConfig.status()).isEqualTo(2);
		assertThat(badConfig.err()).contains("is not valid YAML");
		assertThat(badConfig.out()).isEmpty();
	}

	@Test
	void mainExitsWithTheStatusAndKeepsStdoutForThePayload() throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), LocalLambdaCli.class.getName(), "invoke", "--config",
				config.toString(), "--function", "fail", "--data", "\"y\"")
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(1);
		assertThat(out).startsWith("{\"errorMessage\":\"Bad order: y\"");
	}

}
