package dev.serverlessspring.maven.runtime;

import java.io.IOException;
import java.nio.file.Path;

import dev.serverlessspring.maven.zip.DeploymentZip;

/**
 * The Java runtime of a service's {@code java-runtime} functions as one Lambda layer, so
 * that it is uploaded once instead of in each function's zip: {@code java-runtime/} in
 * the layer zip, which Lambda unpacks to {@code /opt/java-runtime}, where the
 * {@code bootstrap} looks when the function's zip has no {@code runtime/}. Written by the
 * same build as the functions' zips, so that the runtime in the layer is the one that
 * trained their caches.
 */
final class JavaRuntimeLayer {

	/** Where the runtime sits in the layer, under {@code /opt} on Lambda. */
	static final String DIRECTORY = "java-runtime/";

	private JavaRuntimeLayer() {
	}

	/**
	 * Write the layer zip.
	 * @param zip the layer zip to write
	 * @param runtime the linked Java runtime
	 * @throws IOException if it cannot be written
	 */
	static void write(Path zip, Path runtime) throws IOException {
		try (DeploymentZip out = DeploymentZip.create(zip)) {
			out.addDirectory(DIRECTORY, runtime);
			out.finish();
		}
	}

}
