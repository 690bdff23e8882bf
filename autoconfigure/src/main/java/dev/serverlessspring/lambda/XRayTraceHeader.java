package dev.serverlessspring.lambda;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.jspecify.annotations.Nullable;

/**
 * The AWS X-Ray trace header of the current invocation, as Lambda sends it in the
 * {@code Lambda-Runtime-Trace-Id} header of the Runtime API
 * ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}).
 * <p>
 * The managed Java runtime hands it on in the {@value #SYSTEM_PROPERTY} system property
 * (or, when it runs several invocations at once, in a thread-local of the AWS SDK's
 * {@code utils-lite}); the AWS SDK and the X-Ray SDK read it from there, so calls a
 * function makes join the invocation's trace. A runtime of our own calls
 * {@link #propagate(String)} to do the same.
 */
public final class XRayTraceHeader {

	/** The system property the managed runtime sets for each invocation. */
	public static final String SYSTEM_PROPERTY = "com.amazonaws.xray.traceHeader";

	/** The environment variable custom runtimes of other languages set. */
	public static final String ENVIRONMENT_VARIABLE = "_X_AMZN_TRACE_ID";

	/** The key under which the managed runtime keeps the header in concurrent mode. */
	private static final String CONCURRENT_KEY = "AWS_LAMBDA_X_TRACE_ID";

	private static final @Nullable MethodHandle THREAD_LOCAL_GET = threadLocal("get",
			MethodType.methodType(String.class, String.class));

	private static final @Nullable MethodHandle THREAD_LOCAL_PUT = threadLocal("put",
			MethodType.methodType(void.class, String.class, String.class));

	// The header of this thread's invocation when a runtime of our own runs several at
	// once and utils-lite is absent.
	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private XRayTraceHeader() {
	}

	/**
	 * Return the trace header of the invocation running on this thread.
	 * @return the header, or {@code null} when Lambda sent none
	 */
	public static @Nullable String current() {
		String header = CURRENT.get();
		if (header == null) {
			header = fromThreadLocal();
		}
		if (header == null) {
			header = System.getProperty(SYSTEM_PROPERTY);
		}
		if (header == null) {
			header = System.getenv(ENVIRONMENT_VARIABLE);
		}
		return (header != null && !header.isBlank()) ? header : null;
	}

	/**
	 * Hand the trace header of the invocation that is about to run on to the function, as
	 * the managed runtime does: through the {@value #SYSTEM_PROPERTY} system property.
	 * @param header the {@code Lambda-Runtime-Trace-Id} header, or {@code null} to clear
	 * it
	 */
	public static void propagate(@Nullable String header) {
		if (header != null && !header.isBlank()) {
			System.setProperty(SYSTEM_PROPERTY, header);
		}
		else {
			System.clearProperty(SYSTEM_PROPERTY);
		}
	}

	/**
	 * Hand the trace header of the invocation that is about to run on this thread on to
	 * the function, when several invocations run at once: as the managed runtime does
	 * then, in utils-lite's thread-local (where the AWS SDK looks), else in one of our
	 * own.
	 * @param header the {@code Lambda-Runtime-Trace-Id} header, or {@code null} to clear
	 * it
	 */
	public static void propagateToThread(@Nullable String header) {
		String value = (header != null && !header.isBlank()) ? header : null;
		CURRENT.set(value);
		if (THREAD_LOCAL_PUT != null) {
			try {
				THREAD_LOCAL_PUT.invokeExact(CONCURRENT_KEY, value);
			}
			catch (Throwable ex) {
				// utils-lite refused it: our own thread-local still serves current().
			}
		}
	}

	/**
	 * Return the trace id of a trace header: the value of its {@code Root} field.
	 * @param header the trace header, may be {@code null}
	 * @return the trace id, such as {@code 1-5759e988-bd862e3fe1be46a994272793}, or
	 * {@code null} when the header has none
	 */
	public static @Nullable String traceId(@Nullable String header) {
		if (header == null) {
			return null;
		}
		for (String field : header.split(";")) {
			int equals = field.indexOf('=');
			if (equals > 0 && field.substring(0, equals).strip().equals("Root")) {
				String value = field.substring(equals + 1).strip();
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	private static @Nullable String fromThreadLocal() {
		if (THREAD_LOCAL_GET == null) {
			return null;
		}
		try {
			return (String) THREAD_LOCAL_GET.invokeExact(CONCURRENT_KEY);
		}
		catch (Throwable ex) {
			return null;
		}
	}

	// The runtime interface client brings utils-lite; look it up once, without depending
	// on it.
	private static @Nullable MethodHandle threadLocal(String method, MethodType type) {
		try {
			Class<?> threadLocal = Class.forName("software.amazon.awssdk.utilslite.SdkInternalThreadLocal", false,
					XRayTraceHeader.class.getClassLoader());
			return MethodHandles.publicLookup().findStatic(threadLocal, method, type);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

}
