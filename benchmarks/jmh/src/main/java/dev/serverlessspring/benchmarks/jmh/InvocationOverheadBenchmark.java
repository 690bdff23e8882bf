package dev.serverlessspring.benchmarks.jmh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.benchmarks.plain.UppercaseHandler;
import dev.serverlessspring.lambda.FunctionHandler;
import dev.serverlessspring.lambda.runtime.InvocationRequest;
import dev.serverlessspring.lambda.runtime.RuntimeContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One warm invocation inside the handler (event bytes in, response bytes out), for the
 * framework-free handler and serverless-spring's {@link FunctionHandler}: the difference
 * is serverless-spring's per-invocation overhead. Forks run with Lambda's JVM flags.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
		"-Xshare:auto", "-Xmx512m", "-Dspring.main.banner-mode=off" })
public class InvocationOverheadBenchmark {

	private static final byte[] UPPERCASE_EVENT = "\"hello\"".getBytes(StandardCharsets.UTF_8);

	private static final byte[] QUOTE_EVENT = "{\"sku\":\"BOOK-1\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8);

	/**
	 * The serverless-spring function served: uppercase (as the baseline does) or the POJO
	 * quote.
	 */
	@Param({ "uppercase", "quote" })
	public String function;

	private UppercaseHandler plain;

	private FunctionHandler ours;

	private final Context context = new RuntimeContext(
			new InvocationRequest("6f1f0c8e-8c2a-4b4e-9d0e-3c1e5f0a7b21", Long.MAX_VALUE,
					"arn:aws:lambda:us-east-1:123456789012:function:benchmark", null, null, null, null, new byte[0]),
			Map.of("AWS_LAMBDA_FUNCTION_NAME", "benchmark", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));

	@Setup
	public void start() {
		System.setProperty("spring.cloud.function.definition", this.function);
		this.plain = new UppercaseHandler();
		this.ours = new FunctionHandler();
	}

	@Benchmark
	public byte[] frameworkFree() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.plain.handleRequest(new ByteArrayInputStream(UPPERCASE_EVENT), out, this.context);
		return out.toByteArray();
	}

	@Benchmark
	public byte[] serverlessSpring() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] event = "quote".equals(this.function) ? QUOTE_EVENT : UPPERCASE_EVENT;
		this.ours.handleRequest(new ByteArrayInputStream(event), out, this.context);
		return out.toByteArray();
	}

}
