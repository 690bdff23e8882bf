package dev.serverlessspring.maven.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a jar holds, without its times: every build writes the project's jar anew, and
 * only a jar whose content changed may change the runtime or invalidate the trained
 * cache.
 */
final class JarContent {

	private JarContent() {
	}

	/**
	 * Return a checksum of the jar's entries' names and checksums (from its central
	 * directory, so nothing is inflated).
	 * @param jar the jar
	 * @return the checksum, in hexadecimal
	 * @throws IOException if the jar cannot be read
	 */
	static String digest(Path jar) throws IOException {
		CRC32 digest = new CRC32();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
				digest.update(Long.toString(entry.getCrc()).getBytes(StandardCharsets.US_ASCII));
			}
		}
		return Long.toHexString(digest.getValue());
	}

}
