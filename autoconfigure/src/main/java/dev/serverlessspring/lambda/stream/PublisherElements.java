package dev.serverlessspring.lambda.stream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A blocking view of a {@link Publisher}: it requests one element, waits for it, and requests
 * the next only when asked, so that at most one element is in flight (backpressure from the
 * caller's socket back to the publisher). Plain Reactive Streams, no Reactor, no reflection.
 */
final class PublisherElements extends ElementStream implements Subscriber<Object> {

	private static final Object COMPLETE = new Object();

	// One element, or the completion or error signal after it: never more than two at once.
	private final BlockingQueue<Object> signals = new ArrayBlockingQueue<>(2);

	private final CountDownLatch subscribed = new CountDownLatch(1);

	private volatile Subscription subscription;

	private boolean done;

	@SuppressWarnings("unchecked")
	PublisherElements(Publisher<?> publisher) {
		((Publisher<Object>) publisher).subscribe(this);
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		this.subscribed.countDown();
	}

	@Override
	public void onNext(Object element) {
		this.signals.offer(element);
	}

	@Override
	public void onError(Throwable error) {
		this.signals.offer(new Failure(error));
	}

	@Override
	public void onComplete() {
		this.signals.offer(COMPLETE);
	}

	@Override
	Object next() {
		if (this.done) {
			return null;
		}
		Object signal;
		try {
			// A publisher may subscribe on another thread (subscribeOn).
			this.subscribed.await();
			this.subscription.request(1);
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
			Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}
	}

	private record Failure(Throwable error) {
	}

}
