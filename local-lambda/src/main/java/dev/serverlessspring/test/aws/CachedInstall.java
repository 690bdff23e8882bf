package dev.serverlessspring.test.aws;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A local service's software, installed once into a cache that builds share
 * ({@code ~/.cache/serverless-spring}, or the {@code SERVERLESS_SPRING_CACHE} variable's
 * folder): into a folder of its own first, then moved into place, so that builds running
 * at once never see half an install.
 */
final class CachedInstall {

	private CachedInstall() {
	}

	/**
	 * Return the cache's folder for one kind of package.
	 * @param kind such as {@code node} or {@code maven}
	 * @return the folder
	 */
	static Path cache(String kind) {
		String configured = System.getenv("SERVERLESS_SPRING_CACHE");
		Path cache = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "serverless-spring");
		return cache.resolve(kind);
	}

	/**
	 * Install into a folder unless it is there already.
	 * @param target the folder
	 * @param installer fills a staging folder, which then becomes the target
	 * @throws IllegalStateException if the installer fails
	 */
	static void install(Path target, Installer installer) {
		if (Files.isDirectory(target)) {
			return;
		}
		Path staging = null;
		try {
			Files.createDirectories(target.getParent());
			staging = Files.createTempDirectory(target.getParent(), target.getFileName() + "-install-");
			installer.install(staging);
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			staging = null;
		}
		catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException ex) {
			// Another build installed it first: theirs is as good.
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install into " + target + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while installing into " + target, ex);
		}
		finally {
			delete(staging);
		}
	}

	/**
	 * Run an installing command, its output to a log that a failure shows.
	 * @param command the command
	 * @param log where its output goes
	 * @param what what it installs, for messages
	 * @throws IOException if it cannot start (the tool is missing)
	 * @throws InterruptedException if interrupted
	 * @throws IllegalStateException if it fails or takes over ten minutes
	 */
	static void run(List<String> command, Path log, String what) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(what + " did not finish in 10 minutes");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "):\n"
					+ Files.readString(log, StandardCharsets.UTF_8));
		}
	}

	/**
	 * Delete a folder and all it holds, if it is there.
	 * @param directory the folder
	 */
	static void delete(@Nullable Path directory) {
		if (directory == null || !Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// A leftover staging folder is harmless.
		}
	}

	/** Fills a staging folder. */
	@FunctionalInterface
	interface Installer {

		void install(Path staging) throws IOException, InterruptedException;

	}

}
