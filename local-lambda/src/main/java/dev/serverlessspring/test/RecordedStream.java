package dev.serverlessspring.test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ResponseStreamConsumer} for tests: it keeps what a function streams, when each
 * piece arrived, and lets a test wait for a piece while the function is still producing.
 * <pre class="code">
 * RecordedStream stream = new RecordedStream();
 * InvocationResult result = function.invoke(request, stream);
 * assertThat(stream.text()).isEqualTo("tick 1\ntick 2\n");
 * </pre>
 */
public final class RecordedStream implements ResponseStreamConsumer {

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private final List<Long> arrivals = new ArrayList<>();

	private volatile @Nullable String contentType;

	@Override
	public OutputStream open(String contentType) {
		this.contentType = contentType;
		return new OutputStream() {

			@Override
			public void write(int b) {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				record(bytes, offset, length);
			}

		};
	}

	private synchronized void record(byte[] bytes, int offset, int length) {
		this.arrivals.add(System.nanoTime());
		this.received.write(bytes, offset, length);
		notifyAll();
	}

	/**
	 * Return the stream's content type.
	 * @return the content type, or {@code null} when nothing streamed
	 */
	public @Nullable String contentType() {
		return this.contentType;
	}

	/**
	 * Return the bytes received so far.
	 * @return the bytes
	 */
	public synchronized byte[] bytes() {
		return this.received.toByteArray();
	}

	/**
	 * Return the text received so far, as UTF-8.
	 * @return the text
	 */
	public synchronized String text() {
		return this.received.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Return when each piece arrived ({@link System#nanoTime()}), in order.
	 * @return the arrival times
	 */
	public synchronized List<Long> arrivals() {
		return List.copyOf(this.arrivals);
	}

	/**
	 * Wait until the text received is the given one.
	 * @param text the text expected
	 * @param timeout how long to wait at most
	 * @return whether it arrived in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public synchronized boolean awaitText(String text, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!text().equals(text)) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

}
