package dev.serverlessspring.lambda.batch;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.invoke.InvalidEventException;
import dev.serverlessspring.lambda.invoke.LambdaFunction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls a function once per record, in order, and decides from the event source's
 * {@link FailureMode} what a failed record means for the rest of the batch.
 * <p>
 * A record fails when its content cannot be read as the function's input or when the
 * function throws. Failures are logged with the record's id and source, never its
 * content; the reason of a read failure (which may quote the content) only at debug
 * level.
 */
public class RecordProcessor {

	private static final Log logger = LogFactory.getLog(RecordProcessor.class);

	private final boolean reportItemFailures;

	private final Duration timeoutReserve;

	/**
	 * Create a processor that processes every record whatever time is left.
	 * @param reportItemFailures whether the event source mappings report batch item
	 * failures ({@code functionResponseType: ReportBatchItemFailures}); when not, any
	 * failure fails the invocation, since Lambda would otherwise delete the failed
	 * records with the batch
	 */
	public RecordProcessor(boolean reportItemFailures) {
		this(reportItemFailures, Duration.ZERO);
	}

	/**
	 * Create a processor.
	 * @param reportItemFailures whether the event source mappings report batch item
	 * failures ({@code functionResponseType: ReportBatchItemFailures}); when not, any
	 * failure fails the invocation, since Lambda would otherwise delete the failed
	 * records with the batch
	 * @param timeoutReserve stop starting records (after the first) when less than this
	 * is left before the function's timeout, and treat the unprocessed ones as failed, so
	 * that a timeout does not make Lambda redeliver the records already processed; zero
	 * to process every record
	 */
	public RecordProcessor(boolean reportItemFailures, Duration timeoutReserve) {
		this.reportItemFailures = reportItemFailures;
		this.timeoutReserve = timeoutReserve;
	}

	/**
	 * Whether failed records are reported as batch item failures rather than failing the
	 * invocation.
	 * @return {@code true} when item failures are reported
	 */
	public boolean reportsItemFailures() {
		return this.reportItemFailures;
	}

	/**
	 * Return how much time must be left before the function's timeout to start a record.
	 * @return the reserve, zero when every record is processed whatever time is left
	 */
	public Duration timeoutReserve() {
		return this.timeoutReserve;
	}

	/**
	 * Call the function for the records.
	 * @param records the records, in the order the source delivered them
	 * @param mode what a failure means for the batch
	 * @param function the function
	 * @param context the invocation's context
	 * @return the identifiers to report as batch item failures, and the last result
	 * @throws RuntimeException the failure itself in {@link FailureMode#INVOCATION_ERROR}
	 * mode (or when item failures are not reported), so that Lambda retries the event
	 */
	public BatchResult process(List<BatchRecord> records, FailureMode mode, LambdaFunction function, Context context) {
		FailureMode effective = (this.reportItemFailures) ? mode : FailureMode.INVOCATION_ERROR;
		List<String> failed = new ArrayList<>();
		Object result = null;
		for (int i = 0; i < records.size(); i++) {
			BatchRecord record = records.get(i);
			// The first record always runs, so that a reserve as long as the timeout
			// cannot stall the source.
			if (i > 0 && outOfTime(context)) {
				failed.addAll(unprocessed(records.subList(i, records.size()), effective, context));
				break;
			}
			try {
				result = function.invoke(record.input().read(function), context, record.headers());
			}
			catch (Exception ex) {
				// Exception, not RuntimeException: a function may throw checked
				// exceptions undeclared; precise rethrow keeps them as they are.
				if (effective != FailureMode.INVOCATION_ERROR && !hasId(record)) {
					throw unreportable(record, ex);
				}
				log(record, function, ex, effective);
				if (effective == FailureMode.INVOCATION_ERROR) {
					throw ex;
				}
				failed.add(record.id());
				if (effective == FailureMode.FIRST_FAILED_AND_REMAINING_ITEMS) {
					List<BatchRecord> remaining = records.subList(i + 1, records.size());
					if (!remaining.stream().allMatch(RecordProcessor::hasId)) {
						throw unreportable(record, ex);
					}
					remaining.forEach((later) -> failed.add(later.id()));
					logger.warn("Stopped at record " + record.id() + " to keep the queue's order; its "
							+ remaining.size() + " later records are reported as failed, unprocessed");
				}
				if (effective != FailureMode.EACH_FAILED_ITEM) {
					break;
				}
			}
		}
		return new BatchResult(List.copyOf(failed), result);
	}

