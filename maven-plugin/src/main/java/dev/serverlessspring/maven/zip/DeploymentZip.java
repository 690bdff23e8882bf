package dev.serverlessspring.maven.zip;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A Lambda deployment package being written: entries in the order they are added, each
 * with a Unix mode (Lambda runs {@code bootstrap} only when the zip marks it executable)
 * and, besides the zip's local DOS time, its modification time in UTC to the second (the
 * "extended timestamp" field that Info-ZIP's {@code unzip} restores). A JVM refuses a CDS
 * or AOT cache whose jars' times differ from the training's, so a package that carries
 * one must keep them exactly.
 * <p>
 * The zip is written to a sibling file and moved into place on {@link #close()}, so a
 * failed build never leaves a zip that looks complete.
 */
public final class DeploymentZip implements Closeable {

	/** {@code rw-r--r--}. */
	public static final int FILE_MODE = 0644;

	/** {@code rwxr-xr-x}. */
	public static final int EXECUTABLE_MODE = 0755;

	private final Path target;

	private final Path partial;

	private final ZipArchiveOutputStream out;

	private final Set<String> names = new HashSet<>();

	private boolean complete;

	private DeploymentZip(Path target) throws IOException {
		this.target = target;
		Files.createDirectories(target.toAbsolutePath().getParent());
		this.partial = target.resolveSibling(target.getFileName() + ".partial");
		this.out = new ZipArchiveOutputStream(this.partial);
	}

	/**
	 * Starts writing a zip that replaces {@code target} once {@link #close() closed}.
	 * @param target the zip to write
	 * @return the zip being written
	 * @throws IOException if the file cannot be created
	 */
	public static DeploymentZip create(Path target) throws IOException {
		return new DeploymentZip(target);
	}

	/**
	 * Adds a file under {@code name}, keeping its modification time.
	 * @param name the entry's name, {@code /}-separated, relative to the zip's root
	 * @param file the file to add
	 * @param mode the entry's Unix permissions, such as {@link #FILE_MODE}
	 * @throws IOException if the file cannot be read or the name is taken
	 */
	public void addFile(String name, Path file, int mode) throws IOException {
		ZipArchiveEntry entry = entry(name, Files.getLastModifiedTime(file), mode);
		entry.setSize(Files.size(file));
		this.out.putArchiveEntry(entry);
		try (InputStream in = Files.newInputStream(file)) {
			in.transferTo(this.out);
		}
		this.out.closeArchiveEntry();
	}

	/**
	 * Adds content that has no file of its own.
	 * @param name the entry's name, relative to the zip's root
	 * @param content the entry's bytes
	 * @param time its modification time
	 * @param mode its Unix permissions
	 * @throws IOException if the zip cannot be written or the name is taken
	 */
	public void addContent(String name, byte[] content, FileTime time, int mode) throws IOException {
		ZipArchiveEntry entry = entry(name, time, mode);
		entry.setSize(content.length);
		this.out.putArchiveEntry(entry);
		this.out.write(content);
		this.out.closeArchiveEntry();
	}

	/**
	 * Adds every file below {@code directory}, in name order, under {@code prefix}; a
	 * file keeps its time, and its executable bit where the file system has one.
	 * @param prefix the entries' folder in the zip ({@code ""} for the root, else ending
	 * in {@code /})
	 * @param directory the folder whose files to add
	 * @throws IOException if a file cannot be read or a name is taken
	 */
	public void addDirectory(String prefix, Path directory) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(directory)) {
			files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
		}
		for (Path file : files) {
			String relative = directory.relativize(file).toString().replace('\\', '/');
			addFile(prefix + relative, file, isExecutable(file) ? EXECUTABLE_MODE : FILE_MODE);
		}
	}

	private ZipArchiveEntry entry(String name, FileTime time, int mode) throws IOException {
		if (!this.names.add(name)) {
			throw new IOException("Two files would be " + name + " in " + this.target.getFileName());
		}
		ZipArchiveEntry entry = new ZipArchiveEntry(name);
		entry.setUnixMode(0100000 | mode);
		entry.setLastModifiedTime(time);
		X5455_ExtendedTimestamp utc = new X5455_ExtendedTimestamp();
		utc.setModifyFileTime(time);
		entry.addExtraField(utc);
		return entry;
	}

	private static boolean isExecutable(Path file) throws IOException {
		try {
			return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
		}
		catch (UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * Finishes the zip and moves it into place; an incomplete zip (an add that failed) is
	 * deleted instead.
	 */
	@Override
	public void close() throws IOException {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			Files.deleteIfExists(this.partial);
			throw ex;
		}
		if (this.complete) {
			Files.move(this.partial, this.target, StandardCopyOption.REPLACE_EXISTING);
		}
		else {
			Files.deleteIfExists(this.partial);
		}
	}

	/**
	 * Marks the zip as complete: {@link #close()} then moves it into place. Call it once
	 * every entry is added, inside the try-with-resources block.
	 */
	public void finish() {
		this.complete = true;
	}

}
