package dev.serverlessspring.example.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The figures of the reliability suite, printed and kept in
 * {@code target/reliability-figures.txt} for {@code docs/reliability.md}.
 */
final class Figures {

	private static final Path FILE = Path.of("target", "reliability-figures.txt");

	private Figures() {
	}

	static synchronized void record(String suite, String figure) {
		String line = Instant.now() + " " + suite + ": " + figure;
		System.out.println(line);
		append(FILE, line);
	}

	/**
	 * Keep one line of detail (say, one case and its answer) in
	 * {@code target/reliability-<suite>.txt}.
	 * @param suite the suite
	 * @param line the detail
	 */
	static synchronized void detail(String suite, String line) {
		append(Path.of("target", "reliability-" + suite + ".txt"), line);
	}

	private static void append(Path file, String line) {
		try {
			Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