	private boolean outOfTime(Context context) {
		return !this.timeoutReserve.isZero() && context != null
				&& context.getRemainingTimeInMillis() < this.timeoutReserve.toMillis();
	}

	private static List<String> unprocessed(List<BatchRecord> remaining, FailureMode mode, Context context) {
		String stop = "Stopped with " + remaining.size() + " records unprocessed, " + context.getRemainingTimeInMillis()
				+ " ms before the function's timeout";
		if (mode == FailureMode.INVOCATION_ERROR) {
			throw new RecordProcessingException(stop + "; failing the invocation so that Lambda retries the event",
					null);
		}
		// A stream redelivers from the first reported record; a queue redelivers exactly
		// those reported.
		List<BatchRecord> reported = (mode == FailureMode.FIRST_FAILED_ITEM) ? remaining.subList(0, 1) : remaining;
		for (BatchRecord record : reported) {
			if (!hasId(record)) {
				throw unreportable(record, null);
			}
		}
		logger.warn(stop + "; reporting them as failed, so that Lambda delivers them again");
		return reported.stream().map(BatchRecord::id).toList();
	}

	private static boolean hasId(BatchRecord record) {
		return record.id() != null && !record.id().isEmpty();
	}

	private static RecordProcessingException unreportable(BatchRecord record, @Nullable Throwable failure) {
		// Lambda takes an empty identifier as a failure of the whole batch; say so
		// plainly.
		return new RecordProcessingException("A record from " + record.headers().get(BatchHeaders.EVENT_SOURCE)
				+ " that must be reported as failed has no identifier; failing the whole batch so that nothing is lost",
				failure);
	}

	private static void log(BatchRecord record, LambdaFunction function, Exception ex, FailureMode mode) {
		String outcome = (mode == FailureMode.INVOCATION_ERROR)
				? "failing the invocation so that Lambda retries the event" : "reporting it as a batch item failure";
		String prefix = "Record " + record.id() + " from " + record.headers().get(BatchHeaders.EVENT_SOURCE);
		if (ex instanceof InvalidEventException) {
			Type type = function.inputType();
			logger.warn(prefix + " cannot be read as " + ((type != null) ? type.getTypeName() : "its input") + "; "
					+ outcome);
			if (logger.isDebugEnabled()) {
				logger.debug(prefix + " read failure", ex);
			}
		}
		else {
			logger.warn(prefix + " failed in function '" + function.definition() + "'; " + outcome, ex);
		}
	}

	/**
	 * What a failed record means for the rest of its batch; each event source has its
	 * own.
	 */
	public enum FailureMode {

		/**
		 * Go on with the next record and report every failed one (SQS standard queues:
		 * Lambda returns exactly the reported messages to the queue).
		 */
		EACH_FAILED_ITEM,

		/**
		 * Stop, and report the failed record and every later one (SQS FIFO queues: a
		 * later message of the group must not overtake the failed one).
		 */
		FIRST_FAILED_AND_REMAINING_ITEMS,

		/**
		 * Stop, and report the failed record only (Kinesis and DynamoDB Streams: Lambda
		 * checkpoints before the reported sequence number and redelivers from there, so
		 * processing later records would only process them twice).
		 */
		FIRST_FAILED_ITEM,

		/**
		 * Stop, and fail the invocation (SNS, S3 and EventBridge, which invoke
		 * asynchronously and have no partial failure response: Lambda retries the whole
		 * event, then sends it to the function's on-failure destination or dead-letter
		 * queue).
		 */
		INVOCATION_ERROR

	}

	/**
	 * The outcome of a batch.
	 *
	 * @param failedIds the identifiers to report as batch item failures, in record order
	 * @param lastResult the function's result for the last record it processed, or
	 * {@code null}
	 */
	public record BatchResult(List<String> failedIds, @Nullable Object lastResult) {
	}

}
