package dev.serverlessspring.lambda.snapstart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.runtime.InvocationRequest;
import dev.serverlessspring.lambda.runtime.RuntimeContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.crac.Resource;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.AlternativeJdkIdGenerator;

/**
 * Primes a function before Lambda takes its SnapStart snapshot and refreshes, after each
 * restore, what the copies of the snapshot must not share.
 * <p>
 * Before the checkpoint it invokes the function on a synthetic event (or a sample the
 * application supplies), a thousand times by default, so that the classes, caches and
 * JIT-compiled code of an invocation are in the snapshot and the first invocation after a
 * restore costs what later ones do (one invocation loads the classes, but leaves the path
 * to the interpreter: a first invocation then takes several times a warm one). When the
 * runtime interface client serves the function through a handler, the priming invocations
 * take the path a real one takes: the handler's {@code handleRequest} called
 * reflectively, as the client calls it (on JDK 18 and later the first reflective call of
 * a method spins method-handle classes, 15–20 ms on one CPU, and the accessor it makes is
 * shared with the client's copy of the {@code Method}), with streams and a context, so
 * that reading the event and writing the response are primed too; the classes the client
 * loads for an invocation are loaded as well. Nothing is sent to the Runtime API. The
 * priming invocations' context has the request id {@value #PRIMING_REQUEST_ID}, so a
 * function with side effects can recognise them.
 * <p>
 * It never fails or hangs the checkpoint or the restore (Spring Cloud Function issue
 * #1450): the priming runs on the checkpoint's own thread (a thread of its own would
 * deadlock when the function registers a CRaC resource, as AWS SDK clients and Spring do,
 * since the runtime holds its context's lock while it calls the hooks), it is interrupted
 * after its time limit, and every error is logged, not thrown. After the restore it only
 * swaps in fresh values (Spring's message id generator, seeded once per JVM, would
 * otherwise give every copy the same ids) and publishes a {@link SnapStartRestoredEvent}
 * for the application's own state (cached credentials, connections).
 */
public class SnapStartPriming implements Resource {

	/** The request id of the priming invocation's context. */
	public static final String PRIMING_REQUEST_ID = "snapstart-priming";

	/**
	 * Whether an invocation is the priming one, which no caller made: it is neither a
	 * cold start nor an invocation to count in metrics.
	 * @param context the invocation's context
	 * @return {@code true} for the priming invocation
	 */
	public static boolean isPrimingInvocation(Context context) {
		return context != null && PRIMING_REQUEST_ID.equals(context.getAwsRequestId());
	}

	private static final Log logger = LogFactory.getLog(SnapStartPriming.class);

	// How many primings run now: AWS SDK requests made meanwhile are prepared but not
	// sent.
	private static final AtomicInteger priming = new AtomicInteger();

	/**
	 * Whether a priming runs now: the AWS SDK's clients then prepare each request but do
	 * not send it ({@code dev.serverlessspring.lambda.aws.PrimingRequestInterceptor}).
	 * @return {@code true} during {@link #prime()}
	 */
	public static boolean isPriming() {
		return priming.get() > 0;
	}

	/**
	 * Classes of the runtime interface client that its first invocation loads, on the
	 * system class loader (as on Lambda); absent elsewhere.
	 */
	private static final List<String> RUNTIME_INVOCATION_CLASSES = List.of(
			"com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext",
			"com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal");

	private final Supplier<EventDispatcher> dispatcher;

	private final Supplier<RequestStreamHandler> handler;

	private final byte @Nullable [] event;

	private final int invocations;

	private final Duration timeout;

	private final ApplicationEventPublisher events;

	private final AtomicBoolean primed = new AtomicBoolean();

	/**
	 * Create the priming hooks.
	 * @param dispatcher the function's dispatcher, resolved when the checkpoint comes
	 * @param handler the handler the runtime calls the function through, resolved when
	 * the checkpoint comes; it may supply {@code null} (a custom runtime, a test): the
	 * dispatcher is then invoked directly
	 * @param event the priming event, or {@code null} for a synthetic one built from the
	 * function's input type
	 * @param invocations how many times to invoke the function before the checkpoint, 0
	 * for none; the JIT compiler compiles a method after a few hundred calls
	 * @param timeout how long the priming may take
	 * @param events where {@link SnapStartRestoredEvent} is published
	 */
	public SnapStartPriming(Supplier<EventDispatcher> dispatcher, Supplier<@Nullable RequestStreamHandler> handler,
			byte @Nullable [] event, int invocations, Duration timeout, ApplicationEventPublisher events) {
		this.dispatcher = dispatcher;
		this.handler = handler;
		this.event = event;
		this.invocations = invocations;
		this.timeout = timeout;
		this.events = events;
	}

