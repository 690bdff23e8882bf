package dev.serverlessspring.test.config;

import java.time.Duration;

/**
 * An {@code sqs} event of a function in {@code serverless.yml}: the event source mapping
 * that Lambda's poller serves.
 *
 * @param function the function's key in {@code functions}
 * @param queueArn the queue's ARN, resolved to the local one for the file's own queues
 * @param batchSize at most this many records per invocation ({@code batchSize}, default
 * 10)
 * @param batchingWindow how long to gather records before invoking
 * ({@code maximumBatchingWindow}, default none)
 * @param reportBatchItemFailures whether the function answers with the records that
 * failed ({@code functionResponseType: ReportBatchItemFailures})
 * @param enabled whether the mapping polls ({@code enabled}, default {@code true})
 */
public record SqsEventSource(String function, String queueArn, int batchSize, Duration batchingWindow,
		boolean reportBatchItemFailures, boolean enabled) {

	/**
	 * Return the queue's name, the last part of its ARN.
	 * @return the name
	 */
	public String queueName() {
		return this.queueArn.substring(this.queueArn.lastIndexOf(':') + 1);
	}

}
