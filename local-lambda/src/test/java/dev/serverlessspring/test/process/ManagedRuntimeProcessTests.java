package dev.serverlessspring.test.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.fixture.FailingInitHandler;
import dev.serverlessspring.test.fixture.SlowInitHandler;
import dev.serverlessspring.test.fixture.SnapStartHandler;
import dev.serverlessspring.test.runtime.LambdaError;
import dev.serverlessspring.test.runtime.RuntimeApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real AWS runtime interface client, started by {@link ManagedRuntimeProcess},
 * against {@link RuntimeApiServer}.
 */
class ManagedRuntimeProcessTests {

	@TempDir
	Path directory;

	private FunctionPackage fixture() throws Exception {
		return FunctionPackage.of(Fixtures.zip(this.directory))
			.handler(Fixtures.HANDLER)
			.timeout(Duration.ofSeconds(10));
	}

	@Test
	void invokesTheHandlerFromTheUnpackedZip() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture())) {
			InvocationResult result = function.invoke("echo:héllo");
			assertThat(result.isFunctionError()).as(function.output()).isFalse();
			assertThat(result.payloadAsString()).isEqualTo("echo:héllo".substring(5));
			assertThat(result.requestId()).isNotBlank();
			assertThat(function.taskRoot().resolve("dev/serverlessspring/test/fixture/FixtureHandler.class")).exists();
		}
	}

	@Test
	void givesTheHandlerLambdasContextEnvironmentAndJvm() throws Exception {
		FunctionPackage functionPackage = fixture().functionName("orders")
			.memorySize(512)
			.region("eu-west-1")
			.environment("FIXTURE_VARIABLE", "set");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(functionPackage)) {
			InvocationResult result = function.invoke(functionPackage.invocation("context".getBytes())
				.clientContext("{\"client\":{\"installation_id\":\"install-1\"},\"custom\":{},\"env\":{}}")
				.cognitoIdentity("{\"cognitoIdentityId\":\"identity-1\",\"cognitoIdentityPoolId\":\"pool-1\"}")
				.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
				.tenantId("tenant-7")
				.build());
			String context = result.payloadAsString();
			assertThat(context).as(function.output())
				.contains("requestId=" + result.requestId())
				.contains("functionArn=arn:aws:lambda:eu-west-1:012345678912:function:orders")
				.contains("functionName=orders")
				.contains("functionVersion=$LATEST")
				.contains("memoryLimit=512")
				.contains("logGroup=/aws/lambda/orders")
				.containsPattern("logStream=\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}")
				.contains("clientContext=install-1")
				.contains("identityId=identity-1")
				.contains("traceId=Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
				.contains("contextTraceId=Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
				.contains("tenantId=tenant-7")
				.contains("AWS_EXECUTION_ENV=AWS_Lambda_java21")
				.contains("AWS_LAMBDA_INITIALIZATION_TYPE=on-demand")
				.contains("AWS_REGION=eu-west-1")
				.contains("TZ=:UTC")
				.contains("LAMBDA_TASK_ROOT=" + function.taskRoot())
				.contains("_HANDLER=" + Fixtures.HANDLER)
				.contains("FIXTURE_VARIABLE=set")
				// Lambda starts the runtime with its own environment, not the caller's.
				.contains("HOME_OF_CALLER=null")
				.contains("-XX:MaxHeapSize=445645k")
				.contains("-XX:TieredStopAtLevel=1")
				.contains("-XX:+UseSerialGC")
				// The RIC loads the task root in a class loader of its own, as on Lambda.
				.contains("classLoader=com.amazonaws.services.lambda.runtime.api.client.CustomerClassLoader");
			// The RIC loads its JNI library from this test JVM's private copy, not a
			// shared /tmp file.
			RuntimeCommand.nativeClientOption().ifPresent((option) -> assertThat(context).contains(option));
			long remaining = Long.parseLong(context.replaceAll("(?s).*remainingMillis=(\\d+).*", "$1"));
			assertThat(remaining).isBetween(1L, 10_000L);
		}
	}

	@Test
	void reportsAFunctionErrorAndKeepsTheEnvironment() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture())) {
			String pid = pid(function.invoke("context"));
			InvocationResult error = function.invoke("fail:Unknown product XYZ");
			assertThat(error.isFunctionError()).isTrue();
			assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
			assertThat(error.errorMessage()).isEqualTo("Unknown product XYZ");
			assertThat(error.payloadAsString()).contains("\"errorType\":\"java.lang.IllegalStateException\"")
				.contains("\"stackTrace\"");
			InvocationResult next = function.invoke("context");
			assertThat(next.isFunctionError()).isFalse();
			assertThat(pid(next)).isEqualTo(pid);
		}
	}

	@Test
	void reportsAnInitErrorAndRetriesTheInitOnTheNextInvocation() throws Exception {
		FunctionPackage functionPackage = fixture().handler(FailingInitHandler.class.getName() + "::handleRequest");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(functionPackage)) {
			Optional<LambdaError> initError = function.initError();
			assertThat(initError).as(function.output()).isPresent();
			assertThat(initError.get().errorType()).isEqualTo("java.lang.IllegalStateException");
			assertThat(initError.get().errorMessage()).isEqualTo("Init failed on purpose");
			InvocationResult result = function.invoke("echo:x");
			assertThat(result.isFunctionError()).isTrue();
			assertThat(result.errorType()).isEqualTo("java.lang.IllegalStateException");
			assertThat(result.errorMessage()).isEqualTo("Init failed on purpose");
		}
	}

	@Test
	void reportsNoInitErrorForAGoodFunction() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture())) {
			assertThat(function.initError()).as(function.output()).isEmpty();
		}
	}

	@Test
	void timesOutAsLambdaDoesAndRestartsTheRuntime() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture().timeout(Duration.ofSeconds(1)))) {
			String pid = pid(function.invoke("context"));
			InvocationResult timedOut = function.invoke("sleep:5000");
			assertThat(timedOut.isFunctionError()).isTrue();
			assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
			assertThat(timedOut.errorMessage())
				.isEqualTo("RequestId: " + timedOut.requestId() + " Error: Task timed out after 1.00 seconds");
			assertThat(timedOut.duration()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
			InvocationResult next = function.invoke("context");
			assertThat(next.isFunctionError()).as(function.output()).isFalse();
			assertThat(pid(next)).isNotEqualTo(pid);
			assertThat(function.output()).contains(timedOut.requestId() + " Task timed out after 1.00 seconds");
		}
	}

	@Test
	void timesOutAnInitThatOutlastsTheInitLimitAndTheTimeout() throws Exception {
		FunctionPackage functionPackage = fixture().handler(SlowInitHandler.class.getName() + "::handleRequest")
			.timeout(Duration.ofSeconds(1));
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(functionPackage, Duration.ofMillis(500))) {
			long start = System.nanoTime();
			InvocationResult result = function.invoke("{}");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
			assertThat(result.errorMessage())
				.isEqualTo("RequestId: " + result.requestId() + " Error: Task timed out after 1.00 seconds");
		}
	}

	@Test
	void rejectsAResponseOverSixMegabytes() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture())) {
			InvocationResult atLimit = function.invoke("big:" + RuntimeApiServer.MAX_RESPONSE_BYTES);
			assertThat(atLimit.isFunctionError()).as(function.output()).isFalse();
			assertThat(atLimit.payload()).hasSize(RuntimeApiServer.MAX_RESPONSE_BYTES);
			InvocationResult tooLarge = function.invoke("big:" + (RuntimeApiServer.MAX_RESPONSE_BYTES + 1));
			assertThat(tooLarge.isFunctionError()).isTrue();
			assertThat(tooLarge.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
			assertThat(tooLarge.errorMessage())
				.isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
			assertThat(function.invoke("echo:after").payloadAsString()).as(function.output()).isEqualTo("after");
		}
	}

	@Test
	void reportsARuntimeThatExitsDuringAnInvocation() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture())) {
			InvocationResult exited = function.invoke("exit:3");
			assertThat(exited.isFunctionError()).isTrue();
			assertThat(exited.errorType()).isEqualTo("Runtime.ExitError");
			assertThat(exited.errorMessage())
				.isEqualTo("RequestId: " + exited.requestId() + " Error: Runtime exited with error: exit status 3");
			assertThat(function.invoke("echo:again").payloadAsString()).isEqualTo("again");
		}
	}

	@Test
	void capturesTheRuntimesOutputWithLambdasPlatformLines() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture().memorySize(256))) {
			InvocationResult result = function.invoke("log:line-1");
			assertThat(result.payloadAsString()).isEqualTo("logged");
			String output = function.output();
			assertThat(output).contains("START RequestId: " + result.requestId() + " Version: $LATEST")
				.contains("stdout line-1")
				.contains("stderr line-1")
				.contains("logger line-1")
				.contains("END RequestId: " + result.requestId())
				.containsPattern("REPORT RequestId: " + result.requestId()
						+ "\tDuration: [0-9.]+ ms\tBilled Duration: \\d+ ms\tMemory Size: 256 MB.*\tInit Duration: [0-9.]+ ms");
			assertThat(output.indexOf("stdout line-1")).isBetween(output.indexOf("START"), output.indexOf("END"));
			assertThat(result.log()).startsWith("START RequestId: " + result.requestId())
				.contains("stdout line-1")
				.contains("REPORT RequestId: " + result.requestId());
			InvocationResult second = function.invoke("log:line-2");
			assertThat(second.log()).contains("stdout line-2").doesNotContain("line-1");
		}
	}

	@Test
	void runsACustomRuntimesBootstrap() throws Exception {
		FunctionPackage functionPackage = FunctionPackage.of(Fixtures.customRuntime(this.directory))
			.runtime("provided.al2023")
			.handler(Fixtures.HANDLER);
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(functionPackage)) {
			InvocationResult result = function.invoke("context");
			assertThat(result.isFunctionError()).as(function.output()).isFalse();
			assertThat(result.payloadAsString()).contains("AWS_EXECUTION_ENV=null");
			assertThat(function.output()).contains("custom bootstrap for " + Fixtures.HANDLER);
		}
	}

	@Test
	void servesSnapStartsRestorePhase() throws Exception {
		FunctionPackage functionPackage = fixture().handler(SnapStartHandler.class.getName() + "::handleRequest")
			.environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(functionPackage)) {
			InvocationResult result = function.invoke("{}");
			assertThat(result.payloadAsString()).as(function.output()).isEqualTo("restored");
			assertThat(function.output()).containsSubsequence("beforeCheckpoint hook", "afterRestore hook", "START");
		}
	}

	@Test
	void reportsAFailedRestoreAsTheInitError() throws Exception {
		FunctionPackage functionPackage = fixture().handler(SnapStartHandler.class.getName() + "::handleRequest")
			.environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
			.environment("FIXTURE_RESTORE_FAILS", "true");
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(functionPackage)) {
			Optional<LambdaError> initError = function.initError();
			assertThat(initError).as(function.output()).isPresent();
			// The RIC reports the hook's failure wrapped, as it does on Lambda.
			assertThat(initError.get().errorType()).isEqualTo("com.amazonaws.services.lambda.crac.RestoreException");
			assertThat(function.output()).contains("afterRestore hook");
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void startsTheRuntimeThroughALauncher() throws Exception {
		try (ManagedRuntimeProcess function = new ManagedRuntimeProcess(fixture().launcher("taskset", "-c", "0"))) {
			InvocationResult result = function.invoke("context");
			assertThat(result.payloadAsString()).as(function.output()).contains("cpus=0\n");
		}
	}

	private static String pid(InvocationResult result) {
		assertThat(result.isFunctionError()).as(result.payloadAsString()).isFalse();
		return result.payloadAsString().replaceAll("(?s).*pid=(\\d+).*", "$1");
	}

}
