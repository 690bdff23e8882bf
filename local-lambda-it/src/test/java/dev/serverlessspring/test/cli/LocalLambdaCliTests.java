package dev.serverlessspring.test.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

	private static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = new LocalLambdaCli(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8))
			.run(args);
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
		assertThat(run.out())
			.startsWith("{\"errorMessage\":\"Bad order: x\",\"errorType\":\"java.lang.IllegalArgumentException\"");
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
		Run missingConfig = run("invoke", "--config", directory.resolve("absent.yml").toString(), "--function",
				"greet");
		assertThat(missingConfig.status()).isEqualTo(2);
		assertThat(missingConfig.err()).contains("No serverless.yml at");
		Path bad = Files.writeString(directory.resolve("bad.yml"), "service: [");
		Run badConfig = run("invoke", "--config", bad.toString(), "--function", "greet");
		assertThat(badConfig.status()).isEqualTo(2);
		assertThat(badConfig.err()).contains("is not valid YAML");
		assertThat(badConfig.out()).isEmpty();
	}

	@Test
	void startFailsClearlyWhenThePortIsTaken() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			// A free Invoke API port: by default it is the next one, which another
			// process may hold by chance.
			Run run = run("start", "--config", config.toString(), "--port", String.valueOf(taken.getLocalPort()),
					"--invoke-port", "0");
			assertThat(run.status()).isEqualTo(2);
			assertThat(run.err()).contains("Could not serve the HTTP front on 127.0.0.1:" + taken.getLocalPort());
		}
	}

	@Test
	void startPrintsTheUrlsAndServesUntilStopped() throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), LocalLambdaCli.class.getName(), "start", "--config",
				config.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String invokeApi = null;
			for (String line = out.readLine(); line != null && invokeApi == null; line = out.readLine()) {
				if (line.strip().startsWith("Invoke API: ")) {
					invokeApi = line.strip().substring("Invoke API: ".length()).replace("{name}", "greet");
				}
			}
			assertThat(invokeApi).startsWith("http://127.0.0.1:");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(invokeApi))
					.POST(HttpRequest.BodyPublishers.ofString("\"Eve\""))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("Hi Eve");
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
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

	private record Run(int status, String out, String err) {
	}

}
