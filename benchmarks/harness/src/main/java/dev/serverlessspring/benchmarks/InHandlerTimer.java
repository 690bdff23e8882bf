package dev.serverlessspring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Times a handler from inside the measured process: the runtime interface client calls
 * this handler, which calls the measured one and records how long its
 * {@code handleRequest} took, without the runtime's own work (receiving the event,
 * building the context, posting the answer) or the Runtime API's. After
 * {@code IN_HANDLER_TIMER_INVOCATIONS} invocations it writes the durations, in
 * nanoseconds, one per line, to {@code IN_HANDLER_TIMER_FILE}.
 * <p>
 * Copied by the harness into the unpacked package, so that the runtime loads it with the
 * function's classes; it needs nothing but {@code aws-lambda-java-core}.
 */
public class InHandlerTimer implements RequestStreamHandler {

	static final String DELEGATE = "IN_HANDLER_TIMER_DELEGATE";

	static final String FILE = "IN_HANDLER_TIMER_FILE";

	static final String INVOCATIONS = "IN_HANDLER_TIMER_INVOCATIONS";

	private final RequestStreamHandler delegate;

	private final long[] durations;

	private int count;

	public InHandlerTimer() throws ReflectiveOperationException {
		this.delegate = (RequestStreamHandler) Class.forName(System.getenv(DELEGATE), true, getClass().getClassLoader())
			.getConstructor()
			.newInstance();
		this.durations = new long[Integer.parseInt(System.getenv(INVOCATIONS))];
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		long start = System.nanoTime();
		this.delegate.handleRequest(input, output, context);
		long duration = System.nanoTime() - start;
		if (this.count < this.durations.length) {
			this.durations[this.count++] = duration;
			if (this.count == this.durations.length) {
				write();
			}
		}
	}

	private void write() {
		StringBuilder lines = new StringBuilder();
		for (long duration : this.durations) {
			lines.append(duration).append('\n');
		}
		try {
			Files.writeString(Path.of(System.getenv(FILE)), lines, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
