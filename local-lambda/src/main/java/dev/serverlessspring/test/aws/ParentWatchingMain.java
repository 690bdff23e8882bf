package dev.serverlessspring.test.aws;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs a Java server's main class and ends its JVM when its standard input closes, as it
 * does when the JVM that started it ends, however it ends: a local service never outlives
 * its local Lambda. {@code java -cp ... ParentWatchingMain org.example.Main args...}
 */
public final class ParentWatchingMain {

	private ParentWatchingMain() {
	}

	public static void main(String[] args) throws Throwable {
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() != -1) {
					// Nothing is sent; only the end matters.
				}
			}
			catch (IOException ex) {
				// Closed as well.
			}
			System.exit(0);
		}, "parent-watcher");
		watcher.setDaemon(true);
		watcher.start();
		try {
			Class.forName(args[0])
				.getMethod("main", String[].class)
				.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
