package dev.serverlessspring.lambda.aot;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reflection hints for the {@code aws-lambda-java-events} types, which AWS's serializers
 * (a shaded Jackson with mix-ins) read and write by reflection: the event class and every
 * class of the package it reaches through its properties.
 */
final class AwsEventTypeHints {

	static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

	private static final String SERIALIZATION_PACKAGE = "com/amazonaws/services/lambda/runtime/serialization/";

	private static final MemberCategory[] ALL = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	private AwsEventTypeHints() {
	}

	static boolean isAwsEventType(Class<?> type) {
		return type.getName().startsWith(EVENTS_PACKAGE);
	}

	/**
	 * Register an event type, its nested classes and the event classes its properties
	 * use.
	 * @param hints the hints
	 * @param type the event type
	 */
	static void registerEventType(RuntimeHints hints, Class<?> type) {
		register(hints, type, new HashSet<>());
	}

	private static void register(RuntimeHints hints, @Nullable Class<?> type, Set<Class<?>> seen) {
		if (type == null || !isAwsEventType(type) || !seen.add(type)) {
			return;
		}
		hints.reflection().registerType(type, ALL);
		for (Class<?> nested : type.getDeclaredClasses()) {
			register(hints, nested, seen);
		}
		for (Field field : type.getDeclaredFields()) {
			registerAll(hints, field.getGenericType(), seen);
		}
		for (Method method : type.getDeclaredMethods()) {
			registerAll(hints, method.getGenericReturnType(), seen);
		}
	}

	private static void registerAll(RuntimeHints hints, Type type, Set<Class<?>> seen) {
		ResolvableType resolvable = ResolvableType.forType(type);
		register(hints, resolvable.resolve(), seen);
		for (ResolvableType generic : resolvable.getGenerics()) {
			register(hints, generic.resolve(), seen);
		}
		if (resolvable.isArray()) {
			register(hints, resolvable.getComponentType().resolve(), seen);
		}
	}

	/**
	 * Register AWS's serialization classes (serializers, mix-ins, modules), which it
	 * loads by name, and its shaded Jackson's service files.
	 * @param hints the hints
	 * @param classLoader the class loader to scan
	 */
	static void registerSerializationSupport(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
		try {
			for (Resource resource : resolver.getResources("classpath*:" + SERIALIZATION_PACKAGE + "**/*.class")) {
				String path = resource.getURL().toString();
				String className = path
					.substring(path.indexOf(SERIALIZATION_PACKAGE), path.length() - ".class".length())
					.replace('/', '.');
				hints.reflection().registerType(TypeReference.of(className), ALL);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not scan aws-lambda-java-serialization for native hints", ex);
		}
		hints.resources().registerPattern("META-INF/services/com.amazonaws.*");
	}

}
