package dev.serverlessspring.lambda.batch;

import java.util.Map;

import dev.serverlessspring.lambda.invoke.LambdaFunction;
import org.jspecify.annotations.Nullable;

/**
 * One record of an event, as an adapter hands it to the {@link RecordProcessor}: the
 * identifier its failure is reported by, the headers describing it, and how to read its
 * content as the function's input.
 *
 * @param id the identifier Lambda knows the record by (message id, sequence number, ...),
 * or {@code null} when the record has none
 * @param headers the {@link BatchHeaders} of the record
 * @param input reads the record's content as the function's input
 */
public record BatchRecord(@Nullable String id, Map<String, Object> headers, Input input) {

	/**
	 * Reads a record's content as a function's input; called once, when the record's turn
	 * comes, so that a record that cannot be read fails alone.
	 */
	@FunctionalInterface
	public interface Input {

		/**
		 * Read the content as the function's input.
		 * @param function the function the record is for
		 * @return the input value
		 * @throws dev.serverlessspring.lambda.invoke.InvalidEventException when the
		 * content does not fit the function's input type
		 */
		@Nullable Object read(LambdaFunction function);

	}

}
