package dev.serverlessspring.test.local;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.serverlessspring.test.app.FixtureApplication;
import dev.serverlessspring.test.aws.LocalAwsServices;
import dev.serverlessspring.test.cli.LocalLambdaCli;
import dev.serverlessspring.test.junit.LocalLambdaTest;
import org.junit.jupiter.api.Assumptions;
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
	void anUploadInvokesTheFunctionOfTheBucketsS3Event(LocalLambda lambda, LocalAwsServices aws)
			throws InterruptedException {
		assertThat(lambda.s3EventNotifications().sources()).singleElement()
			.satisfies((source) -> assertThat(source.prefix()).isEqualTo("uploads/"));
		try (S3Client s3 = S3Client.builder()
			.endpointOverride(aws.endpoints().get("s3"))
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build()) {
			s3.putObject((request) -> request.bucket(BUCKET).key("elsewhere/note.txt"),
					RequestBody.fromString("not mine"));
			s3.putObject((request) -> request.bucket(BUCKET).key("uploads/order-1.txt"),
					RequestBody.fromString("two mugs"));
			String processed = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (processed == null && System.nanoTime() < deadline) {
				try {
					processed = s3
						.getObjectAsBytes((request) -> request.bucket(BUCKET).key("processed/uploads/order-1.txt"))
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
			// Only the key under uploads/: neither the other key nor the function's own
			// output.
			List<S3EventNotifications.Delivery> deliveries = lambda.s3EventNotifications().deliveries();
			assertThat(deliveries).singleElement().satisfies((delivery) -> {
				assertThat(delivery.function()).isEqualTo("processUpload");
				assertThat(delivery.key()).isEqualTo("uploads/order-1.txt");
				assertThat(delivery.eventName()).isEqualTo("ObjectCreated:Put");
				assertThat(delivery.failed()).isFalse();
			});
			assertThat(s3.listObjectsV2((request) -> request.bucket(BUCKET)).contents()).extracting(S3Object::key)
				.containsExactlyInAnyOrder("elsewhere/note.txt", "uploads/order-1.txt",
						"processed/uploads/order-1.txt");
		}
	}

	@Test
	void theDevLoopsBannerNamesTheEndpointTheNotificationsAndAnAwsCommandThatWorksAsPrinted(LocalLambda lambda)
			throws IOException, InterruptedException {
		ByteArrayOutputStream banner = new ByteArrayOutputStream();
		LocalLambdaCli.printBanner(lambda, new PrintStream(banner, true, StandardCharsets.UTF_8));
		String printed = banner.toString(StandardCharsets.UTF_8);
		String endpoint = lambda.aws().endpoints().get("s3").toString();
		assertThat(printed).contains("  AWS s3: " + endpoint + " (AWS_ENDPOINT_URL_S3 of the functions)")
			.contains("    S3 " + BUCKET + "/uploads/* s3:ObjectCreated:* -> processUpload");
		String command = printed.lines()
			.filter((line) -> line.strip().startsWith("aws s3 "))
			.findFirst()
			.orElseThrow()
			.split(" {3}")[0].strip();
		assertThat(command).isEqualTo("aws s3 ls --endpoint-url " + endpoint);
		Assumptions.assumeTrue(
				Stream.of(System.getenv("PATH").split(File.pathSeparator))
					.anyMatch((directory) -> Files.isExecutable(Path.of(directory, "aws"))),
				"The AWS CLI ('aws') is not on the PATH: install it (apt-get install awscli) to run this test");
		ProcessBuilder aws = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
		// Any credentials and region, as the banner says.
		aws.environment()
			.putAll(Map.of("AWS_ACCESS_KEY_ID", "any", "AWS_SECRET_ACCESS_KEY", "any", "AWS_DEFAULT_REGION",
					"ap-south-1"));
		Process process = aws.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains(BUCKET);
	}

}
