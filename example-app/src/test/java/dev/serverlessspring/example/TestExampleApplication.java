package dev.serverlessspring.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import dev.serverlessspring.test.cli.LocalLambdaCli;
import dev.serverlessspring.test.local.LocalLambda;

/**
 * The example in one JVM, for an IDE's Run button or {@code ./mvnw -pl example-app
 * spring-boot:test-run}: the example's functions behind the local Lambda (in this JVM,
 * from the sources' classes, without reload: the dev loop that reloads is
 * {@code ./mvnw -pl example-app serverless-spring:run}), with the functions and routes of
 * the build's root {@code serverless.yml}, and prints the URLs and a sample {@code curl}.
 * Stop it with Ctrl-C.
 * <p>
 * Arguments (pass them with {@code -Dspring-boot.run.arguments="--port 8080"}):
 * {@code --port N} for the HTTP front (default 3000), {@code --invoke-port N} for the
 * Invoke API (default 3002), {@code 0} for a free port.
 */
public final class TestExampleApplication {

	private TestExampleApplication() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		LocalLambda lambda = start(args);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			lambda.close();
			stopped.countDown();
		}));
		LocalLambdaCli.printBanner(lambda, System.out);
		// The generic banner cannot know the example's request shapes; these calls
		// succeed.
		System.out.println("The order API:");
		System.out.println("  curl -si -X POST " + lambda.httpUrl().resolve("/orders")
				+ " -H 'Content-Type: application/json' -d '{\"sku\":\"BOOK-1\",\"quantity\":2}'");
		System.out.println("  curl -s " + lambda.httpUrl().resolve("/orders/") + "<id from the Location header>");
		System.out.println("  curl -s -X POST " + lambda.invokeEndpoint()
				+ "/2015-03-31/functions/uppercase/invocations" + " -d '\"hello\"'");
		System.out.flush();
		stopped.await();
	}

	/**
	 * Start the local Lambda as {@link #main(String[])} does.
	 * @param args the arguments
	 * @return the running local Lambda
	 * @throws IOException if a port cannot be bound
	 */
	static LocalLambda start(String... args) throws IOException {
		return LocalLambda.builder()
			.config(config())
			.mode(LocalLambda.Mode.IN_PROCESS)
			.mainClass(ExampleApplication.class)
			.httpPort(option(args, "--port", 3000))
			.invokePort(option(args, "--invoke-port", 3002))
			.start();
	}

	// The root serverless.yml deploys the example; until it exists,
	// src/test/resources/serverless-local.yml.
	private static Path config() {
		for (Path candidate : new Path[] { Path.of("serverless.yml"), Path.of("../serverless.yml") }) {
			if (Files.isRegularFile(candidate) && isExamplesConfig(candidate)) {
				return candidate;
			}
		}
		return Path.of("src/test/resources/serverless-local.yml");
	}

	private static boolean isExamplesConfig(Path file) {
		try {
			return Files.readString(file).contains("serverless-spring-example");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int option(String[] args, String name, int defaultValue) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return Integer.parseInt(args[i + 1]);
			}
		}
		return defaultValue;
	}

}
