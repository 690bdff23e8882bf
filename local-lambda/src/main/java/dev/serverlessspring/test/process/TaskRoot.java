package dev.serverlessspring.test.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The directory a function's code lives in ({@code LAMBDA_TASK_ROOT}, {@code /var/task}
 * on Lambda): a deployment zip unpacked into a temporary directory, or a directory used
 * as is.
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
			throw new UncheckedIOException("Could not unpack " + source, ex);
		}
	}

	/**
	 * Unpack as Lambda does: each file with its Unix mode (an executable
	 * {@code bootstrap}, a bundled {@code java}) and, as Info-ZIP's {@code unzip} does,
	 * its modification time (in UTC where the zip has it: a JVM refuses a CDS or AOT
	 * cache whose jars' times changed).
	 * @param zip the deployment package
	 * @param directory where to unpack it
	 */
	private static void unzip(Path zip, Path directory) throws IOException {
		try (FileSystem entries = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
				Stream<Path> files = Files.walk(entries.getPath("/"))) {
			for (Path entry : files.filter(Files::isRegularFile).toList()) {
				Path target = directory.resolve(entry.toString().substring(1)).normalize();
				if (!target.startsWith(directory)) {
					throw new IOException("Zip entry " + entry + " points outside the task root");
				}
				Files.createDirectories(target.getParent());
				Files.copy(entry, target);
				Set<PosixFilePermission> mode = Files.getPosixFilePermissions(entry);
				if (!mode.isEmpty()) {
					Files.setPosixFilePermissions(target, mode);
				}
				Files.setLastModifiedTime(target, Files.getLastModifiedTime(entry));
			}
		}
		// A zip without Unix modes: Lambda's bootstrap must be executable all the same.
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
