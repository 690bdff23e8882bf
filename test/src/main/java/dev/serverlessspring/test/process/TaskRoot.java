package dev.serverlessspring.test.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The directory a function's code lives in ({@code LAMBDA_TASK_ROOT}, {@code /var/task} on
 * Lambda): a deployment zip unpacked into a temporary directory, or a directory used as is.
 */
final class TaskRoot implements AutoCloseable {

	private final Path directory;

	private final boolean temporary;

	private TaskRoot(Path directory, boolean temporary) {
		this.directory = directory;
		this.temporary = temporary;
	}

	static TaskRoot of(Path source) {
		if (Files.isDirectory(source)) {
			return new TaskRoot(source, false);
		}
		if (!Files.isRegularFile(source)) {
			throw new IllegalStateException("No deployment package at " + source + ": build it first (mvn package)");
		}
		try {
			Path directory = Files.createTempDirectory("lambda-task-");
			unzip(source, directory);
			return new TaskRoot(directory, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot unpack " + source, ex);
		}
	}

	private static void unzip(Path zip, Path directory) throws IOException {
		try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
			ZipEntry entry;
			while ((entry = entries.getNextEntry()) != null) {
				Path target = directory.resolve(entry.getName()).normalize();
				if (!target.startsWith(directory)) {
					throw new IOException("Zip entry " + entry.getName() + " points outside the task root");
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(entries, target);
				}
			}
		}
		// ZipInputStream does not see Unix modes; Lambda keeps them, and bootstrap must be executable.
		Path bootstrap = directory.resolve("bootstrap");
		if (Files.isRegularFile(bootstrap)) {
			bootstrap.toFile().setExecutable(true);
		}
	}

	Path directory() {
		return this.directory;
	}

	@Override
	public void close() {
		if (!this.temporary) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(TaskRoot::delete);
		}
		catch (IOException ex) {
			// A temporary directory left behind is not worth failing a test for.
		}
	}

	private static void delete(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (NoSuchFileException ex) {
			// gone already
		}
		catch (IOException ex) {
			// see close()
		}
	}

}
