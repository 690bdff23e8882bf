package dev.serverlessspring.benchmarks.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import dev.serverlessspring.lambda.invoke.TestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The warm cost of one HTTP round trip: an HTTP API {@code POST /orders} event in, a 201
 * proxy response out. {@code frameworkFree} is {@link PlainHttpHandler};
 * {@code serverlessSpring} is the {@link EventDispatcher} that {@code FunctionHandler}
 * calls, serving {@code createOrder} (plain input) or {@code createOrderMessage} (a
 * {@code Message} with every HTTP header). Run {@link #main} (or {@code run.sh}): it
 * prints the medians and their ratio.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = { "-Xmx512m" })
public class HttpRoundTripBenchmark {

	@Benchmark
	public byte[] frameworkFree(FrameworkFree plain, Event event) {
		return plain.handler.handle(event.payload);
	}

	@Benchmark
	public byte[] serverlessSpring(ServerlessSpring spring, Event event) {
		return spring.dispatcher.dispatch(event.payload, event.context);
	}

	/**
	 * Run the benchmark and print each median and its ratio to the framework-free
	 * handler's.
	 * @param args none: the annotations configure the run, not JMH options
	 * @throws RunnerException when JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		Collection<RunResult> results = new Runner(
				new OptionsBuilder().include(HttpRoundTripBenchmark.class.getSimpleName()).build())
			.run();
		Map<String, Double> medians = new LinkedHashMap<>();
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
			String function = result.getParams().getParam("function");
			medians.put((function != null) ? name + " (" + function + ")" : name,
					result.getPrimaryResult().getStatistics().getPercentile(50));
		}
		double baseline = medians.get("frameworkFree");
		System.out.println();
		System.out.printf("%-44s %12s %8s%n", "HTTP API POST /orders -> 201", "median µs", "ratio");
		medians.forEach((name, median) -> System.out.printf("%-44s %12.2f %8.2f%n", name, median, median / baseline));
	}

	@State(Scope.Benchmark)
	public static class Event {

		byte[] payload;

		final Context context = new TestContext("bench-request");

		@Setup(Level.Trial)
		public void load() throws IOException {
			try (InputStream in = HttpRoundTripBenchmark.class.getResourceAsStream("/http-api-create-order.json")) {
				this.payload = in.readAllBytes();
			}
		}

	}

	@State(Scope.Benchmark)
	public static class ServerlessSpring {

		/**
		 * The function invoked, as {@code spring.cloud.function.definition} names it: one
		 * run per value.
		 */
		@Param({ "createOrder", "createOrderMessage" })
		public String function;

		ConfigurableApplicationContext context;

		EventDispatcher dispatcher;

		@Setup(Level.Trial)
		public void start() {
			SpringApplication application = new SpringApplication(BenchmarkApplication.class);
			application.setDefaultProperties(Map.of("spring.main.web-application-type", "none",
					"spring.main.banner-mode", "off", "logging.level.root", "warn"));
			this.context = application.run("--spring.cloud.function.definition=" + this.function);
			this.dispatcher = this.context.getBean(EventDispatcher.class);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	@State(Scope.Benchmark)
	public static class FrameworkFree {

		final PlainHttpHandler handler = new PlainHttpHandler();

	}

}
