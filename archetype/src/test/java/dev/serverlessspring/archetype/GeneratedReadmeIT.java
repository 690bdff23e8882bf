package dev.serverlessspring.archetype;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every command of a generated project's README (the archetype's defaults), in the
 * README's order and as written (through {@code sh -c}): the build, the dev loop with
 * requests and reloads, a one-shot invocation, {@code serverless package}. A README
 * command this test does not know fails it, so the README cannot drift from what works.
 * Only the commands that need an AWS account ({@code serverless deploy}, {@code info},
 * {@code remove} and the request to the deployed endpoint) are not run.
 * <p>
 * Two things differ from a user's shell, through the environment only: {@code MAVEN_ARGS}
 * gives Maven this build's local repository and the dev loop a free port instead of 3000
 * (tests run side by side), and the {@code curl} to the local Lambda goes to the port it
 * printed.
 */
class GeneratedReadmeIT {

	private static final Pattern HTTP_URL = Pattern.compile("HTTP: +(http://127\\.0\\.0\\.1:\\d+)");

	private static final String README_URL = "http://127.0.0.1:3000";

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	@Test
	void everyCommandOfTheGeneratedReadmeWorksAsWritten() throws Exception {
		Path project = GeneratedProjectIT.generate("readme",
				Map.of("groupId", "com.acme", "artifactId", "orders", "package", "com.acme.orders"));
		assertThat(Files.readAllLines(project.resolve("pom.xml"))).as("generated pom.xml lines")
			.hasSizeLessThanOrEqualTo(100);
		List<String> commands = commands(project.resolve("README.md"));
		assertThat(commands).as("build and test, run locally with reload, deploy")
			.startsWith("./mvnw verify", "./mvnw serverless-spring:run");
		Path application = project.resolve("src/main/java/com/acme/orders/Application.java");
		DevLoop loop = null;
		int compiles = 0;
		try {
			for (String command : commands) {
				String step = "readme-" + (commands.indexOf(command) + 1);
				if (command.equals("./mvnw verify")) {
					run(project, command, step);
					assertThat(project.resolve("target/orders-1.0-SNAPSHOT-aws.zip")).isRegularFile();
				}
				else if (command.equals("./mvnw serverless-spring:run")) {
					loop = new DevLoop(project, command, GeneratedProjectIT.log("readme", "dev-loop"));
					loop.await(0, "Started 1 function in ");
				}
				else if (command.startsWith("curl ") && command.contains(README_URL)) {
					assertThat(loop).as("the dev loop runs before " + command).isNotNull();
					assertThat(run(project, command.replace(README_URL, loop.url()), step))
						.contains("{\"message\":\"Hello, Ada!\"}");
					// A code change, recompiled as the README says, reaches the running
					// functions.
					Files.writeString(application, Files.readString(application).replace("\"Hello, \"", "\"Hi, \""));
					int mark = loop.mark();
					run(project, "./mvnw compile", step + "-compile");
					compiles++;
					assertThat(loop.await(mark, "Reloaded 1 function in ")).doesNotContain("failed to start");
					assertThat(run(project, command.replace(README_URL, loop.url()), step + "-after-reload"))
						.contains("{\"message\":\"Hi, Ada!\"}");
					// A function that no longer starts: one line, the loop stays up and
					// reloads once fixed.
					String fixed = Files.readString(application);
					Files.writeString(application, fixed.replace("hello() {",
							"hello() {\n\t\tif (Boolean.TRUE) {\n\t\t\tthrow new IllegalStateException(\"broken on purpose\");\n\t\t}"));
					mark = loop.mark();
					run(project, "./mvnw compile", step + "-broken");
					assertThat(loop.await(mark, "  hello: ")).contains("1 of 1 failed to start", "broken on purpose");
					Files.writeString(application, fixed);
					mark = loop.mark();
					run(project, "./mvnw compile", step + "-fixed");
					compiles++;
					assertThat(loop.await(mark, "Reloaded 1 function in ")).doesNotContain("failed to start");
					assertThat(loop.output()).as("no stack trace in the dev loop's output").doesNotContain("\tat ");
					assertThat(run(project, command.replace(README_URL, loop.url()), step + "-fixed"))
						.contains("{\"message\":\"Hi, Ada!\"}");
				}
				else if (command.equals("./mvnw compile")) {
					// Shown for the reload, which the request step above exercised with
					// this command.
					assertThat(compiles).as("reloads done with ./mvnw compile").isEqualTo(2);
				}
				else if (command.startsWith("./mvnw serverless-spring:invoke ")) {
					assertThat(run(project, command, step)).contains("\"body\":\"{\\\"message\\\":\\\"Hi, Ada!\\\"}\"");
				}
				else if (command.startsWith("npx serverless package")) {
					if (loop != null) {
						assertThat(loop.stop()).as("Ctrl-C stops the dev loop and the local Lambda it started")
							.isTrue();
						loop = null;
					}
					run(project, command, step);
					assertThat(project.resolve(".serverless/cloudformation-template-update-stack.json"))
						.isRegularFile();
				}
				else if (!needsAnAwsAccount(command)) {
					fail("The README shows a command this test does not run: " + command);
				}
			}
		}
		finally {
			if (loop != null) {
				loop.stop();
			}
		}
		assertThat(compiles).isEqualTo(2);
		theDefaultsPackageForJava21OnArm64(project);
		userMistakesGetOneMessage(project);
	}

