package dev.serverlessspring.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured function: a deployment package, the handler the runtime loads, and the
 * environment and JVM options it runs with.
 * <p>
 * Written on the command line as {@code name|handler|package|ENV=value,...|-Dflag ...};
 * the last two parts may be empty. A handler written {@code timed:Class::method} is
 * called through {@link InHandlerTimer}, which times it from inside the process as well.
 *
 * @param name the row's label
 * @param handler the handler string given to the runtime interface client (after
 * {@code timed:}), or {@code bootstrap} for a custom runtime started by the package's
 * bootstrap
 * @param artifact the zip or jar, unpacked as Lambda unpacks it into {@code /var/task}
 * @param environment extra environment variables
 * @param jvmOptions extra JVM options, after Lambda's own
 */
record Subject(String name, String handler, Path artifact, Map<String, String> environment, List<String> jvmOptions) {

	private static final String TIMED = "timed:";

	boolean isCustomRuntime() {
		return "bootstrap".equals(this.handler);
	}

	/**
	 * Whether the handler is timed from inside the process too ({@code timed:} handlers).
	 * @return whether to call the handler through {@link InHandlerTimer}
	 */
	boolean isTimed() {
		return this.handler.startsWith(TIMED);
	}

	/**
	 * Return the class of the measured handler.
	 * @return the handler string's class name
	 */
	String handlerClass() {
		String handler = isTimed() ? this.handler.substring(TIMED.length()) : this.handler;
		int method = handler.indexOf("::");
		return (method < 0) ? handler : handler.substring(0, method);
	}

	/**
	 * Return the handler string the runtime interface client is given.
	 * @return the handler, or {@link InHandlerTimer}'s class for a timed one: without a
	 * method name the client calls it through the {@code RequestStreamHandler} interface,
	 * not reflectively, so that the timer adds no first reflective call of its own (on
	 * JDK 25 its method-handle classes, and then the JIT compiling them, would slow the
	 * measured handler)
	 */
	String runtimeHandler() {
		return isTimed() ? InHandlerTimer.class.getName() : this.handler;
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
