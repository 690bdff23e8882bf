package dev.serverlessspring.test.process;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.serverlessspring.test.fixture.FixtureHandler;

/**
 * Deployment packages of the fixture handlers, laid out as Lambda expects.
 */
public final class Fixtures {

	public static final String HANDLER = FixtureHandler.class.getName() + "::handleRequest";

	private Fixtures() {
	}

	/**
	 * Zip the compiled fixture classes, at the zip's root as in a deployment package.
	 */
	public static Path zip(Path directory) throws IOException {
		Path classes = testClasses();
		Path fixtures = classes.resolve("dev/serverlessspring/test/fixture");
		Path zip = directory.resolve("fixture.zip");
		try (OutputStream file = Files.newOutputStream(zip);
				ZipOutputStream out = new ZipOutputStream(file);
				Stream<Path> entries = Files.list(fixtures)) {
			for (Path entry : entries.toList()) {
				out.putNextEntry(new ZipEntry(classes.relativize(entry).toString().replace('\\', '/')));
				Files.copy(entry, out);
				out.closeEntry();
			}
		}
		return zip;
	}

	/**
	 * A task root with a custom runtime's {@code bootstrap}: a shell script that starts
	 * the AWS runtime interface client, as a {@code provided.al2023} function may.
	 */
	static Path customRuntime(Path directory) throws IOException {
		Path zip = zip(directory);
		Path taskRoot = Files.createDirectories(directory.resolve("custom"));
		try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				Path target = taskRoot.resolve(entry.getName());
				Files.createDirectories(target.getParent());
				Files.copy(in, target);
			}
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path bootstrap = taskRoot.resolve("bootstrap");
		Files.write(bootstrap,
				List.of("#!/bin/sh", "echo \"custom bootstrap for $_HANDLER\"",
						"exec '" + java + "' "
								+ RuntimeCommand.nativeClientOption().map((option) -> "'" + option + "' ").orElse("")
								+ "-cp '" + RuntimeCommand.runtimeClassPath() + "' "
								+ RuntimeCommand.RUNTIME_INTERFACE_CLIENT + " \"$_HANDLER\""));
		bootstrap.toFile().setExecutable(true);
		return taskRoot;
	}

	private static Path testClasses() {
		try {
			return Path.of(FixtureHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
