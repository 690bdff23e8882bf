package dev.serverlessspring.maven.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Removes the symbol tables of a linked runtime's native libraries with binutils'
 * {@code strip --strip-unneeded}, where it is installed. A JDK's {@code libjvm.so} keeps
 * its {@code .symtab} (5 of its 30 MB in Temurin 25) after {@code jlink --strip-debug},
 * whose native part only removes debug sections; the dynamic symbols the JVM and JNI link
 * against stay. What is lost: internal JVM frame names in native profilers and crash
 * reports.
 */
final class NativeSymbols {

	private final Log log;

	NativeSymbols(Log log) {
		this.log = log;
	}

	/**
	 * Strip the {@code .so} files under the runtime's {@code lib}; without {@code strip}
	 * on the {@code PATH}, leave them as they are and say so.
	 * @param runtime the linked runtime
	 * @throws IOException if the libraries cannot be listed
	 * @throws MojoExecutionException if {@code strip} fails
	 */
	void strip(Path runtime) throws IOException, MojoExecutionException {
		Optional<Path> strip = onPath("strip");
		if (strip.isEmpty()) {
			this.log.info("serverless-spring: no binutils strip on the PATH: the runtime's native libraries keep"
					+ " their symbol tables (about 5 MB more unpacked)");
			return;
		}
		List<String> command = new ArrayList<>(List.of(strip.get().toString(), "--strip-unneeded"));
		long before = 0;
		try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
			for (Path library : files.filter((file) -> file.getFileName().toString().endsWith(".so")).toList()) {
				before += Files.size(library);
				command.add(library.toString());
			}
		}
		if (command.size() == 2) {
			return;
		}
		Jdk.run(command);
		long after = 0;
		for (String library : command.subList(2, command.size())) {
			after += Files.size(Path.of(library));
		}
		this.log.info("serverless-spring: native libraries stripped: " + before / 1024 + " -> " + after / 1024 + " KB");
	}

	private static Optional<Path> onPath(String tool) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, tool);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

}
