package dev.serverlessspring.lambda.metrics;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.json.JsonWriter;

/**
 * Writes metrics to standard output in the CloudWatch Embedded Metric Format: one JSON
 * object per line, which CloudWatch Logs turns into metrics of the function's log group
 * without any API call. Each document declares its metrics under {@code _aws} and carries
 * their values, its dimensions and any further properties as members of its root.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">Embedded
 * metric format specification</a>
 */
public class EmbeddedMetricWriter {

	private static final JsonWriter<Map<String, Object>> JSON = JsonWriter.standard();

	private final String namespace;

	private final Supplier<PrintStream> output;

	/**
	 * Create a writer of metrics in a namespace, to {@code System.out}.
	 * @param namespace the CloudWatch namespace of the metrics
	 */
	public EmbeddedMetricWriter(String namespace) {
		this(namespace, () -> System.out);
	}

	EmbeddedMetricWriter(String namespace, Supplier<PrintStream> output) {
		this.namespace = namespace;
		this.output = output;
	}

	/**
	 * Write one document.
	 * @param timestamp the time the values were observed
	 * @param dimensions the dimension names and values the metrics are recorded under (at
	 * most 30)
	 * @param metrics the metrics
	 * @param properties further members to log alongside, such as a request id; not
	 * metrics
	 */
	public void write(Instant timestamp, Map<String, String> dimensions, List<Metric> metrics,
			Map<String, Object> properties) {
		List<Map<String, Object>> definitions = new ArrayList<>(metrics.size());
		for (Metric metric : metrics) {
			Map<String, Object> definition = new LinkedHashMap<>();
			definition.put("Name", metric.name());
			definition.put("Unit", metric.unit());
			definitions.add(definition);
		}
		Map<String, Object> directive = new LinkedHashMap<>();
		directive.put("Namespace", this.namespace);
		directive.put("Dimensions", List.of(List.copyOf(dimensions.keySet())));
		directive.put("Metrics", definitions);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("Timestamp", timestamp.toEpochMilli());
		metadata.put("CloudWatchMetrics", List.of(directive));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("_aws", metadata);
		document.putAll(properties);
		document.putAll(dimensions);
		for (Metric metric : metrics) {
			document.put(metric.name(), metric.value());
		}
		String line = JSON.writeToString(document);
		PrintStream out = this.output.get();
		// One write of the whole line, so concurrent output cannot split the document.
		out.print(line + System.lineSeparator());
		out.flush();
	}

	/**
	 * One metric value.
	 *
	 * @param name the metric's name
	 * @param unit its CloudWatch unit, such as {@code Count} or {@code Milliseconds}
	 * @param value its value
	 */
	public record Metric(String name, String unit, Number value) {
	}

}