	/**
	 * What the archetype's defaults give, as the README's {@code ./mvnw verify} and
	 * {@code npx serverless package} above built and packaged it.
	 */
	private void theDefaultsPackageForJava21OnArm64(Path project) throws IOException {
		assertThat(project.resolve("mvnw")).isExecutable();
		assertThat(project.resolve(".gitignore")).content().contains("node_modules/", "target/");
		// The npm tree is pinned: npm install takes osls's dependencies as tested, not
		// the newest published.
		assertThat(project.resolve("package-lock.json")).content().contains("\"node_modules/osls\"");
		assertThat(project.resolve("pom.xml")).content().doesNotContain("<id>native</id>");
		assertThat(project.resolve(".mvn/wrapper/maven-wrapper.properties"))
			.hasSameTextualContentAs(Command.ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"));
		assertThat(project.resolve("target/classes/com/acme/orders/Application__ApplicationContextInitializer.class"))
			.as("Spring AOT ran")
			.isRegularFile();

		ServerlessPackage deployment = ServerlessPackage.written(project);
		assertThat(deployment.serviceName()).isEqualTo("orders");
		deployment.assertJavaFunction("hello", "hello", "java21", "arm64");
		assertThat(deployment.function("hello").path("MemorySize").asInt()).isEqualTo(1024);
		deployment.assertHttpRoutes("hello", "POST /hello");
		deployment.assertLeastPrivilegeRole();
		assertThat(deployment.assertArtifactHoldsApplication("hello", "com.acme.orders.Application").getFileName())
			.hasToString("orders-1.0-SNAPSHOT-aws.zip");
	}

	/**
	 * A port in use and a serverless.yml that does not parse each end the dev loop with
	 * one message.
	 */
	private void userMistakesGetOneMessage(Path project) throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			Command.Result result = maven(project, "./mvnw serverless-spring:run",
					"-Dserverless-spring.run.port=" + taken.getLocalPort() + " -Dserverless-spring.run.invoke-port=0")
				.run(GeneratedProjectIT.log("readme", "port-in-use"));
			assertThat(result.exitCode()).isNotZero();
			assertThat(result.output())
				.contains("Error: Could not serve the HTTP front on 127.0.0.1:" + taken.getLocalPort())
				.doesNotContain("\tat ");
		}
		Files.writeString(project.resolve("broken.yml"), "service: orders\nfunctions:\n  hello: [unclosed\n");
		Command.Result result = maven(project, "./mvnw serverless-spring:run",
				"-Dserverless-spring.run.port=0 -Dserverless-spring.config=broken.yml")
			.run(GeneratedProjectIT.log("readme", "broken-yml"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("Error: ").contains("broken.yml").doesNotContain("\tat ");
	}

	static boolean needsAnAwsAccount(String command) {
		return command.startsWith("npx serverless deploy") || command.startsWith("npx serverless info")
				|| command.startsWith("npx serverless remove") || command.contains("https://<endpoint>");
	}

	/**
	 * The lines of a README's shell blocks (fenced without a language, or as bash),
	 * comments left out.
	 */
	static List<String> commands(Path readme) throws IOException {
		List<String> commands = new ArrayList<>();
		boolean inBlock = false;
		boolean shell = false;
		for (String line : Files.readAllLines(readme)) {
			String stripped = line.strip();
			if (stripped.startsWith("```")) {
				inBlock = !inBlock;
				shell = inBlock && (stripped.equals("```") || stripped.equals("```bash"));
				continue;
			}
			if (inBlock && shell && !stripped.isEmpty() && !stripped.startsWith("#")) {
				commands.add(stripped);
			}
		}
		return commands;
	}

	private static String run(Path project, String command, String step) {
		return maven(project, command, "").run(GeneratedProjectIT.log("readme", step)).assertSuccess().output().strip();
	}

	/**
	 * The command as written; Maven reads this build's local repository (and any options)
	 * from MAVEN_ARGS.
	 */
	static Command maven(Path project, String command, String options) {
		String arguments = ((Command.LOCAL_REPOSITORY != null) ? "-Dmaven.repo.local=" + Command.LOCAL_REPOSITORY : "")
				+ " -B -ntp " + options;
		return Command.shell(project, command).withEnvironment(Map.of("MAVEN_ARGS", arguments.strip()));
	}

	/** {@code ./mvnw serverless-spring:run}, running until stopped as Ctrl-C would. */
	private static final class DevLoop {

		private final Process process;

		private final Path log;

		DevLoop(Path project, String command, Path log) throws IOException {
			this.log = log;
			this.process = maven(project, command, "-Dserverless-spring.run.port=0").start(log);
		}

		String output() throws IOException {
			return Files.readString(this.log);
		}

		/** Where the output ends now, for {@link #await(int, String)}. */
		int mark() throws IOException {
			return output().length();
		}

		/**
		 * Waits until the output after {@code mark} holds {@code text}, and returns that
		 * part up to the line's end.
		 */
		String await(int mark, String text) throws IOException, InterruptedException {
			long deadline = System.nanoTime() + PATIENCE.toNanos();
			while (System.nanoTime() < deadline) {
				String output = output();
				int found = output.indexOf(text, mark);
				int end = (found >= 0) ? output.indexOf('\n', found) : -1;
				if (end >= 0) {
					return output.substring(mark, end);
				}
				if (!this.process.isAlive()) {
					fail("The dev loop ended (exit code " + this.process.exitValue() + ") before printing '" + text
							+ "'; see " + this.log + ":\n" + output);
				}
				Thread.sleep(200);
			}
			fail("The dev loop did not print '" + text + "' in " + PATIENCE + "; see " + this.log);
			return null;
		}

		String url() throws IOException {
			Matcher url = HTTP_URL.matcher(output());
			assertThat(url.find()).as("the HTTP URL the dev loop printed").isTrue();
			return url.group(1);
		}

		/**
		 * Stops Maven as Ctrl-C does (the signal's shutdown hooks run); true if nothing
		 * it started is left.
		 */
		boolean stop() throws InterruptedException {
			List<ProcessHandle> started = this.process.descendants().toList();
			// sh -c runs ./mvnw, which execs Maven: signal Maven's JVM, as a terminal's
			// Ctrl-C would.
			this.process.toHandle()
				.descendants()
				.filter((child) -> child.info().command().orElse("").endsWith("java"))
				.filter((child) -> child.parent().map((parent) -> parent.pid() == this.process.pid()).orElse(false))
				.forEach(ProcessHandle::destroy);
			this.process.destroy();
			boolean ended = this.process.waitFor(1, TimeUnit.MINUTES);
			for (ProcessHandle child : started) {
				child.onExit().orTimeout(1, TimeUnit.MINUTES).exceptionally((ex) -> child).join();
			}
			return ended && started.stream().noneMatch(ProcessHandle::isAlive);
		}

	}

}
