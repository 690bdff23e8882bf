package dev.serverlessspring.lambda.aot;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.serverlessspring.lambda.MainClassLocator;
import dev.serverlessspring.lambda.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.Message;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints for the application's functions: the input and output types of every
 * {@code Function}, {@code Consumer} and {@code Supplier} bean (JSON binding for the
 * application's types, AWS's serializers for the {@code aws-lambda-java-events} types),
 * and the application class the handler loads by name, which is also written to
 * {@value MainClassLocator#AOT_START_CLASS_RESOURCE} for images without a jar manifest.
 */
class FunctionTypesAotProcessor implements BeanFactoryInitializationAotProcessor {

	private final BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> payloadTypes = new LinkedHashSet<>();
		Set<Class<?>> applicationClasses = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			ResolvableType type = beanFactory.getMergedBeanDefinition(name).getResolvableType();
			Class<?> beanClass = type.resolve();
			if (beanClass == null) {
				continue;
			}
			if (AnnotatedElementUtils.hasAnnotation(beanClass, SpringBootConfiguration.class)) {
				// A configuration class with proxied @Bean methods is, by now, its CGLIB
				// subclass (Application$$SpringCGLIB$$0): started as the application, it
				// would scan its own superclass as a second 'application' bean. The
				// user's class is the one to name.
				applicationClasses.add(ClassUtils.getUserClass(beanClass));
			}
			collect(type.as(Function.class), payloadTypes, 0, 1);
			collect(type.as(BiFunction.class), payloadTypes, 0, 2);
			collect(type.as(Consumer.class), payloadTypes, 0);
			collect(type.as(Supplier.class), payloadTypes, 0);
		}
		if (payloadTypes.isEmpty() && applicationClasses.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			register(generationContext.getRuntimeHints(), payloadTypes, applicationClasses);
			if (applicationClasses.size() == 1) {
				// A native image has no jar manifest with a Start-Class: name the class
				// in a resource.
				String name = applicationClasses.iterator().next().getName();
				generationContext.getGeneratedFiles().addResourceFile(MainClassLocator.AOT_START_CLASS_RESOURCE, name);
				generationContext.getRuntimeHints()
					.resources()
					.registerPattern(MainClassLocator.AOT_START_CLASS_RESOURCE);
			}
		};
	}

	void register(RuntimeHints hints, Set<Class<?>> payloadTypes, Set<Class<?>> applicationClasses) {
		for (Class<?> application : applicationClasses) {
			hints.reflection().registerType(application, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		for (Class<?> type : payloadTypes) {
			if (AwsEventTypeHints.isAwsEventType(type)) {
				AwsEventTypeHints.registerEventType(hints, type);
			}
			else {
				this.binding.registerReflectionHints(hints.reflection(), type);
			}
		}
	}

	private static void collect(ResolvableType functional, Set<Class<?>> types, int... generics) {
		if (functional == ResolvableType.NONE) {
			return;
		}
		for (int index : generics) {
			ResolvableType generic = functional.getGeneric(index);
			// Message<T>, HttpResponse<T> and the streams of a streaming function
			// (Flux<T>, Stream<T>) carry the payload type in their first generic:
			// HttpResponse<Flux<Quote>> writes Quotes.
			while (generic.hasGenerics() && isWrapper(generic.toClass())) {
				generic = generic.getGeneric(0);
			}
			Class<?> resolved = generic.resolve();
			if (resolved != null && resolved != Object.class && !resolved.isPrimitive()
					&& !resolved.getName().startsWith("java.")) {
				types.add(resolved);
			}
		}
	}

	private static boolean isWrapper(Class<?> type) {
		return Message.class.isAssignableFrom(type) || HttpResponse.class == type
				|| Publisher.class.isAssignableFrom(type) || Stream.class.isAssignableFrom(type)
				|| type.getName().startsWith("reactor.core.publisher.");
	}

}
