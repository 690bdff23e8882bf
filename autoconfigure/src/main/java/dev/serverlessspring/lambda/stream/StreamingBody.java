package dev.serverlessspring.lambda.stream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body a function writes as it goes, for responses that are produced piece by
 * piece (a large export, a report): return one from a function, or as the body of an
 * {@code HttpResponse}, and each {@link OutputStream#flush() flush} sends what was
 * written. <pre class="code">
 * &#64;Bean
 * Function&lt;String, StreamingBody&gt; report(Orders orders) {
 *     return (month) -&gt; (out) -&gt; {
 *         for (Order order : orders.of(month)) {
 *             out.write(order.csvLine());
 *             out.flush();
 *         }
 *     };
 * }
 * </pre> On the custom runtime the bytes stream to the caller (Lambda response
 * streaming); on the managed Java runtimes, which cannot stream, they are buffered into
 * one response of at most 6 MB.
 */
@FunctionalInterface
public interface StreamingBody {

	/**
	 * Write the body.
	 * @param out where to write; a write fails with an {@link IOException} once the
	 * caller has gone
	 * @throws IOException when writing fails
	 */
	void writeTo(OutputStream out) throws IOException;

}
