package dev.serverlessspring.test.local;

import java.time.Duration;
import java.util.List;

import dev.serverlessspring.test.app.FixtureApplication;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An object put into the local S3 with the AWS SDK invokes the function of the bucket's
 * {@code s3} event with an S3 event, as S3's event notifications do, when its key matches
 * the event's rules; the function reaches the local S3 through the standard variables.
 */
@LocalLambdaTest(config = "src/test/resources/local/serverless-s3.yml", mainClass = FixtureApplication.class)
class S3EventNotificationsTests {

	private static final String BUCKET = "fixture-uploads-test";

	@Test
	void anUploadInvokesTheFunctionOfTheBucketsS3Event(LocalLambda lambda, LocalAwsServices aws) throws InterruptedException {
		assertThat(lambda.s3EventNotifications().sources()).singleElement()
			.satisfies((source) -> assertThat(source.prefix()).isEqualTo("uploads/"));
		try (S3Client s3 = S3Client.builder()
			.endpointOverride(aws.endpoints().get("s3"))
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build()) {
			s3.putObject((request) -> request.bucket(BUCKET).key("elsewhere/note.txt"), RequestBody.fromString("not mine"));
			s3.putObject((request) -> request.bucket(BUCKET).key("uploads/order-1.txt"), RequestBody.fromString("two mugs"));
			String processed = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (processed == null && System.nanoTime() < deadline) {
				try {
					processed = s3.getObjectAsBytes((request) -> request.bucket(BUCKET).key("processed/uploads/order-1.txt"))
						.asUtf8String();
				}
				catch (NoSuchKeyException ex) {
					Thread.sleep(50);
				}
			}
			assertThat(processed).isEqualTo("TWO MUGS");
			while (lambda.s3EventNotifications().deliveries().isEmpty() && System.nanoTime() < deadline) {
				// Recorded as the invocation returns, just after the function's put.
				Thread.sleep(10);
			}
			// Only the key under uploads/: neither the other key nor the function's own output.
			List<S3EventNotifications.Delivery> deliveries = lambda.s3EventNotifications().deliveries();
			assertThat(deliveries).singleElement().satisfies((delivery) -> {
				assertThat(delivery.function()).isEqualTo("processUpload");
				assertThat(delivery.key()).isEqualTo("uploads/order-1.txt");
				assertThat(delivery.eventName()).isEqualTo("ObjectCreated:Put");
				assertThat(delivery.failed()).isFalse();
			});
			assertThat(s3.listObjectsV2((request) -> request.bucket(BUCKET)).contents()).extracting(S3Object::key)
				.containsExactlyInAnyOrder("elsewhere/note.txt", "uploads/order-1.txt", "processed/uploads/order-1.txt");
		}
	}

}
