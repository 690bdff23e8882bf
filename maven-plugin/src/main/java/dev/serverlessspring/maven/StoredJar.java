package dev.serverlessspring.maven;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A copy of a jar whose entries are stored rather than deflated: the same entries in the
 * same order, with the same bytes, times and comments.
 * <p>
 * A deployment zip deflates each file it holds as one stream. A jar of separately
 * deflated classes gains nothing from that; a stored jar is compressed as a whole,
 * classes sharing their constant pools' names within the deflate window, so the zip gets
 * smaller. And once Lambda has unpacked the zip, the function's class loader reads
 * classes without inflating each one. Signatures stay valid: a signed jar's digests cover
 * the entries' bytes, not their compression.
 */
final class StoredJar {

	private StoredJar() {
	}

	/**
	 * Writes a stored copy of {@code source} to {@code target}, replacing it.
	 * @param source the jar to copy
	 * @param target where the copy goes
	 * @throws IOException if the source cannot be read (for example it is not a zip) or
	 * the target cannot be written
	 */
	static void copy(Path source, Path target) throws IOException {
		Path partial = target.resolveSibling(target.getFileName() + ".partial");
		try (ZipFile jar = new ZipFile(source.toFile());
				ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
			Enumeration<? extends ZipEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				byte[] content;
				try (InputStream in = jar.getInputStream(entry)) {
					content = in.readAllBytes();
				}
				out.putNextEntry(stored(entry, content));
				out.write(content);
				out.closeEntry();
			}
			if (jar.getComment() != null) {
				out.setComment(jar.getComment());
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(partial);
			throw ex;
		}
		Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static ZipEntry stored(ZipEntry entry, byte[] content) {
		ZipEntry stored = new ZipEntry(entry.getName());
		stored.setMethod(ZipEntry.STORED);
		stored.setSize(content.length);
		stored.setCompressedSize(content.length);
		CRC32 crc = new CRC32();
		crc.update(content);
		stored.setCrc(crc.getValue());
		stored.setTime(entry.getTime());
		stored.setComment(entry.getComment());
		return stored;
	}

}
