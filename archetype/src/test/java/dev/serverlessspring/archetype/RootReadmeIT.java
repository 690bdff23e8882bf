package dev.serverlessspring.archetype;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The first command of the repository's README: the example app on the dev loop. Its
 * first half, {@code ./mvnw -B -ntp install -DskipTests}, is what the build running this
 * test does (CI runs {@code ./mvnw -B -ntp install}); the second half runs here as
 * written, from the root, with this build's local repository and a free port given
 * through {@code MAVEN_ARGS}.
 */
@ResourceLock(Command.REPOSITORY_ROOT)
class RootReadmeIT {

	private static final String INSTALL = "./mvnw -B -ntp install -DskipTests";

	private static final String DEV_LOOP = "./mvnw -B -ntp -pl example-app serverless-spring:run";

	// Every function of the root serverless.yml, however many it lists.
	private static final Pattern STARTED = Pattern.compile("Started \\d+ functions in ");

	@Test
	void theFirstCommandServesTheExampleOnTheDevLoop() throws Exception {
		List<String> commands = GeneratedReadmeIT.commands(Command.ROOT.resolve("README.md"));
		assertThat(commands.get(0)).isEqualTo(INSTALL + " && " + DEV_LOOP);
		Path log = Path.of("target", "it", "root-readme-dev-loop.log").toAbsolutePath();
		String arguments = ((Command.LOCAL_REPOSITORY != null) ? "-Dmaven.repo.local=" + Command.LOCAL_REPOSITORY + " "
				: "") + "-Dserverless-spring.run.port=0";
		Process loop = Command.shell(Command.ROOT, DEV_LOOP)
			.withEnvironment(Map.of("MAVEN_ARGS", arguments))
			.start(log);
		List<ProcessHandle> started = List.of();
		try {
			String output = awaitStarted(loop, log);
			started = loop.descendants().toList();
			Matcher http = Pattern.compile("HTTP: +(http://127\\.0\\.0\\.1:\\d+)").matcher(output);
			assertThat(http.find()).isTrue();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(http.group(1) + "/uppercase"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("\"hello\""))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("\"HELLO\"");
		}
		finally {
			loop.descendants().forEach(ProcessHandle::destroy);
			loop.destroy();
			assertThat(loop.waitFor(1, TimeUnit.MINUTES)).isTrue();
			for (ProcessHandle child : started) {
				child.onExit().orTimeout(1, TimeUnit.MINUTES).exceptionally((ex) -> child).join();
				assertThat(child.isAlive()).as("the local Lambda stops with Maven").isFalse();
			}
		}
	}

	private static String awaitStarted(Process loop, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			String output = Files.exists(log) ? Files.readString(log) : "";
			if (STARTED.matcher(output).find()) {
				return output;
			}
			if (!loop.isAlive()) {
				fail("The dev loop ended before its functions started; see " + log + ":\n" + output);
			}
			Thread.sleep(200);
		}
		fail("The dev loop did not start in 3 minutes; see " + log);
		return null;
	}

}
