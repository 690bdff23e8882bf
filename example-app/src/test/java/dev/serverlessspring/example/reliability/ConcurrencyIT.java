package dev.serverlessspring.example.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import dev.serverlessspring.test.runtime.InvocationRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda Managed Instances run several invocations at once in one execution environment
 * ({@code AWS_LAMBDA_MAX_CONCURRENCY}); the AWS runtime interface client then polls with
 * as many threads and calls one handler from all of them. Every invocation must get
 * exactly one answer, its own, and see its own request id in its headers, its Lambda
 * context and its logging MDC.
 */
class ConcurrencyIT {

	static final int CONCURRENCY = 8;

	static final int INVOCATIONS = 10_000;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Return the function to run: here, in the example zip under the AWS runtime
	 * interface client, which runs one polling loop per allowed invocation.
	 * @param definition the function definition
	 * @return the function
	 */
	FunctionPackage function(String definition) {
		return ExamplePackage.function(definition);
	}

	@Test
	void eightConcurrentInvocationsEachGetTheirOwnAnswerExactlyOnce() throws Exception {
		try (ManagedRuntimeProcess echo = new ManagedRuntimeProcess(
				function("echo").environment("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(CONCURRENCY)))) {
			assertThat(echo.initError()).as(echo.output()).isEmpty();
			long pid = echo.pid().orElseThrow();
			Set<String> answered = ConcurrentHashMap.newKeySet();
			AtomicInteger inFlight = new AtomicInteger();
			AtomicInteger mostInFlight = new AtomicInteger();
			long started = System.nanoTime();
			ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
			try {
				List<Future<?>> work = new ArrayList<>();
				for (int caller = 0; caller < CONCURRENCY; caller++) {
					int first = caller;
					work.add(callers.submit(() -> {
						for (int n = first; n < INVOCATIONS; n += CONCURRENCY) {
							String payload = "event-" + n;
							InvocationRequest request = echo.functionPackage().invocation(payload.getBytes()).build();
							mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
							InvocationResult result = echo.invoke(request);
							inFlight.decrementAndGet();
							assertThat(result.isFunctionError()).as(result.toString()).isFalse();
							JsonNode answer = this.json.readTree(result.payload());
							// Its own answer: its payload, its request id in the headers
							// and in the thread's Lambda context.
							assertThat(answer.get("payload").asString()).isEqualTo(payload);
							assertThat(answer.get("requestId").asString()).isEqualTo(request.requestId());
							assertThat(answer.get("contextRequestId").asString()).isEqualTo(request.requestId());
							assertThat(answer.get("logRequestId").asString()).isEqualTo(request.requestId());
							assertThat(result.requestId()).isEqualTo(request.requestId());
							// Exactly once.
							assertThat(answered.add(request.requestId())).as("answered twice: " + request.requestId())
								.isTrue();
						}
						return null;
					}));
				}
				for (Future<?> future : work) {
					future.get();
				}
			}
			finally {
				callers.shutdownNow();
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			assertThat(answered).hasSize(INVOCATIONS);
			// The runtime ran as many loops as Lambda asked for, in the one environment
			// it started with.
			assertThat(echo.output()).contains("Starting " + CONCURRENCY + " concurrent function handler threads");
			assertThat(echo.output()).doesNotContain("InvalidRequestID");
			assertThat(echo.pid()).contains(pid);
			assertThat(mostInFlight.get()).isEqualTo(CONCURRENCY);
			Figures.record(getClass().getSimpleName(),
					INVOCATIONS + " invocations, " + CONCURRENCY + " at once (AWS_LAMBDA_MAX_CONCURRENCY=" + CONCURRENCY
							+ "), " + answered.size() + " answered once each, 0 mixed up, in " + millis + " ms; RSS "
							+ RuntimeMemory.residentKb(pid) / 1024 + " MB");
		}
	}

}
