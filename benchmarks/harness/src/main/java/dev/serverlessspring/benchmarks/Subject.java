package dev.serverlessspring.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured function: a deployment package, the handler the runtime loads, and the
 * environment and JVM options it runs with.
 * <p>
 * Written on the command line as {@code name|handler|package|ENV=value,...|-Dflag ...}; the last
 * two parts may be empty.
 *
 * @param name the row's label
 * @param handler the handler string given to the runtime interface client, or
 * {@code bootstrap} for a custom runtime started by the package's bootstrap
 * @param artifact the zip or jar, unpacked as Lambda unpacks it into {@code /var/task}
 * @param environment extra environment variables
 * @param jvmOptions extra JVM options, after Lambda's own
 */
record Subject(String name, String handler, Path artifact, Map<String, String> environment, List<String> jvmOptions) {

	boolean isCustomRuntime() {
		return "bootstrap".equals(this.handler);
	}

	static Subject parse(String spec) {
		String[] parts = spec.split("\\|", -1);
		if (parts.length < 3) {
			throw new IllegalArgumentException("Expected name|handler|package[|ENV=v,...[|jvm options]]: " + spec);
		}
		Map<String, String> environment = new LinkedHashMap<>();
		if (parts.length > 3 && !parts[3].isBlank()) {
			for (String pair : parts[3].split(",")) {
				int eq = pair.indexOf('=');
				environment.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
			}
		}
		List<String> jvmOptions = (parts.length > 4 && !parts[4].isBlank()) ? List.of(parts[4].strip().split("\\s+"))
				: List.of();
		return new Subject(parts[0], parts[1], Path.of(parts[2]), environment, jvmOptions);
	}

}
