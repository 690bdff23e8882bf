package dev.serverlessspring.test.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Watches a directory tree by polling, as Spring Boot's DevTools do: a compiler rewrites
 * many files in a burst, so a change is reported once the tree has stayed the same for a
 * quiet period, not file by file. Polling works the same on every file system, for
 * changes made by an IDE or by {@code ./mvnw compile} in another shell.
 */
final class DirectoryWatcher implements AutoCloseable {

	private final Path directory;

	private final Duration pollInterval;

	private final Duration quietPeriod;

	private final Runnable onChange;

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * Start watching.
	 * @param directory the tree to watch
	 * @param pollInterval how often to look
	 * @param quietPeriod how long the tree must stay unchanged before a change is
	 * reported
	 * @param onChange called on the watcher's thread for each settled change
	 */
	DirectoryWatcher(Path directory, Duration pollInterval, Duration quietPeriod, Runnable onChange) {
		this.directory = directory;
		this.pollInterval = pollInterval;
		this.quietPeriod = quietPeriod;
		this.onChange = onChange;
		Map<Path, Stamp> initial = snapshot();
		this.thread = new Thread(() -> watch(initial), "local-lambda-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void watch(Map<Path, Stamp> initial) {
		Map<Path, Stamp> reported = initial;
		try {
			while (this.running) {
				Thread.sleep(this.pollInterval.toMillis());
				Map<Path, Stamp> current = snapshot();
				if (current.equals(reported)) {
					continue;
				}
				// Wait until the compiler is done: the tree stays the same for the quiet
				// period.
				Map<Path, Stamp> settled;
				do {
					settled = current;
					Thread.sleep(this.quietPeriod.toMillis());
					current = snapshot();
				}
				while (!current.equals(settled) && this.running);
				reported = current;
				if (this.running) {
					this.onChange.run();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Each file's size and modification time; an empty map while the directory is missing
	 * (a clean build).
	 * @return the stamps by file path
	 */
	Map<Path, Stamp> snapshot() {
		Map<Path, Stamp> files = new TreeMap<>();
		if (!Files.isDirectory(this.directory)) {
			return files;
		}
		try (Stream<Path> walk = Files.walk(this.directory)) {
			walk.forEach((file) -> {
				try {
					BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
					if (attributes.isRegularFile()) {
						files.put(file, new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis()));
					}
				}
				catch (NoSuchFileException ex) {
					// Deleted while walking: the next poll sees the tree as it is.
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			// A tree being rewritten can vanish under the walk: it counts as changed.
			files.put(this.directory, new Stamp(-1, System.nanoTime()));
		}
		return files;
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

	record Stamp(long size, long modified) {
	}

}
