package dev.serverlessspring.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Manifest;

import org.jspecify.annotations.Nullable;

/**
 * Finds the application's {@code @SpringBootApplication} class: the {@code MAIN_CLASS}
 * environment variable (as Spring Cloud Function reads it) when set, otherwise the
 * {@code Start-Class} entry that the build writes into the function's own manifest, or,
 * in a native image (no jar manifest), the class that Spring AOT processing named in
 * {@link #AOT_START_CLASS_RESOURCE}.
 */
public final class MainClassLocator {

	/**
	 * The resource in which Spring AOT processing names the application class, for native
	 * images, which have no jar manifest.
	 */
	public static final String AOT_START_CLASS_RESOURCE = "META-INF/serverless-spring/start-class";

	static final String MAIN_CLASS_VARIABLE = "MAIN_CLASS";

	private static final String START_CLASS = "Start-Class";

	private MainClassLocator() {
	}

	/**
	 * Find the application class.
	 * @param classLoader the loader of the function's classes
	 * @return the class, not initialized
	 * @throws IllegalStateException if none is named, or the named class is missing
	 */
	public static Class<?> locate(ClassLoader classLoader) {
		String name = System.getenv(MAIN_CLASS_VARIABLE);
		String source = "the " + MAIN_CLASS_VARIABLE + " environment variable";
		if (name == null || name.isBlank()) {
			name = startClassFromManifests(classLoader);
			source = "the Start-Class manifest entry";
		}
		if (name == null) {
			name = startClassFromAotResource(classLoader);
			source = AOT_START_CLASS_RESOURCE;
		}
		if (name == null) {
			throw new IllegalStateException("Could not find the Spring Boot application class: no " + START_CLASS
					+ " entry in META-INF/MANIFEST.MF and no " + MAIN_CLASS_VARIABLE
					+ " environment variable. Package the function with serverless-spring's lambda-zip assembly, or set "
					+ MAIN_CLASS_VARIABLE + " to the @SpringBootApplication class");
		}
		try {
			return Class.forName(name.strip(), false, classLoader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(
					"The Spring Boot application class '" + name + "' named by " + source + " is not in the package",
					ex);
		}
	}

	private static @Nullable String startClassFromAotResource(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(AOT_START_CLASS_RESOURCE)) {
			return (in != null) ? new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip() : null;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + AOT_START_CLASS_RESOURCE, ex);
		}
	}

	private static @Nullable String startClassFromManifests(ClassLoader classLoader) {
		try {
			Enumeration<URL> manifests = classLoader.getResources("META-INF/MANIFEST.MF");
			while (manifests.hasMoreElements()) {
				try (InputStream in = manifests.nextElement().openStream()) {
					String startClass = new Manifest(in).getMainAttributes().getValue(START_CLASS);
					if (startClass != null && !startClass.isBlank()) {
						return startClass;
					}
				}
			}
			return null;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read META-INF/MANIFEST.MF to find the application class", ex);
		}
	}

}
