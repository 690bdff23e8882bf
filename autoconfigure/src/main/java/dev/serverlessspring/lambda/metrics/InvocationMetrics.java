package dev.serverlessspring.lambda.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.invoke.InvocationListener;
import dev.serverlessspring.lambda.logging.LambdaMdc;
import dev.serverlessspring.lambda.metrics.EmbeddedMetricWriter.Metric;
import dev.serverlessspring.lambda.snapstart.SnapStartPriming;

/**
 * Records each invocation as CloudWatch metrics through an {@link EmbeddedMetricWriter}:
 * {@code Invocations}, {@code Errors} and {@code ColdStarts} (counts) and
 * {@code Duration} (milliseconds), under the dimension {@code FunctionName} plus any
 * configured ones. The request id, function version and trace id go along as properties,
 * searchable in CloudWatch Logs Insights.
 */
public class InvocationMetrics implements InvocationListener {

	private final EmbeddedMetricWriter writer;

	private final ColdStart coldStart;

	private final Map<String, String> dimensions;

	/**
	 * Create a listener.
	 * @param writer the writer of the metrics
	 * @param coldStart tells cold starts apart
	 * @param dimensions further dimensions, such as a service name, added to
	 * {@code FunctionName}
	 */
	public InvocationMetrics(EmbeddedMetricWriter writer, ColdStart coldStart, Map<String, String> dimensions) {
		this.writer = writer;
		this.coldStart = coldStart;
		this.dimensions = Map.copyOf(dimensions);
	}

	@Override
	public void invocationSucceeded(LambdaEvent event, Duration duration) {
		record(event.context(), false, duration);
	}

	@Override
	public void invocationFailed(LambdaEvent event, Throwable error, Duration duration) {
		record(event.context(), true, duration);
	}

	private void record(Context context, boolean failed, Duration duration) {
		if (SnapStartPriming.isPrimingInvocation(context)) {
			return;
		}
		Map<String, String> dimensions = new LinkedHashMap<>();
		dimensions.put("FunctionName", String.valueOf(context.getFunctionName()));
		dimensions.putAll(this.dimensions);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(LambdaMdc.REQUEST_ID, context.getAwsRequestId());
		properties.put(LambdaMdc.FUNCTION_VERSION, context.getFunctionVersion());
		String traceId = XRayTraceHeader.traceId(XRayTraceHeader.current());
		if (traceId != null) {
			properties.put(LambdaMdc.TRACE_ID, traceId);
		}
		List<Metric> metrics = List.of(new Metric("Invocations", "Count", 1),
				new Metric("Errors", "Count", failed ? 1 : 0),
				new Metric("ColdStarts", "Count", this.coldStart.isColdStart(context) ? 1 : 0),
				new Metric("Duration", "Milliseconds", duration.toNanos() / 1_000_000.0));
		this.writer.write(Instant.now(), dimensions, metrics, properties);
	}

}
