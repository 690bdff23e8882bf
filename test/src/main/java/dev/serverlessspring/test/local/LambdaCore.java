package dev.serverlessspring.test.local;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import com.amazonaws.services.lambda.runtime.Context;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * serverless-spring's core (serverless-spring-boot-autoconfigure), reached by reflection:
 * this module cannot depend on it, since the core's own tests use this module's Runtime API,
 * while the test class path of an application, where in-process functions run, always has it.
 */
final class LambdaCore {

	private static final String APPLICATION = "dev.serverlessspring.lambda.LambdaApplication";

	private static final String MAIN_CLASS_LOCATOR = "dev.serverlessspring.lambda.MainClassLocator";

	private static final String DISPATCHER = "dev.serverlessspring.lambda.invoke.EventDispatcher";

	private LambdaCore() {
	}

	/** An application's {@code EventDispatcher}. */
	interface Dispatcher {

		byte[] dispatch(byte[] event, Context context);

	}

	/**
	 * Find the application class as {@code FunctionHandler} does: {@code MAIN_CLASS}, else a
	 * manifest's {@code Start-Class}.
	 */
	static Class<?> locateMainClass(ClassLoader classLoader) {
		return (Class<?>) call(method(classLoader, MAIN_CLASS_LOCATOR, "locate", ClassLoader.class), null, classLoader);
	}

	/** {@code LambdaApplication.application(mainClass)}: the application with Lambda's defaults. */
	static SpringApplication application(Class<?> mainClass) {
		return (SpringApplication) call(method(mainClass.getClassLoader(), APPLICATION, "application", Class.class), null,
				mainClass);
	}

	/** {@code LambdaApplication.run(application)} and the running application's dispatcher. */
	static ConfigurableApplicationContext run(SpringApplication application, ClassLoader classLoader) {
		return (ConfigurableApplicationContext) call(method(classLoader, APPLICATION, "run", SpringApplication.class),
				null, application);
	}

	static Dispatcher dispatcher(ConfigurableApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		Method dispatch = method(classLoader, DISPATCHER, "dispatch", byte[].class, Context.class);
		Object dispatcher = context.getBean(dispatch.getDeclaringClass());
		return (event, invocation) -> (byte[]) call(dispatch, dispatcher, event, invocation);
	}

	private static Method method(ClassLoader classLoader, String className, String name, Class<?>... parameters) {
		try {
			return Class.forName(className, false, classLoader).getMethod(name, parameters);
		}
		catch (ClassNotFoundException | NoSuchMethodException ex) {
			throw new IllegalStateException("In-process functions need serverless-spring's core (" + className + "."
					+ name + "): add dev.serverlessspring:serverless-spring-boot-starter, in the version of "
					+ "serverless-spring-test", ex);
		}
	}

	// The core's exceptions propagate as they are: they are the function's errors.
	private static Object call(Method method, Object target, Object... arguments) {
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
