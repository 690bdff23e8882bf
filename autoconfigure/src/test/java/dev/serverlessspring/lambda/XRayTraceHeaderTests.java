package dev.serverlessspring.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

import static org.assertj.core.api.Assertions.assertThat;

class XRayTraceHeaderTests {

	@AfterEach
	void clear() {
		XRayTraceHeader.propagate(null);
	}

	@Test
	void traceIdIsTheRootField() {
		assertThat(
				XRayTraceHeader.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
			.isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
		assertThat(XRayTraceHeader.traceId("Parent=53995c3f42cd8ad8; Root=1-abc ;Sampled=0")).isEqualTo("1-abc");
		assertThat(XRayTraceHeader.traceId("Parent=53995c3f42cd8ad8")).isNull();
		assertThat(XRayTraceHeader.traceId(null)).isNull();
	}

	@Test
	void inConcurrentModeTheRuntimesThreadLocalComesFirst() {
		XRayTraceHeader.propagate("Root=1-old");
		SdkInternalThreadLocal.put("AWS_LAMBDA_X_TRACE_ID", "Root=1-this-thread");
		try {
			assertThat(XRayTraceHeader.current()).isEqualTo("Root=1-this-thread");
		}
		finally {
			SdkInternalThreadLocal.remove("AWS_LAMBDA_X_TRACE_ID");
		}
		assertThat(XRayTraceHeader.current()).isEqualTo("Root=1-old");
	}

	@Test
	void propagateToThreadKeepsEachThreadsHeaderWhereTheAwsSdkLooks() throws Exception {
		// Two loops' threads, as the custom runtime starts them (from a thread that never
		// set a header: utils-lite's storage is inherited by reference).
		Map<String, String> seen = new ConcurrentHashMap<>();
		CyclicBarrier bothSet = new CyclicBarrier(2);
		List<Thread> threads = new ArrayList<>();
		for (String name : List.of("one", "two")) {
			threads.add(new Thread(() -> {
				XRayTraceHeader.propagateToThread("Root=1-" + name);
				try {
					bothSet.await(10, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				seen.put(name, XRayTraceHeader.current() + " " + SdkInternalThreadLocal.get("AWS_LAMBDA_X_TRACE_ID"));
				XRayTraceHeader.propagateToThread(null);
				seen.put(name + " cleared", String.valueOf(XRayTraceHeader.current()));
			}));
		}
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(seen).containsEntry("one", "Root=1-one Root=1-one")
			.containsEntry("two", "Root=1-two Root=1-two")
			.containsEntry("one cleared", "null")
			.containsEntry("two cleared", "null");
		assertThat(System.getProperty("com.amazonaws.xray.traceHeader")).isNull();
	}

	@Test
	void propagateSetsAndClearsTheSystemPropertyTheManagedRuntimeSets() {
		XRayTraceHeader.propagate("Root=1-abc;Sampled=1");
		assertThat(System.getProperty("com.amazonaws.xray.traceHeader")).isEqualTo("Root=1-abc;Sampled=1");
		assertThat(XRayTraceHeader.current()).isEqualTo("Root=1-abc;Sampled=1");
		XRayTraceHeader.propagate(null);
		assertThat(System.getProperty("com.amazonaws.xray.traceHeader")).isNull();
	}

}
