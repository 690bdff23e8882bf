package dev.serverlessspring.lambda.snapstart;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.runtime.InvocationRequest;
import dev.serverlessspring.lambda.runtime.RuntimeContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.crac.Resource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.AlternativeJdkIdGenerator;

/**
 * Primes a function before Lambda takes its SnapStart snapshot and refreshes, after each
 * restore, what the copies of the snapshot must not share.
 * <p>
 * Before the checkpoint it invokes the function once, through the {@link EventDispatcher},
 * on a synthetic event (or a sample the application supplies), so that the classes, caches
 * and JIT work of an invocation are in the snapshot and the first invocation after a restore
 * costs what later ones do. The priming invocation's context has the request id
 * {@value #PRIMING_REQUEST_ID}, so a function with side effects can recognise it.
 * <p>
 * It never fails or hangs the checkpoint or the restore (Spring Cloud Function issue #1450):
 * the priming runs on the checkpoint's own thread (a thread of its own would deadlock when the
 * function registers a CRaC resource, as AWS SDK clients and Spring do, since the runtime
 * holds its context's lock while it calls the hooks), it is interrupted after its time limit,
 * and every error is logged, not thrown. After the restore it only swaps in fresh values
 * (Spring's message id generator, seeded once per JVM, would otherwise give every copy the
 * same ids) and publishes a {@link SnapStartRestoredEvent} for the application's own state
 * (cached credentials, connections).
 */
public class SnapStartPriming implements Resource {

	/** The request id of the priming invocation's context. */
	public static final String PRIMING_REQUEST_ID = "snapstart-priming";

	/**
	 * Whether an invocation is the priming one, which no caller made: it is neither a cold
	 * start nor an invocation to count in metrics.
	 * @param context the invocation's context
	 * @return {@code true} for the priming invocation
	 */
	public static boolean isPrimingInvocation(Context context) {
		return context != null && PRIMING_REQUEST_ID.equals(context.getAwsRequestId());
	}

	private static final Log logger = LogFactory.getLog(SnapStartPriming.class);

	private final Supplier<EventDispatcher> dispatcher;

	private final byte[] event;

	private final Duration timeout;

	private final ApplicationEventPublisher events;

	private final boolean invokeFunction;

	private final AtomicBoolean primed = new AtomicBoolean();

	/**
	 * Create the priming hooks.
	 * @param dispatcher the function's dispatcher, resolved when the checkpoint comes
	 * @param event the priming event, or {@code null} for a synthetic one built from the
	 * function's input type
	 * @param timeout how long the priming invocation may take
	 * @param events where {@link SnapStartRestoredEvent} is published
	 * @param invokeFunction whether to invoke the function before the checkpoint
	 */
	public SnapStartPriming(Supplier<EventDispatcher> dispatcher, byte[] event, Duration timeout,
			ApplicationEventPublisher events, boolean invokeFunction) {
		this.dispatcher = dispatcher;
		this.event = event;
		this.timeout = timeout;
		this.events = events;
		this.invokeFunction = invokeFunction;
	}

	@Override
	public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
		// Lambda may run the hooks through org.crac and the runtime's own API: prime once.
		if (this.invokeFunction && this.primed.compareAndSet(false, true)) {
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
			logger.warn("SnapStart: refreshing state after the restore failed", ex);
		}
	}

	/**
	 * Invoke the function once on the priming event; errors are logged, never thrown.
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
		try {
			EventDispatcher dispatcher = this.dispatcher.get();
			byte[] payload = (this.event != null) ? this.event
					: PrimingEvents.forInputType(dispatcher.function().inputType());
			InvocationRequest priming = new InvocationRequest(PRIMING_REQUEST_ID,
					System.currentTimeMillis() + this.timeout.toMillis(), null, null, null, null, null, payload);
			dispatcher.dispatch(payload, new RuntimeContext(priming, System.getenv()));
			logger.info("SnapStart: primed " + dispatcher.function().definition() + " in "
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
			return true;
		}
		catch (Throwable ex) {
			// A synthetic event may well be rejected: the classes it loaded are primed all the same.
			logger.info("SnapStart: the priming invocation ended with " + ex.getClass().getName()
					+ " (expected for a synthetic event the function rejects); classes it used are primed");
			return false;
		}
		finally {
			watchdog.interrupt();
			// An interrupt that arrived just as priming finished must not reach the runtime.
			Thread.interrupted();
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
