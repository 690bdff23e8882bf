package dev.serverlessspring.test.streaming;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.serverlessspring.test.junit.LocalLambdaTest;
import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Invoke API's {@code InvokeWithResponseStream}, read by the AWS SDK's
 * {@link LambdaAsyncClient}: chunks arrive as the function produces them, and a stream
 * that fails midway ends with its error.
 */
@LocalLambdaTest(config = "src/test/resources/streaming/serverless.yml", mainClass = StreamingApplication.class)
class InvokeWithResponseStreamTests {

	private LambdaAsyncClient client;

	@BeforeEach
	void createClient(LocalLambda lambda) {
		this.client = LambdaAsyncClient.builder()
			.endpointOverride(lambda.invokeEndpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClientBuilder(NettyNioAsyncHttpClient.builder())
			.build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
		StreamingApplication.firstReceived = new CountDownLatch(0);
	}

	@Test
	void receivesTheFirstChunkBeforeTheFunctionProducesItsLast() throws Exception {
		StreamingApplication.firstReceived = new CountDownLatch(1);
		AtomicLong firstReceivedAt = new AtomicLong();
		Stream stream = invoke("ticker", (chunk) -> {
			if (firstReceivedAt.compareAndSet(0, System.nanoTime())) {
				StreamingApplication.firstReceived.countDown();
			}
		});
		assertThat(String.join("", stream.chunks)).isEqualTo("tick 1\ntick 2\ntick 3\n");
		assertThat(stream.complete.get().errorCode()).isNull();
		// The function waited for the first chunk to arrive before it produced its last.
		assertThat(firstReceivedAt.get()).isPositive().isLessThan(StreamingApplication.lastProducedAt);
	}

	@Test
	void readsTheErrorOfAStreamThatFailsMidway() throws Exception {
		Stream stream = invoke("brokenFeed", (chunk) -> {
		});
		assertThat(stream.chunks).containsExactly("first\n");
		InvokeWithResponseStreamCompleteEvent complete = stream.complete.get();
		assertThat(complete.errorCode()).isEqualTo(IllegalStateException.class.getName());
		assertThat(complete.errorDetails()).isEqualTo("the feed broke after one item");
	}

	@Test
	void aFunctionThatDoesNotStreamAnswersInOneChunk() throws Exception {
		Stream stream = invoke("uppercase", (chunk) -> {
		});
		assertThat(stream.chunks).containsExactly("TICK");
		assertThat(stream.complete.get().errorCode()).isNull();
	}

	private Stream invoke(String function, java.util.function.Consumer<String> onChunk) throws Exception {
		Stream stream = new Stream();
		this.client.invokeWithResponseStream(
				InvokeWithResponseStreamRequest.builder()
					.functionName(function)
					.payload(SdkBytes.fromUtf8String("\"tick\""))
					.build(),
				InvokeWithResponseStreamResponseHandler.builder()
					.subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder().onPayloadChunk((chunk) -> {
						String text = chunk.payload().asUtf8String();
						stream.chunks.add(text);
						onChunk.accept(text);
					}).onInvokeComplete(stream.complete::set).build())
					.build())
			.get(30, TimeUnit.SECONDS);
		return stream;
	}

	private static final class Stream {

		final List<String> chunks = new CopyOnWriteArrayList<>();

		final AtomicReference<InvokeWithResponseStreamCompleteEvent> complete = new AtomicReference<>();

	}

}