	@Override
	public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
		// Lambda may run the hooks through org.crac and the runtime's own API: prime
		// once.
		if (this.invocations > 0 && this.primed.compareAndSet(false, true)) {
			prime();
		}
	}

	@Override
	public void afterRestore(org.crac.Context<? extends Resource> context) {
		this.primed.set(false);
		try {
			refreshMessageIds();
			this.events.publishEvent(new SnapStartRestoredEvent(this));
		}
		catch (Throwable ex) {
			// A failing hook fails the restore: log, and let the function serve.
			logger.warn("SnapStart: failed to refresh state after the restore", ex);
		}
	}

	/**
	 * Invoke the function on the priming event, as many times as configured and at least
	 * once (fewer if half the time limit has passed); errors are logged, never thrown,
	 * and end the priming.
	 * @return whether the function answered without an error
	 */
	public boolean prime() {
		long start = System.nanoTime();
		Thread primingThread = Thread.currentThread();
		Thread watchdog = new Thread(() -> {
			try {
				Thread.sleep(this.timeout.toMillis());
				logger.warn("SnapStart: priming took longer than " + this.timeout + "; interrupting it");
				primingThread.interrupt();
			}
			catch (InterruptedException ex) {
				// priming finished in time
			}
		}, "snapstart-priming-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		priming.incrementAndGet();
		try {
			EventDispatcher dispatcher = this.dispatcher.get();
			byte[] payload = (this.event != null) ? this.event
					: PrimingEvents.forInputType(dispatcher.function().inputType());
			InvocationRequest priming = new InvocationRequest(PRIMING_REQUEST_ID,
					System.currentTimeMillis() + this.timeout.toMillis(), null, null, null, null, null, payload);
			Context context = new RuntimeContext(priming, System.getenv());
			RequestStreamHandler handler = this.handler.get();
			Method handleRequest = null;
			if (handler != null) {
				loadRuntimeInvocationClasses();
				handleRequest = handler.getClass()
					.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
			}
			int invoked = 0;
			long deadline = start + this.timeout.toNanos() / 2;
			do {
				if (handler != null && handleRequest != null) {
					invokeAsTheRuntimeDoes(handler, handleRequest, payload, context);
				}
				else {
					dispatcher.dispatch(payload, context);
				}
				invoked++;
			}
			while (invoked < this.invocations && System.nanoTime() < deadline
					&& !Thread.currentThread().isInterrupted());
			logger.info("SnapStart: primed " + dispatcher.function().definition() + " with " + invoked
					+ ((invoked == 1) ? " invocation" : " invocations")
					+ ((handler != null) ? " through " + handler.getClass().getSimpleName() : "") + " in "
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
			return true;
		}
		catch (RequestNotSentException ex) {
			logger.info("SnapStart: primed up to a request to AWS, which was prepared but not sent; the classes and "
					+ "AWS SDK clients it used are primed");
			return false;
		}
		catch (Throwable ex) {
			// A synthetic event may well be rejected: the classes it loaded are primed
			// all the same.
			logger.info("SnapStart: the priming invocation ended with " + ex.getClass().getName()
					+ " (expected for a synthetic event the function rejects); classes it used are primed");
			return false;
		}
		finally {
			priming.decrementAndGet();
			watchdog.interrupt();
			// An interrupt that arrived just as priming finished must not reach the
			// runtime.
			Thread.interrupted();
		}
	}

	/**
	 * Call the handler as the runtime interface client calls a handler named
	 * {@code Class::method}: through {@link Method#invoke} of the handler class's public
	 * {@code handleRequest} method, looked up once per priming. The method accessor that
	 * the first call creates is shared by every copy of the {@code Method}, the client's
	 * included, so its first invocation after the restore finds it.
	 * @param handler the handler to call
	 * @param handleRequest its {@code handleRequest} method
	 * @param payload the priming event
	 * @param context the priming invocation's context
	 */
	private static void invokeAsTheRuntimeDoes(RequestStreamHandler handler, Method handleRequest, byte[] payload,
			Context context) throws Throwable {
		try {
			handleRequest.invoke(handler, new ByteArrayInputStream(payload), new ByteArrayOutputStream(1024), context);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static void loadRuntimeInvocationClasses() {
		for (String name : RUNTIME_INVOCATION_CLASSES) {
			try {
				Class.forName(name, true, ClassLoader.getSystemClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// Not under the runtime interface client, or another version of it.
			}
		}
	}

	private static void refreshMessageIds() throws ReflectiveOperationException {
		// MessageHeaders keeps a static id generator whose Random is seeded once per JVM.
		Field generator = MessageHeaders.class.getDeclaredField("idGenerator");
		generator.setAccessible(true);
		if (generator.get(null) == null || generator.get(null) instanceof AlternativeJdkIdGenerator) {
			generator.set(null, new AlternativeJdkIdGenerator());
		}
	}

}
