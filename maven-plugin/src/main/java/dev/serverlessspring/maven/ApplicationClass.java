package dev.serverlessspring.maven;

import java.io.File;
import java.io.IOException;

import org.apache.maven.plugin.MojoFailureException;

import org.springframework.boot.loader.tools.MainClassFinder;

/**
 * The application's {@code @SpringBootApplication} class, which a function's handler
 * starts: the one named by the {@code start-class} property, else the one class with that
 * annotation and a {@code main} method among the compiled classes, found as Spring Boot's
 * own plugin finds it.
 */
public final class ApplicationClass {

	private static final String SPRING_BOOT_APPLICATION = "org.springframework.boot.autoconfigure.SpringBootApplication";

	private ApplicationClass() {
	}

	/**
	 * Return the application class's name.
	 * @param configured the {@code start-class} property, or {@code null}
	 * @param classesDirectory the compiled classes ({@code target/classes})
	 * @return the class name
	 * @throws MojoFailureException naming what to do when there is none or more than one
	 */
	public static String find(String configured, File classesDirectory) throws MojoFailureException {
		if (configured != null && !configured.isBlank()) {
			String name = configured.strip();
			if (!new File(classesDirectory, name.replace('.', '/') + ".class").isFile()) {
				throw new MojoFailureException("Could not find " + name + ", named by the start-class property, in "
						+ classesDirectory + ": name your @SpringBootApplication class there");
			}
			return name;
		}
		try {
			String found = classesDirectory.isDirectory()
					? MainClassFinder.findSingleMainClass(classesDirectory, SPRING_BOOT_APPLICATION) : null;
			if (found == null) {
				throw new MojoFailureException("No application class in " + classesDirectory
						+ ": serverless-spring needs one class annotated with @SpringBootApplication that has a main method"
						+ " (or the start-class property naming your application class)");
			}
			return found;
		}
		catch (IllegalStateException ex) {
			// MainClassFinder's message lists the candidates.
			throw new MojoFailureException(
					ex.getMessage() + ": set the start-class property to the one serverless-spring should start", ex);
		}
		catch (IOException ex) {
			throw new MojoFailureException("Could not read the classes in " + classesDirectory + ": " + ex.getMessage(),
					ex);
		}
	}

}
