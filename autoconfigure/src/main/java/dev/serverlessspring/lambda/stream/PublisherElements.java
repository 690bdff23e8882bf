package dev.serverlessspring.lambda.stream;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A blocking view of a {@link Publisher}: it asks for one element at a time, the first as
 * it subscribes, each next one once the previous one has been written. So at most one
 * element is in memory, a slow caller slows the publisher down (backpressure from the
 * caller's socket back to the source), and no element is produced ahead of the writing of
 * the one before: a source that produces on the calling thread (such as
 * {@code Flux.range(...).map(...)}) would otherwise produce several elements before the
 * first leaves. Plain Reactive Streams, no Reactor, no reflection.
 */
final class PublisherElements extends ElementStream implements Subscriber<Object> {

	private static final Object COMPLETE = new Object();

	// One element and a terminal signal at most: the publisher may send no more than
	// asked for.
	private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

	private volatile @Nullable Subscription subscription;

	private volatile boolean cancelled;

	private boolean firstTaken;

	private boolean done;

	@SuppressWarnings("unchecked")
	PublisherElements(Publisher<?> publisher) {
		((Publisher<Object>) publisher).subscribe(this);
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		if (this.cancelled) {
			subscription.cancel();
		}
		else {
			// Asked at once: a source that emits on a clock (Flux.interval) finds demand
			// for its first tick.
			subscription.request(1);
		}
	}

	@Override
	public void onNext(Object element) {
		this.signals.add(element);
	}

	@Override
	public void onError(Throwable error) {
		this.signals.add(new Failure(error));
	}

	@Override
	public void onComplete() {
		this.signals.add(COMPLETE);
	}

	@Override
	@Nullable Object next() {
		if (this.done) {
			return null;
		}
		if (this.firstTaken) {
			// Reactive Streams: onSubscribe comes before any element, and the first was
			// taken.
			Objects.requireNonNull(this.subscription, "onSubscribe precedes onNext").request(1);
		}
		this.firstTaken = true;
		Object signal;
		try {
			signal = this.signals.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new IllegalStateException("Interrupted while waiting for the next element of the stream", ex);
		}
		if (signal == COMPLETE) {
			this.done = true;
			return null;
		}
		if (signal instanceof Failure failure) {
			this.done = true;
			Throwable error = failure.error();
			if (error instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (error instanceof Error fatal) {
				throw fatal;
			}
			throw new IllegalStateException(error.getMessage(), error);
		}
		return signal;
	}

	@Override
	public void close() {
		if (!this.done) {
			this.done = true;
			this.cancelled = true;
			Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}
	}

	private record Failure(Throwable error) {
	}

}
