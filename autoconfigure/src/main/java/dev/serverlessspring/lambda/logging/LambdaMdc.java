package dev.serverlessspring.lambda.logging;

import java.time.Duration;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.invoke.InvocationListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the invocation's identity into the SLF4J {@link MDC} while it runs, so every log
 * line written on the invoking thread carries it: in text logs the request id (with
 * Logback through {@code %X{AWSRequestId}}), in JSON logs as members.
 * <p>
 * Runs first and ends last among the {@link InvocationListener}s, so their log lines
 * carry the invocation's identity too.
 */
public class LambdaMdc implements InvocationListener {

	/** The AWS request id, under the name Lambda's own Java logging uses. */
	public static final String REQUEST_ID = "AWSRequestId";

	/** The function's name. */
	public static final String FUNCTION_NAME = "functionName";

	/** The function's version, {@code $LATEST} or a number. */
	public static final String FUNCTION_VERSION = "functionVersion";

	/** The X-Ray trace id, the {@code Root} of the trace header. */
	public static final String TRACE_ID = "xrayTraceId";

	/**
	 * {@code true} on the execution environment's first invocation, else {@code false}.
	 */
	public static final String COLD_START = "coldStart";

	private final ColdStart coldStart;

	public LambdaMdc(ColdStart coldStart) {
		this.coldStart = coldStart;
	}

	@Override
	public void invocationStarted(LambdaEvent event) {
		Context context = event.context();
		putIfPresent(REQUEST_ID, context.getAwsRequestId());
		putIfPresent(FUNCTION_NAME, context.getFunctionName());
		putIfPresent(FUNCTION_VERSION, context.getFunctionVersion());
		putIfPresent(TRACE_ID, XRayTraceHeader.traceId(XRayTraceHeader.current()));
		MDC.put(COLD_START, String.valueOf(this.coldStart.isColdStart(context)));
	}

	@Override
	public void invocationSucceeded(LambdaEvent event, Duration duration) {
		clear();
	}

	@Override
	public void invocationFailed(LambdaEvent event, Throwable error, Duration duration) {
		clear();
	}

	@Override
	public int getOrder() {
		return HIGHEST_PRECEDENCE;
	}

	private static void putIfPresent(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

	private static void clear() {
		MDC.remove(REQUEST_ID);
		MDC.remove(FUNCTION_NAME);
		MDC.remove(FUNCTION_VERSION);
		MDC.remove(TRACE_ID);
		MDC.remove(COLD_START);
	}

}
