package dev.serverlessspring.test.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In process, the functions' AWS variables for the AWS SDK v2: the SDK reads the
 * process's environment, which a test cannot set, but reads its own system properties
 * first. While a local Lambda runs in process, the properties that match the functions'
 * region and, with local AWS services, their endpoints and credentials are set, and
 * restored when it stops.
 */
final class SdkSystemProperties implements AutoCloseable {

	// The SDK's system property for each standard variable (service ids as each client
	// names them).
	private static final Map<String, String> PROPERTIES = Map.ofEntries(Map.entry("AWS_REGION", "aws.region"),
			Map.entry("AWS_ACCESS_KEY_ID", "aws.accessKeyId"),
			Map.entry("AWS_SECRET_ACCESS_KEY", "aws.secretAccessKey"),
			Map.entry("AWS_SESSION_TOKEN", "aws.sessionToken"), Map.entry("AWS_ENDPOINT_URL", "aws.endpointUrl"),
			Map.entry("AWS_ENDPOINT_URL_DYNAMODB", "aws.endpointUrlDynamoDb"),
			Map.entry("AWS_ENDPOINT_URL_SQS", "aws.endpointUrlSqs"),
			Map.entry("AWS_ENDPOINT_URL_S3", "aws.endpointUrlS3"),
			Map.entry("AWS_ENDPOINT_URL_SNS", "aws.endpointUrlSns"),
			Map.entry("AWS_ENDPOINT_URL_KINESIS", "aws.endpointUrlKinesis"),
			Map.entry("AWS_REQUEST_CHECKSUM_CALCULATION", "aws.requestChecksumCalculation"));

	private final Map<String, String> previous = new LinkedHashMap<>();

	SdkSystemProperties(Map<String, String> environment) {
		synchronized (SdkSystemProperties.class) {
			environment.forEach((variable, value) -> {
				String property = PROPERTIES.get(variable);
				if (property != null) {
					this.previous.put(property, System.getProperty(property));
					System.setProperty(property, value);
				}
			});
		}
	}

	@Override
	public void close() {
		synchronized (SdkSystemProperties.class) {
			this.previous.forEach((property, value) -> {
				if (value != null) {
					System.setProperty(property, value);
				}
				else {
					System.clearProperty(property);
				}
			});
		}
	}

}
