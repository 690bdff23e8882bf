package dev.serverlessspring.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class StoredJarTests {

	@TempDir
	Path directory;

	@Test
	void copyHasTheSameEntriesInTheSameOrderWithTheSameBytesAllStored() throws IOException {
		Path source = jar("source.jar");
		Path target = this.directory.resolve("target.jar");

		StoredJar.copy(source, target);

		try (ZipFile original = new ZipFile(source.toFile()); ZipFile copy = new ZipFile(target.toFile())) {
			assertThat(names(copy)).containsExactlyElementsOf(names(original))
				.containsExactly("META-INF/MANIFEST.MF", "com/", "com/example/", "com/example/Greeting.class",
						"com/example/greeting.txt");
			for (ZipEntry entry : copy.stream().toList()) {
				ZipEntry before = original.getEntry(entry.getName());
				assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
				assertThat(entry.getCompressedSize()).as(entry.getName()).isEqualTo(entry.getSize());
				assertThat(entry.getTime()).as(entry.getName()).isEqualTo(before.getTime());
				assertThat(entry.getComment()).as(entry.getName()).isEqualTo(before.getComment());
				assertThat(bytes(copy, entry)).as(entry.getName()).isEqualTo(bytes(original, before));
			}
			assertThat(copy.getComment()).isEqualTo("built for a test");
		}
		assertThat(Files.size(target)).isGreaterThan(Files.size(source));
		try (JarFile copy = new JarFile(target.toFile())) {
			assertThat(copy.getManifest().getMainAttributes().getValue("Implementation-Title")).isEqualTo("greeting");
		}
		assertThat(this.directory.resolve("target.jar.partial")).doesNotExist();
	}

	@Test
	void copyOfAStoredCopyIsIdentical() throws IOException {
		Path once = this.directory.resolve("once.jar");
		Path twice = this.directory.resolve("twice.jar");

		StoredJar.copy(jar("source.jar"), once);
		StoredJar.copy(once, twice);

		assertThat(Files.readAllBytes(twice)).isEqualTo(Files.readAllBytes(once));
	}

	@Test
	void copyReplacesAnExistingTarget() throws IOException {
		Path target = Files.writeString(this.directory.resolve("target.jar"), "stale");

		StoredJar.copy(jar("source.jar"), target);

		try (ZipFile copy = new ZipFile(target.toFile())) {
			assertThat(copy.size()).isEqualTo(5);
		}
	}

	@Test
	void sourceThatIsNotAZipFailsAndLeavesNothingBehind() throws IOException {
		Path source = Files.writeString(this.directory.resolve("broken.jar"), "not a zip");
		Path target = this.directory.resolve("target.jar");

		assertThatIOException().isThrownBy(() -> StoredJar.copy(source, target));

		assertThat(target).doesNotExist();
		assertThat(this.directory.resolve("target.jar.partial")).doesNotExist();
	}

	private Path jar(String name) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().putValue("Implementation-Title", "greeting");
		Path jar = this.directory.resolve(name);
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest)) {
			out.putNextEntry(new ZipEntry("com/"));
			out.putNextEntry(new ZipEntry("com/example/"));
			ZipEntry type = new ZipEntry("com/example/Greeting.class");
			type.setTime(1_700_000_000_000L);
			type.setComment("compiled");
			out.putNextEntry(type);
			out.write(new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61 });
			out.putNextEntry(new ZipEntry("com/example/greeting.txt"));
			out.write("hello ".repeat(1000).getBytes(StandardCharsets.UTF_8));
			out.setComment("built for a test");
		}
		return jar;
	}

	private static List<String> names(ZipFile zip) {
		List<String> names = new ArrayList<>();
		zip.stream().forEach((entry) -> names.add(entry.getName()));
		return names;
	}

	private static byte[] bytes(ZipFile zip, ZipEntry entry) throws IOException {
		try (InputStream in = zip.getInputStream(entry)) {
			return in.readAllBytes();
		}
	}

}
