package dev.serverlessspring.maven.zip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DeploymentZipTests {

	// An odd second: the zip's DOS time alone would round it to an even one.
	private static final FileTime TIME = FileTime.from(Instant.parse("2026-03-01T10:15:31Z"));

	@TempDir
	Path directory;

	@Test
	void entriesKeepTheirOrderModesAndUtcTimes() throws IOException {
		Path classes = Files.createDirectories(this.directory.resolve("classes/com/acme"));
		write(classes.resolve("Application.class"), "class");
		Path bootstrap = write(this.directory.resolve("bootstrap"), "#!/bin/sh");
		Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path zip = this.directory.resolve("out/function.zip");

		try (DeploymentZip deploymentZip = DeploymentZip.create(zip)) {
			deploymentZip.addFile("bootstrap", bootstrap, DeploymentZip.EXECUTABLE_MODE);
			deploymentZip.addDirectory("", this.directory.resolve("classes"));
			deploymentZip.addContent("lib/classpath", "a.jar".getBytes(StandardCharsets.UTF_8), TIME,
					DeploymentZip.FILE_MODE);
			deploymentZip.finish();
		}

		try (ZipFile read = ZipFile.builder().setPath(zip).get()) {
			List<ZipArchiveEntry> entries = Collections.list(read.getEntries());
			assertThat(entries).extracting(ZipArchiveEntry::getName)
				.containsExactly("bootstrap", "com/acme/Application.class", "lib/classpath");
			assertThat(entries).extracting((entry) -> entry.getUnixMode() & 0777).containsExactly(0755, 0644, 0644);
			assertThat(entries).allSatisfy((entry) -> assertThat(entry.getExtraField(X5455_ExtendedTimestamp.HEADER_ID))
				.isInstanceOf(X5455_ExtendedTimestamp.class));
			assertThat(entries.get(0).getLastModifiedTime()).isEqualTo(TIME);
			assertThat(entries.get(2).getLastModifiedTime()).isEqualTo(TIME);
		}
		assertThat(zip.resolveSibling("function.zip.partial")).doesNotExist();
	}

	@Test
	void infoZipRestoresTheExactSecondAndTheExecutableBit() throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/unzip")), "Info-ZIP unzip (/usr/bin/unzip) is not installed");
		Path bootstrap = write(this.directory.resolve("bootstrap"), "#!/bin/sh");
		Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path zip = this.directory.resolve("function.zip");
		try (DeploymentZip deploymentZip = DeploymentZip.create(zip)) {
			deploymentZip.addFile("bootstrap", bootstrap, DeploymentZip.EXECUTABLE_MODE);
			deploymentZip.finish();
		}
		Path unpacked = Files.createDirectories(this.directory.resolve("task"));

		// TZ far from UTC: a local DOS time alone would shift the file by hours.
		ProcessBuilder unzip = new ProcessBuilder("unzip", "-q", zip.toString(), "-d", unpacked.toString()).inheritIO();
		unzip.environment().put("TZ", "Pacific/Kiritimati");
		Process process = unzip.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();

		assertThat(Files.getLastModifiedTime(unpacked.resolve("bootstrap"))).isEqualTo(TIME);
		assertThat(Files.isExecutable(unpacked.resolve("bootstrap"))).isTrue();
	}

	@Test
	void aZipThatWasNotFinishedIsNotLeftBehind() throws IOException {
		Path file = write(this.directory.resolve("a.txt"), "a");
		Path zip = this.directory.resolve("function.zip");

		assertThatIOException().isThrownBy(() -> {
			try (DeploymentZip deploymentZip = DeploymentZip.create(zip)) {
				deploymentZip.addFile("a.txt", file, DeploymentZip.FILE_MODE);
				deploymentZip.addFile("a.txt", file, DeploymentZip.FILE_MODE);
				deploymentZip.finish();
			}
		}).withMessage("Two files would be a.txt in function.zip");

		assertThat(zip).doesNotExist();
		assertThat(zip.resolveSibling("function.zip.partial")).doesNotExist();
	}

	private static Path write(Path file, String content) throws IOException {
		Files.writeString(file, content);
		Files.setLastModifiedTime(file, TIME);
		return file;
	}

}
