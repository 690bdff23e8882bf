package dev.serverlessspring.lambda;

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
		assertThat(XRayTraceHeader.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
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
	void propagateSetsAndClearsTheSystemPropertyTheManagedRuntimeSets() {
		XRayTraceHeader.propagate("Root=1-abc;Sampled=1");
		assertThat(System.getProperty("com.amazonaws.xray.traceHeader")).isEqualTo("Root=1-abc;Sampled=1");
		assertThat(XRayTraceHeader.current()).isEqualTo("Root=1-abc;Sampled=1");
		XRayTraceHeader.propagate(null);
		assertThat(System.getProperty("com.amazonaws.xray.traceHeader")).isNull();
	}

}
