package dev.serverlessspring.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown table of a benchmark run: medians over the runs, and ratios against the
 * first subject (the framework-free baseline) and the second (Spring Cloud Function's
 * {@code FunctionInvoker}), each within the same JDK and the same run; the first
 * invocation over the warm median, per run; for timed subjects the handler's own times
 * ({@code —} otherwise).
 */
final class Report {

	private Report() {
	}

	static String table(List<Subject> subjects, Collection<String> jdks, Map<String, List<Measurement>> results,
			int runs, int warm, String cpus) {
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"Medians of %d runs; warm = %d invocations after the first, per run; %s (taskset -c %s), %s.%n%n", runs,
				warm, cpus.matches("\\d+") ? "one CPU" : "CPUs " + cpus, cpus,
				String.join(" ", ColdStartBenchmark.LAMBDA_JVM_FLAGS)));
		table
			.append("| Subject | JDK | Cold start (ms) | Cold start CPU (ms) | Init (ms) | First invocation (ms) | Warm p50 (µs) | Warm p99 (µs) "
					+ "| First ÷ warm p50 | In-handler first (µs) | In-handler warm p50 (µs) | Peak RSS (MB) | Package (MiB) "
					+ "| Cold ÷ framework-free | FunctionInvoker ÷ cold |\n");
		table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (String jdk : jdks) {
			double baseline = median(results.get(subjects.get(0).name() + "|" + jdk), Measurement::coldMillis);
			double invoker = (subjects.size() > 1)
					? median(results.get(subjects.get(1).name() + "|" + jdk), Measurement::coldMillis) : Double.NaN;
			for (Subject subject : subjects) {
				List<Measurement> rows = results.get(subject.name() + "|" + jdk);
				double cold = median(rows, Measurement::coldMillis);
				table.append(String.format(Locale.ROOT,
						"| %s | %s | %.0f | %.0f | %.0f | %.1f | %.0f | %.0f | %.1f× | %s | %s | %.0f | %.1f | %.2f× | %.2f× |%n",
						subject.name(), jdk, cold, median(rows, Measurement::coldCpuMillis),
						median(rows, Measurement::initMillis), median(rows, Measurement::firstMillis),
						median(rows, (m) -> m.warmMicros(50)), median(rows, (m) -> m.warmMicros(99)),
						median(rows, Measurement::firstOverWarm),
						micros(median(rows, Measurement::inHandlerFirstMicros)),
						micros(median(rows, Measurement::inHandlerWarmMicros)),
						median(rows, (m) -> m.peakRssKilobytes() / 1024.0),
						ColdStartBenchmark.size(subject.artifact()) / (1024.0 * 1024.0), cold / baseline,
						invoker / cold));
			}
		}
		return table.toString();
	}

	private static String micros(double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
	}

	static double median(List<Measurement> measurements, ToDoubleFunction<Measurement> value) {
		double[] values = measurements.stream().mapToDouble(value).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

}
