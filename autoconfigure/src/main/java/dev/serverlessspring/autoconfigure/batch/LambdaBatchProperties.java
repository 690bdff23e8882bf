package dev.serverlessspring.autoconfigure.batch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of record-by-record processing of SQS, SNS, S3, Kinesis, DynamoDB Streams and
 * EventBridge events.
 */
@ConfigurationProperties(LambdaBatchProperties.PREFIX)
public class LambdaBatchProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.batch";

	/**
	 * Whether to call functions once per record of SQS, SNS, S3, Kinesis, DynamoDB
	 * Streams and EventBridge events. When off, such events are read whole into the
	 * function's input type.
	 */
	private boolean enabled = true;

	/**
	 * Whether the SQS, Kinesis and DynamoDB Streams event source mappings report batch
	 * item failures ('functionResponseType: ReportBatchItemFailures'). When off, a failed
	 * record fails the whole invocation instead, since Lambda would ignore the partial
	 * failure response and delete the failed records with the batch.
	 */
	private boolean reportItemFailures = true;

	/**
	 * Stop starting records (after the first) when less than this is left before the
	 * function's timeout, and treat the unprocessed ones as failed (reported, or failing
	 * the invocation for SNS, S3 and EventBridge), so that a timeout does not make Lambda
	 * redeliver the records already processed. Zero processes every record whatever time
	 * is left.
	 */
	private Duration timeoutReserve = Duration.ZERO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTimeoutReserve() {
		return this.timeoutReserve;
	}

	public void setTimeoutReserve(Duration timeoutReserve) {
		this.timeoutReserve = timeoutReserve;
	}

	public boolean isReportItemFailures() {
		return this.reportItemFailures;
	}

	public void setReportItemFailures(boolean reportItemFailures) {
		this.reportItemFailures = reportItemFailures;
	}

}
