package dev.serverlessspring.lambda.batch;

/**
 * Names of the {@code Message} headers through which a function that takes a
 * {@code Message} sees the record it is called for. Every record carries
 * {@link #EVENT_SOURCE} and {@link #RECORD_ID}; the others depend on the source, as
 * listed. Header values are never logged.
 */
public final class BatchHeaders {

	/**
	 * Where the record came from: {@code aws:sqs}, {@code aws:sns}, {@code aws:s3},
	 * {@code aws:kinesis}, {@code aws:dynamodb}, or an EventBridge {@code source} such as
	 * {@code aws.events}; a {@code String}.
	 */
	public static final String EVENT_SOURCE = "aws-event-source";

	/**
	 * The queue, stream or table stream ARN (SQS, Kinesis, DynamoDB), the subscription
	 * ARN (SNS) or the bucket ARN (S3); a {@code String}.
	 */
	public static final String EVENT_SOURCE_ARN = "aws-event-source-arn";

	/** The region the record comes from; a {@code String}. */
	public static final String AWS_REGION = "aws-region";

	/**
	 * The identifier by which a failure of this record is reported or logged: the SQS or
	 * SNS message id, the Kinesis or DynamoDB sequence number, {@code s3://bucket/key},
	 * or the EventBridge event id; a {@code String}.
	 */
	public static final String RECORD_ID = "aws-record-id";

	/** SQS: the message id; a {@code String}. */
	public static final String SQS_MESSAGE_ID = "aws-sqs-message-id";

	/** SQS: the receipt handle; a {@code String}. */
	public static final String SQS_RECEIPT_HANDLE = "aws-sqs-receipt-handle";

	/**
	 * SQS: the system attributes ({@code ApproximateReceiveCount}, {@code SentTimestamp},
	 * {@code AWSTraceHeader}, ...); a {@code Map<String, String>}.
	 */
	public static final String SQS_ATTRIBUTES = "aws-sqs-attributes";

	/**
	 * SQS: the message attributes, by name; a {@code Map<String, String>} of their string
	 * values (binary values in base64).
	 */
	public static final String SQS_MESSAGE_ATTRIBUTES = "aws-sqs-message-attributes";

	/** SQS FIFO: the message group id; a {@code String}, absent for standard queues. */
	public static final String SQS_MESSAGE_GROUP_ID = "aws-sqs-message-group-id";

	/** SNS: the message id; a {@code String}. */
	public static final String SNS_MESSAGE_ID = "aws-sns-message-id";

	/** SNS: the topic ARN; a {@code String}. */
	public static final String SNS_TOPIC_ARN = "aws-sns-topic-arn";

	/** SNS: the subject, when the publisher gave one; a {@code String}. */
	public static final String SNS_SUBJECT = "aws-sns-subject";

	/** SNS: when the message was published; a {@code String} in ISO-8601. */
	public static final String SNS_TIMESTAMP = "aws-sns-timestamp";

	/**
	 * SNS: the message attributes, by name; a {@code Map<String, String>} of their
	 * values.
	 */
	public static final String SNS_MESSAGE_ATTRIBUTES = "aws-sns-message-attributes";

	/**
	 * S3 and DynamoDB: the event name, such as {@code ObjectCreated:Put} or
	 * {@code MODIFY}; a {@code String}.
	 */
	public static final String EVENT_NAME = "aws-event-name";

	/** S3: when the event happened; a {@code String} in ISO-8601. */
	public static final String EVENT_TIME = "aws-event-time";

	/** Kinesis and DynamoDB: the record's event id; a {@code String}. */
	public static final String EVENT_ID = "aws-event-id";

	/** Kinesis and DynamoDB: the record's sequence number; a {@code String}. */
	public static final String SEQUENCE_NUMBER = "aws-sequence-number";

	/** Kinesis: the partition key; a {@code String}. */
	public static final String KINESIS_PARTITION_KEY = "aws-kinesis-partition-key";

	/** Kinesis: when the record reached the stream; an {@code java.time.Instant}. */
	public static final String KINESIS_ARRIVAL_TIME = "aws-kinesis-arrival-time";

	/**
	 * DynamoDB: the item's key attributes as plain JSON values; a
	 * {@code Map<String, Object>}.
	 */
	public static final String DYNAMODB_KEYS = "aws-dynamodb-keys";

	/**
	 * DynamoDB: the item before the change as plain JSON values, when the stream carries
	 * old images; a {@code Map<String, Object>}.
	 */
	public static final String DYNAMODB_OLD_IMAGE = "aws-dynamodb-old-image";

	/** EventBridge: the event id; a {@code String}. */
	public static final String EVENTBRIDGE_ID = "aws-eventbridge-id";

	/**
	 * EventBridge: the detail type, such as {@code Scheduled Event}; a {@code String}.
	 */
	public static final String EVENTBRIDGE_DETAIL_TYPE = "aws-eventbridge-detail-type";

	/** EventBridge: the account the event was sent in; a {@code String}. */
	public static final String EVENTBRIDGE_ACCOUNT = "aws-eventbridge-account";

	/** EventBridge: when the event happened; a {@code String} in ISO-8601. */
	public static final String EVENTBRIDGE_TIME = "aws-eventbridge-time";

	/**
	 * EventBridge: the ARNs of the resources the event is about (for a schedule, the
	 * rule); a {@code List<String>}.
	 */
	public static final String EVENTBRIDGE_RESOURCES = "aws-eventbridge-resources";

	private BatchHeaders() {
	}

}
