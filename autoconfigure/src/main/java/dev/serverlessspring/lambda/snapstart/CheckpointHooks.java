package dev.serverlessspring.lambda.snapstart;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.crac.Core;
import org.crac.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Registers a {@link Resource} where the runtime calls it around a SnapStart snapshot.
 * <p>
 * On Lambda's managed runtimes {@code org.crac} delegates to the runtime interface
 * client's own hooks ({@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac});
 * on a CRaC JVM it uses the JVM's. Where the runtime interface client runs without that
 * delegation (a container image, say), the resource is registered with the client's
 * {@code com.amazonaws.services.lambda.crac.Core} as well, which calls it on
 * {@code snap-start} initialization.
 */
public final class CheckpointHooks {

	private static final String COMPAT_PROPERTY = "org.crac.Core.Compat";

	private static final String RIC_CORE = "com.amazonaws.services.lambda.crac.Core";

	private static final String RIC_RESOURCE = "com.amazonaws.services.lambda.crac.Resource";

	private static final Log logger = LogFactory.getLog(CheckpointHooks.class);

	private CheckpointHooks() {
	}

	/**
	 * Register the resource. The caller keeps it referenced: the runtimes hold resources
	 * weakly.
	 * @param resource the resource
	 */
	public static void register(Resource resource) {
		Core.getGlobalContext().register(resource);
		if (System.getProperty(COMPAT_PROPERTY) == null) {
			registerWithRuntimeInterfaceClient(resource);
		}
	}

	private static void registerWithRuntimeInterfaceClient(Resource resource) {
		ClassLoader classLoader = ClassLoader.getSystemClassLoader();
		try {
			Class<?> core = Class.forName(RIC_CORE, true, classLoader);
			Class<?> resourceType = Class.forName(RIC_RESOURCE, true, classLoader);
			Object context = core.getMethod("getGlobalContext").invoke(null);
			Object adapter = Proxy.newProxyInstance(classLoader, new Class<?>[] { resourceType },
					new ResourceAdapter(resource));
			context.getClass().getMethod("register", resourceType).invoke(context, adapter);
			// The client, like org.crac, holds resources weakly: keep the adapter alive.
			ResourceAdapter.KEPT.add(adapter);
		}
		catch (ClassNotFoundException ex) {
			// Not under the runtime interface client.
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("SnapStart: could not register with the runtime interface client's hooks", ex);
		}
	}

	/**
	 * Calls the resource for the runtime interface client's hooks, which pass no context
	 * we use.
	 */
	private record ResourceAdapter(Resource resource) implements InvocationHandler {

		static final java.util.List<Object> KEPT = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
			return switch (method.getName()) {
				case "beforeCheckpoint" -> {
					this.resource.beforeCheckpoint(null);
					yield null;
				}
				case "afterRestore" -> {
					this.resource.afterRestore(null);
					yield null;
				}
				case "hashCode" -> System.identityHashCode(proxy);
				case "equals" -> args != null && proxy == args[0];
				case "toString" -> "CheckpointHooks adapter for " + this.resource;
				default -> throw new UnsupportedOperationException(method.getName());
			};
		}

	}

}
