package dev.serverlessspring.test.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One resource of a {@code serverless.yml}'s {@code resources.Resources}, with the names
 * and ARNs it has locally: its physical name is the one its properties give
 * ({@code TableName}, {@code QueueName}...) or, as CloudFormation names it in the stack
 * {@code <service>-<stage>}, {@code <service>-<stage>-<LogicalId>} (without
 * CloudFormation's random suffix).
 *
 * @param logicalId the resource's key in {@code Resources}
 * @param type its type, such as {@code AWS::DynamoDB::Table}
 * @param properties its {@code Properties}, variables resolved
 * @param name its physical name
 * @param region the region of the service
 */
public record CloudFormationResource(String logicalId, String type, Map<String, Object> properties, String name,
		String region) {

	/** A DynamoDB table. */
	public static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";

	/** An SQS queue. */
	public static final String SQS_QUEUE = "AWS::SQS::Queue";

	/** An SNS topic. */
	public static final String SNS_TOPIC = "AWS::SNS::Topic";

	/** An S3 bucket. */
	public static final String S3_BUCKET = "AWS::S3::Bucket";

	/** A Kinesis data stream. */
	public static final String KINESIS_STREAM = "AWS::Kinesis::Stream";

	/** The account id of local ARNs: the one the Runtime Interface Emulator uses. */
	public static final String ACCOUNT_ID = "012345678912";

	// The property that names each type's resource.
	private static final Map<String, String> NAME_PROPERTIES = Map.of(DYNAMODB_TABLE, "TableName", SQS_QUEUE,
			"QueueName", SNS_TOPIC, "TopicName", S3_BUCKET, "BucketName", KINESIS_STREAM, "Name");

	public CloudFormationResource {
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	static CloudFormationResource of(String logicalId, String type, Map<String, Object> properties, String stackName,
			String region) {
		String nameProperty = NAME_PROPERTIES.get(type);
		Object configured = (nameProperty != null) ? properties.get(nameProperty) : null;
		String name;
		if (configured != null && !(configured instanceof Map) && !(configured instanceof List)) {
			name = String.valueOf(configured);
		}
		else {
			name = stackName + "-" + logicalId;
			if (SQS_QUEUE.equals(type) && Boolean.parseBoolean(String.valueOf(properties.get("FifoQueue")))) {
				name += ".fifo";
			}
			if (S3_BUCKET.equals(type)) {
				name = name.toLowerCase(Locale.ROOT);
			}
		}
		return new CloudFormationResource(logicalId, type, properties, name, region);
	}

	/**
	 * Return the resource's ARN.
	 * @return the ARN, or {@code null} for a type without a known one
	 */
	public @Nullable String arn() {
		return switch (this.type) {
			case DYNAMODB_TABLE -> "arn:aws:dynamodb:" + this.region + ":" + ACCOUNT_ID + ":table/" + this.name;
			case SQS_QUEUE -> "arn:aws:sqs:" + this.region + ":" + ACCOUNT_ID + ":" + this.name;
			case SNS_TOPIC -> "arn:aws:sns:" + this.region + ":" + ACCOUNT_ID + ":" + this.name;
			case S3_BUCKET -> "arn:aws:s3:::" + this.name;
			case KINESIS_STREAM -> "arn:aws:kinesis:" + this.region + ":" + ACCOUNT_ID + ":stream/" + this.name;
			default -> null;
		};
	}

	/**
	 * Return what {@code !Ref} gives for this resource, as CloudFormation documents it
	 * per type.
	 * @return the value, or {@code null} for a type not known locally
	 */
	public @Nullable String ref() {
		return switch (this.type) {
			case DYNAMODB_TABLE, S3_BUCKET, KINESIS_STREAM -> this.name;
			case SNS_TOPIC -> arn();
			case SQS_QUEUE -> queueUrl();
			default -> null;
		};
	}

	/**
	 * Return what {@code !GetAtt} gives for one of this resource's attributes.
	 * @param attribute the attribute, such as {@code Arn}
	 * @return the value, or {@code null} if it is not known locally
	 */
	public @Nullable String attribute(String attribute) {
		return switch (attribute) {
			case "Arn" -> arn();
			case "StreamArn" -> DYNAMODB_TABLE.equals(this.type) ? arn() + "/stream/1970-01-01T00:00:00.000" : null;
			case "QueueName", "TopicName" -> this.name;
			case "QueueUrl" -> SQS_QUEUE.equals(this.type) ? queueUrl() : null;
			default -> null;
		};
	}

	// As SQS shapes a queue's URL; the SDK sends requests to its endpoint, and the URL
	// names the queue.
	private String queueUrl() {
		return "https://sqs." + this.region + ".amazonaws.com/" + ACCOUNT_ID + "/" + this.name;
	}

}
