package dev.serverlessspring.test.reload;

import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.serverlessspring.test.local.LocalLambda;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

/**
 * The dev loop's reload: the functions of a {@link LocalLambda} run their application
 * from a class loader over the project's compiled classes (the dependencies come from its
 * parent); when those classes or resources change, every function gets a new class loader
 * and a new execution environment, and the time that took is printed. A function that
 * fails to start is reported in one line, the others keep serving, and the next change
 * tries again.
 */
public final class ClassesReloader implements AutoCloseable {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(300);

	private static final Duration QUIET_PERIOD = Duration.ofMillis(400);

	/**
	 * Spring Boot logs a failed start with its stack trace; the loop reports it in one
	 * line instead.
	 */
	private static final String FAILURE_LOG_LEVEL = "logging.level.org.springframework.boot.SpringApplication";

	private final LocalLambda lambda;

	private final Path classes;

	private final ClassLoader parent;

	private final PrintStream out;

	private final @Nullable String mainClass;

	private @Nullable URLClassLoader current;

	private @Nullable DirectoryWatcher watcher;

	/**
	 * Prepare the reloads.
	 * @param lambda the local Lambda, its functions in process
	 * @param classes the compiled classes and resources ({@code target/classes}), which
	 * the parent class loader must not see
	 * @param parent the class loader of the dependencies
	 * @param mainClass the application class, or {@code null} if unknown: while its class
	 * file is missing, the compiler is still at work and changes do not reload
	 * @param out where reloads are reported
	 */
	public ClassesReloader(LocalLambda lambda, Path classes, ClassLoader parent, @Nullable String mainClass,
			PrintStream out) {
		this.lambda = lambda;
		this.classes = classes.toAbsolutePath().normalize();
		this.parent = parent;
		this.mainClass = mainClass;
		this.out = out;
	}

	/**
	 * Start every function from the classes as they are now, then watch them.
	 * @return {@code true} if every function started
	 */
	public boolean start() {
		if (System.getProperty(FAILURE_LOG_LEVEL) == null) {
			System.setProperty(FAILURE_LOG_LEVEL, "off");
		}
		boolean started = load("Started");
		this.watcher = new DirectoryWatcher(this.classes, POLL_INTERVAL, QUIET_PERIOD, () -> {
			try {
				if (isCompiled()) {
					load("Reloaded");
				}
			}
			catch (RuntimeException ex) {
				// The watcher must survive whatever a reload meets: the next change tries
				// again.
				this.out.println("Failed to reload: " + describe(ex));
				this.out.flush();
			}
		});
		this.out.println("Watching " + this.classes + ": recompile (your IDE, or ./mvnw compile in another shell)"
				+ " and the functions reload. Ctrl-C stops.");
		this.out.flush();
		return started;
	}

	synchronized boolean load(String verb) {
		long start = System.nanoTime();
		URLClassLoader next = new URLClassLoader("functions", new URL[] { url(this.classes) }, this.parent);
		Map<String, Throwable> failures = this.lambda.reload(next);
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		close(this.current);
		this.current = next;
		int functions = this.lambda.config().functions().size();
		if (failures.isEmpty()) {
			this.out.println(
					verb + " " + functions + ((functions == 1) ? " function" : " functions") + " in " + millis + " ms");
		}
		else {
			this.out.println(verb + " in " + millis + " ms; " + failures.size() + " of " + functions
					+ " failed to start, fix and recompile to reload:");
			failures.forEach((name, failure) -> this.out.println("  " + name + ": " + describe(failure)));
		}
		this.out.flush();
		return failures.isEmpty();
	}

	// Maven's compiler removes the classes before it writes them again: a reload in
	// between would fail.
	private boolean isCompiled() {
		return this.mainClass == null
				|| Files.isRegularFile(this.classes.resolve(this.mainClass.replace('.', '/') + ".class"));
	}

	/**
	 * The failure in one line: its message, and its root cause's when that says more.
	 * @param failure what failed
	 * @return the line
	 */
	static String describe(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
			message += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
		}
		return message.replace(System.lineSeparator(), " ").replace('\n', ' ');
	}

	private static URL url(Path directory) {
		try {
			// A trailing slash: URLClassLoader reads a directory, even one a clean build
			// removed.
			String uri = directory.toUri().toString();
			return new URL(uri.endsWith("/") ? uri : uri + "/");
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(directory + " is not a valid class path entry", ex);
		}
	}

	private static void close(@Nullable URLClassLoader classLoader) {
		if (classLoader != null) {
			try {
				classLoader.close();
			}
			catch (IOException ex) {
				// Nothing holds it any more; the next reload uses a new one.
			}
		}
	}

	@Override
	public void close() {
		if (this.watcher != null) {
			this.watcher.close();
		}
	}

}
