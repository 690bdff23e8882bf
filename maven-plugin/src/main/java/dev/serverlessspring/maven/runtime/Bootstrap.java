package dev.serverlessspring.maven.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bootstrap} of a {@code java-runtime} package, from its template (the
 * resource {@code bootstrap} beside this class): the class path with each jar's size and
 * time, the cache's file and options.
 */
final class Bootstrap {

	private static final String TEMPLATE = template();

	private Bootstrap() {
	}

	/**
	 * Return the class path as the bootstrap checks it: {@code path:size:seconds} for
	 * each jar, in order, separated by one space.
	 * @param root the task root
	 * @param jars the jars, relative to the task root
	 * @return the entries
	 * @throws IOException if a jar cannot be read
	 */
	static String entries(Path root, List<String> jars) throws IOException {
		StringBuilder entries = new StringBuilder();
		for (String jar : jars) {
			if (jar.contains(" ") || jar.contains(":")) {
				throw new IOException("A jar name with a space or colon cannot be on the class path: " + jar);
			}
			Path file = root.resolve(jar);
			entries.append((entries.length() > 0) ? " " : "")
				.append(jar)
				.append(':')
				.append(Files.size(file))
				.append(':')
				.append(Files.getLastModifiedTime(file).to(TimeUnit.SECONDS));
		}
		return entries.toString();
	}

	/**
	 * Write the bootstrap, executable.
	 * @param target where to write it
	 * @param entries the class path, from {@link #entries}
	 * @param cache the kind of cache it reads
	 * @throws IOException if it cannot be written
	 */
	static void write(Path target, String entries, CacheKind cache) throws IOException {
		String script = TEMPLATE.replace("@ENTRIES@", entries)
			.replace("@CACHE@", cache.fileName())
			.replace("@CACHE_KIND@", cache.description())
			.replace("@TRAINING_OPTIONS@", cache.options())
			.replace("@CACHE_OPTIONS@", cache.options())
			.replace("@TRAINING_OPTION@", cache.trainingOption())
			.replace("@CACHE_OPTION@", cache.option());
		if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(script)) {
			return;
		}
		Files.writeString(target, script, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private static String template() {
		try (InputStream in = Bootstrap.class.getResourceAsStream("bootstrap")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
