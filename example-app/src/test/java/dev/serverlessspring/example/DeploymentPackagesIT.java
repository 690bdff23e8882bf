package dev.serverlessspring.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the two JVM zips hold under {@code lib/}: the dependency jars, without the jars
 * the managed runtime brings itself or that only the build needs, and with the AWS ones
 * where no runtime brings them (the custom runtime); stored, not deflated
 * (serverless-spring:package; the archetype's ExampleDeploymentIT checks the same of the
 * managed-runtime zip the root serverless.yml deploys).
 */
class DeploymentPackagesIT {

	@Test
	void managedRuntimeZipLeavesOutTheRuntimesOwnJars() throws IOException {
		List<String> lib = libJars(zip("aws"));

		assertThat(lib).anyMatch((jar) -> jar.startsWith("lib/spring-core-"))
			.anyMatch((jar) -> jar.startsWith("lib/aws-lambda-java-events-"))
			.noneMatch((jar) -> jar.startsWith("lib/aws-lambda-java-core-"))
			.noneMatch((jar) -> jar.startsWith("lib/aws-lambda-java-serialization-"))
			.noneMatch((jar) -> jar.startsWith("lib/spring-boot-web-server-"));
	}

	@Test
	void customRuntimeZipCarriesTheAwsJarsStoredAndABootstrap() throws IOException {
		Path zip = zip("custom-runtime");
		List<String> lib = libJars(zip);

		assertThat(lib).anyMatch((jar) -> jar.startsWith("lib/aws-lambda-java-core-"))
			.anyMatch((jar) -> jar.startsWith("lib/aws-lambda-java-serialization-"))
			.noneMatch((jar) -> jar.startsWith("lib/spring-boot-web-server-"));
		assertThat(libJars(zip("aws"))).allMatch(lib::contains);
		assertEveryEntryStored(zip);
		try (ZipFile file = new ZipFile(zip.toFile())) {
			assertThat(file.getEntry("bootstrap")).as("bootstrap (CustomRuntimeIT runs it)").isNotNull();
		}
	}

	private static Path zip(String id) throws IOException {
		try (DirectoryStream<Path> zips = Files.newDirectoryStream(Path.of("target"),
				"serverless-spring-example-*-" + id + ".zip")) {
			return zips.iterator().next();
		}
	}

	private static List<String> libJars(Path zip) throws IOException {
		try (ZipFile file = new ZipFile(zip.toFile())) {
			return file.stream().map(ZipEntry::getName).filter((name) -> name.matches("lib/[^/]+\\.jar")).toList();
		}
	}

	private static void assertEveryEntryStored(Path zip) throws IOException {
		try (ZipFile file = new ZipFile(zip.toFile())) {
			file.stream().filter((entry) -> entry.getName().matches("lib/[^/]+\\.jar")).forEach((jar) -> {
				try (ZipInputStream entries = new ZipInputStream(file.getInputStream(jar))) {
					for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
						assertThat(entry.getMethod()).as(jar.getName() + "!/" + entry.getName())
							.isEqualTo(ZipEntry.STORED);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
