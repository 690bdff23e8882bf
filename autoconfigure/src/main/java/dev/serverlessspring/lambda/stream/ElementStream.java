package dev.serverlessspring.lambda.stream;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * The elements of a streaming result ({@code Publisher} or
 * {@code java.util.stream.Stream}), taken one at a time on the caller's thread: the next
 * element is only asked for once the previous one has been written, so a slow caller
 * slows the function down instead of filling memory.
 */
abstract class ElementStream implements AutoCloseable {

	/**
	 * Return the next element, waiting for it.
	 * @return the element, or {@code null} at the end
	 * @throws RuntimeException what the source failed with
	 */
	abstract @Nullable Object next();

	/**
	 * Stop early: cancel the subscription, close the stream.
	 */
	@Override
	public abstract void close();

	static ElementStream of(Object source) {
		if (source instanceof Publisher<?> publisher) {
			return new PublisherElements(publisher);
		}
		if (source instanceof Stream<?> stream) {
			return new IteratorElements(stream);
		}
		throw new IllegalArgumentException("Not a stream of elements: " + source.getClass().getName());
	}

	/**
	 * A stream whose first element was already taken, to look at it before anything is
	 * sent.
	 * @param first the element already taken
	 * @param rest the stream it was taken from
	 * @return a stream of the first element, then the rest
	 */
	static ElementStream withFirst(Object first, ElementStream rest) {
		return new ElementStream() {

			private boolean firstTaken;

			@Override
			@Nullable Object next() {
				if (!this.firstTaken) {
					this.firstTaken = true;
					return first;
				}
				return rest.next();
			}

			@Override
			public void close() {
				rest.close();
			}

		};
	}

	private static final class IteratorElements extends ElementStream {

		private final Stream<?> stream;

		private final Iterator<?> iterator;

		IteratorElements(Stream<?> stream) {
			this.stream = stream;
			this.iterator = stream.iterator();
		}

		@Override
		@Nullable Object next() {
			try {
				while (this.iterator.hasNext()) {
					Object element = this.iterator.next();
					if (element != null) {
						return element;
					}
				}
				return null;
			}
			catch (NoSuchElementException ex) {
				return null;
			}
		}

		@Override
		public void close() {
			this.stream.close();
		}

	}

}
