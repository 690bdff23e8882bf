package dev.serverlessspring.test.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.runtime.InvocationRequest;
import dev.serverlessspring.test.runtime.RuntimeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the AWS runtime interface client meets a failing Runtime API: the reference our
 * custom runtime must match (docs/reliability.md). RIC 2.10.1 with one loop (the default)
 * does not retry {@code invocation/next}: the first failure ends the process. With
 * several loops ({@code AWS_LAMBDA_MAX_CONCURRENCY}) each loop tries five times with a
 * growing backoff, then ends, and the process exits once every loop has.
 */
class RuntimeApiFaultTests {

	@TempDir
	Path directory;

	private RuntimeApiServer server;

	private Process runtime;

	private TaskRoot taskRoot;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.runtime != null) {
			this.runtime.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (this.server != null) {
			this.server.close();
		}
		if (this.taskRoot != null) {
			this.taskRoot.close();
		}
	}

	@Test
	void oneFailedPollEndsASingleLoopRuntime() throws Exception {
		start(1, 1);
		assertThat(this.runtime.waitFor(30, TimeUnit.SECONDS)).as(output()).isTrue();
		assertThat(this.runtime.exitValue()).as(output()).isNotZero();
		assertThat(output()).contains("Failed to get next invocation. Http Response code: 500");
	}

	@Test
	void aVanishingRuntimeApiEndsTheRuntime() throws Exception {
		start(1, 0);
		this.server.initialization().get(30, TimeUnit.SECONDS);
		// The runtime is waiting in invocation/next when the Runtime API goes away.
		this.server.close();
		assertThat(this.runtime.waitFor(30, TimeUnit.SECONDS)).as(output()).isTrue();
		assertThat(this.runtime.exitValue()).as(output()).isNotZero();
	}

	@Test
	void multiConcurrentLoopsRetryFailedPollsAndServeTheEvent() throws Exception {
		start(2, 4);
		InvocationResult result = this.server.invoke(InvocationRequest.builder("echo:after faults").build())
			.get(30, TimeUnit.SECONDS);
		assertThat(result.isFunctionError()).as(output()).isFalse();
		assertThat(result.payloadAsString()).isEqualTo("after faults");
		assertThat(this.runtime.isAlive()).isTrue();
		assertThat(output()).contains("Failed to fetch next invocation");
	}

	@Test
	void multiConcurrentLoopsGiveUpOnARuntimeApiThatKeepsFailing() throws Exception {
		start(2, 1000);
		// Each loop tries five times (at once, then after 100, 200 and 400 ms) and ends;
		// with every loop ended the process exits normally, which Lambda reports as
		// "Runtime exited without providing a reason".
		assertThat(this.runtime.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
		assertThat(this.runtime.exitValue()).as(output()).isZero();
		assertThat(output()).contains("Maximum Number of retries have been exceed");
	}

	private void start(int maxConcurrency, int failingPolls) throws IOException {
		FunctionPackage function = FunctionPackage.of(Fixtures.zip(this.directory))
			.handler(Fixtures.HANDLER)
			.timeout(Duration.ofSeconds(10));
		if (maxConcurrency > 1) {
			function = function.environment("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(maxConcurrency));
		}
		this.taskRoot = TaskRoot.of(function.source());
		this.server = new RuntimeApiServer(0, maxConcurrency);
		this.server.failNextPolls(failingPolls);
		RuntimeCommand command = new RuntimeCommand(function, this.taskRoot.directory());
		ProcessBuilder builder = new ProcessBuilder(command.command()).directory(this.taskRoot.directory().toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("output.log").toFile());
		builder.environment().clear();
		builder.environment().putAll(command.environment(this.server.address()));
		this.runtime = builder.start();
	}

	private String output() throws IOException {
		return Files.readString(this.directory.resolve("output.log"), StandardCharsets.UTF_8);
	}

}
