/**
 * Auto-configuration of record-by-record processing of SQS, SNS, S3, Kinesis, DynamoDB
 * Streams and EventBridge events.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.batch;

import org.jspecify.annotations.NullMarked;
