package dev.serverlessspring.maven.packaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.serverlessspring.maven.zip.DeploymentZip;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The project's own jar, unpacked at the root of a deployment zip as the
 * {@code lambda-zip} assembly descriptor unpacks it: every entry with its bytes and time,
 * in the jar's order. Its manifest gains the {@code Start-Class} entry from which the
 * handler finds the application, unless the jar has one already.
 */
final class ApplicationJar {

	static final String START_CLASS = "Start-Class";

	private final Path jar;

	private final StartClass startClass;

	ApplicationJar(Path jar, StartClass startClass) {
		this.jar = jar;
		this.startClass = startClass;
	}

	/**
	 * Add the jar's entries to a zip.
	 * @param zip the zip being written
	 * @throws IOException if the jar cannot be read
	 * @throws MojoFailureException if the jar is Spring Boot's executable jar, whose
	 * classes Lambda would not find
	 */
	void addTo(DeploymentZip zip) throws IOException, MojoFailureException {
		try (ZipFile file = new ZipFile(this.jar.toFile())) {
			if (file.stream().anyMatch((entry) -> entry.getName().startsWith("BOOT-INF/"))) {
				throw new MojoFailureException(this.jar.getFileName()
						+ " is Spring Boot's executable jar (spring-boot:repackage"
						+ " ran before serverless-spring:package): Lambda loads classes from the zip's root. Set the property"
						+ " <spring-boot.repackage.skip>true</spring-boot.repackage.skip> in pom.xml");
			}
			if (file.getEntry(JarFile.MANIFEST_NAME) == null) {
				zip.addContent(JarFile.MANIFEST_NAME, withStartClass(new Manifest()),
						FileTime.fromMillis(System.currentTimeMillis()), DeploymentZip.FILE_MODE);
			}
			Enumeration<? extends ZipEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.isDirectory()) {
					continue;
				}
				byte[] content;
				try (InputStream in = file.getInputStream(entry)) {
					content = in.readAllBytes();
				}
				if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
					content = withStartClass(content);
				}
				zip.addContent(entry.getName(), content, entry.getLastModifiedTime(), DeploymentZip.FILE_MODE);
			}
		}
	}

	private byte[] withStartClass(byte[] content) throws IOException, MojoFailureException {
		Manifest manifest = new Manifest(new ByteArrayInputStream(content));
		if (manifest.getMainAttributes().getValue(START_CLASS) != null) {
			return content;
		}
		return withStartClass(manifest);
	}

	private byte[] withStartClass(Manifest manifest) throws IOException, MojoFailureException {
		manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().putValue(START_CLASS, this.startClass.name());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		manifest.write(out);
		return out.toByteArray();
	}

	/** Finds the application class when the jar does not name it. */
	@FunctionalInterface
	interface StartClass {

		String name() throws MojoFailureException;

	}

}
