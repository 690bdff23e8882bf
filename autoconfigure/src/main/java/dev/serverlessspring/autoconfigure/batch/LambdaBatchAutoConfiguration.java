package dev.serverlessspring.autoconfigure.batch;

import dev.serverlessspring.autoconfigure.function.LambdaFunctionAutoConfiguration;
import dev.serverlessspring.lambda.batch.DynamoDbEventAdapter;
import dev.serverlessspring.lambda.batch.EventBridgeEventAdapter;
import dev.serverlessspring.lambda.batch.KinesisEventAdapter;
import dev.serverlessspring.lambda.batch.RecordProcessor;
import dev.serverlessspring.lambda.batch.S3EventAdapter;
import dev.serverlessspring.lambda.batch.SnsEventAdapter;
import dev.serverlessspring.lambda.batch.SqsEventAdapter;
import dev.serverlessspring.lambda.invoke.PayloadConverter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Calls the application's function once per record of SQS, SNS, S3, Kinesis and DynamoDB
 * Streams events, answering with partial batch failures where the source takes them, and
 * with the {@code detail} of EventBridge events. Each adapter can be replaced by a bean
 * of its type.
 */
@AutoConfiguration(after = LambdaFunctionAutoConfiguration.class)
@ConditionalOnBean(PayloadConverter.class)
@ConditionalOnBooleanProperty(prefix = LambdaBatchProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(LambdaBatchProperties.class)
public class LambdaBatchAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RecordProcessor lambdaRecordProcessor(LambdaBatchProperties properties) {
		return new RecordProcessor(properties.isReportItemFailures(), properties.getTimeoutReserve());
	}

	@Bean
	@ConditionalOnMissingBean
	SqsEventAdapter sqsEventAdapter(RecordProcessor processor, PayloadConverter converter) {
		return new SqsEventAdapter(processor, converter.objectMapper());
	}

	@Bean
	@ConditionalOnMissingBean
	SnsEventAdapter snsEventAdapter(RecordProcessor processor, PayloadConverter converter) {
		return new SnsEventAdapter(processor, converter.objectMapper());
	}

	@Bean
	@ConditionalOnMissingBean
	S3EventAdapter s3EventAdapter(RecordProcessor processor, PayloadConverter converter) {
		return new S3EventAdapter(processor, converter.objectMapper());
	}

	@Bean
	@ConditionalOnMissingBean
	KinesisEventAdapter kinesisEventAdapter(RecordProcessor processor, PayloadConverter converter) {
		return new KinesisEventAdapter(processor, converter.objectMapper());
	}

	@Bean
	@ConditionalOnMissingBean
	DynamoDbEventAdapter dynamoDbEventAdapter(RecordProcessor processor, PayloadConverter converter) {
		return new DynamoDbEventAdapter(processor, converter.objectMapper());
	}

	@Bean
	@ConditionalOnMissingBean
	EventBridgeEventAdapter eventBridgeEventAdapter(RecordProcessor processor, PayloadConverter converter) {
		return new EventBridgeEventAdapter(processor, converter.objectMapper());
	}

}
