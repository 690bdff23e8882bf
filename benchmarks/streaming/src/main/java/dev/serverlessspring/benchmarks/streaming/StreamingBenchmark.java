package dev.serverlessspring.benchmarks.streaming;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.serverlessspring.test.local.LocalLambda;

/**
 * Response streaming through the local Lambda, end to end: the functions of
 * {@link StreamingFunctions} run in a process of their own, started as Lambda starts a
 * custom runtime (a {@code bootstrap} that runs serverless-spring's
 * {@code LambdaRuntime}), and are read through their local Function URLs
 * ({@code invokeMode: RESPONSE_STREAM}) with the JDK's {@link HttpClient}.
 * <ul>
 * <li><b>Time to first byte</b>: for each server-sent event, the moment the client has
 * read it less the moment the function produced it ({@code System.nanoTime()},
 * CLOCK_MONOTONIC, shared by the processes of one machine). The first event of each
 * stream, and all events.</li>
 * <li><b>Throughput</b>: a 200 MB stream of 64 KB elements, from the request to its last
 * byte.</li>
 * <li><b>Heap</b>: the runtime process's heap in use after a full GC, every 25 MB of a
 * 200 MB stream, with a heap limit ({@code -Xmx}) far below the stream's size.</li>
 * </ul>
 * Arguments: {@code <work directory> <runs> <java home>}.
 */
public final class StreamingBenchmark {

	private static final int EVENTS = 50;

	private static final int PACE_MILLIS = 20;

	private static final int MEGABYTES = 200;

	private static final String HEAP_LIMIT = "-Xmx48m";

	private StreamingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]).toAbsolutePath();
		int runs = Integer.parseInt(args[1]);
		String javaHome = (args.length > 2) ? args[2] : System.getProperty("java.home");
		Path config = prepare(work, javaHome);
		HttpClient client = HttpClient.newHttpClient();
		try (LocalLambda lambda = LocalLambda.builder().config(config).mode(LocalLambda.Mode.OUT_OF_PROCESS).start()) {
			URI ticks = lambda.functionUrls().get("ticks");
			URI bulk = lambda.functionUrls().get("bulk");
			// One of each first: the runtime process starts, and the first pass of every
			// path is not measured.
			ttfb(client, ticks);
			throughput(client, bulk, 20);
			List<Double> first = new ArrayList<>();
			List<Double> all = new ArrayList<>();
			List<Double> megabytesPerSecond = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				List<Double> latencies = ttfb(client, ticks);
				first.add(latencies.get(0));
				all.addAll(latencies);
				megabytesPerSecond.add(throughput(client, bulk, MEGABYTES));
			}
			String heap = heap(client, bulk);
			System.out.printf(Locale.ROOT, "Runs: %d (after one unmeasured), JDK %s%n", runs, javaHome);
			System.out.printf(Locale.ROOT,
					"Time to first byte, first event of a stream (ms): median %.2f, max %.2f (%d streams)%n",
					median(first), Collections.max(first), first.size());
			System.out.printf(Locale.ROOT,
					"Time to first byte, every event (ms): median %.2f, p90 %.2f, max %.2f (%d events, %d ms apart)%n",
					median(all), percentile(all, 0.9), Collections.max(all), all.size(), PACE_MILLIS);
			System.out.printf(Locale.ROOT, "Throughput, %d MB in 64 KB elements (MB/s): median %.0f, min %.0f%n",
					MEGABYTES, median(megabytesPerSecond), Collections.min(megabytesPerSecond));
			System.out.printf(Locale.ROOT, "Runtime heap after GC every 25 MB of a %d MB stream (%s): %s%n", MEGABYTES,
					HEAP_LIMIT, heap);
		}
	}

	// A task root whose bootstrap starts the loop on this benchmark's class path, and the
	// serverless.yml that serves it.
	private static Path prepare(Path work, String javaHome) throws IOException {
		Path taskRoot = work.resolve("task");
		Files.createDirectories(taskRoot);
		// Absolute: the runtime starts in the unpacked task root.
		String classPath = String.join(File.pathSeparator,
				Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
					.map((entry) -> Path.of(entry).toAbsolutePath().toString())
					.toList());
		Path bootstrap = taskRoot.resolve("bootstrap");
		Files.writeString(bootstrap,
				"#!/bin/sh\nexec '" + javaHome + "/bin/java' " + HEAP_LIMIT
						+ " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '" + classPath
						+ "' dev.serverlessspring.lambda.runtime.LambdaRuntime\n");
		Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path config = work.resolve("serverless.yml");
		Files.writeString(config, """
				service: streaming-benchmark
				provider:
				  name: aws
				  runtime: provided.al2023
				  timeout: 300
				  environment:
				    MAIN_CLASS: %s
				package:
				  artifact: task
				functions:
				  ticks:
				    handler: ticks
				    url:
				      invokeMode: RESPONSE_STREAM
				  bulk:
				    handler: bulk
				    url:
				      invokeMode: RESPONSE_STREAM
				""".formatted(StreamingFunctions.class.getName()));
		return config;
	}

	private static List<Double> ttfb(HttpClient client, URI url) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = client.send(post(url, EVENTS + "," + PACE_MILLIS),
				HttpResponse.BodyHandlers.ofInputStream());
		List<Double> latencies = new ArrayList<>();
		try (InputStream in = response.body()) {
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b >= 0; b = in.read()) {
				if (b != '\n') {
					line.append((char) b);
					continue;
				}
				if (line.toString().startsWith("data: ")) {
					long received = System.nanoTime();
					latencies.add((received - Long.parseLong(line.substring(6))) / 1_000_000.0);
				}
				line.setLength(0);
			}
		}
		if (response.statusCode() != 200 || latencies.size() != EVENTS) {
			throw new IllegalStateException(
					"ticks answered " + response.statusCode() + " with " + latencies.size() + " events");
		}
		return latencies;
	}

	private static double throughput(HttpClient client, URI url, int megabytes)
			throws IOException, InterruptedException {
		long start = System.nanoTime();
		HttpResponse<InputStream> response = client.send(post(url, Integer.toString(megabytes)),
				HttpResponse.BodyHandlers.ofInputStream());
		long bytes = 0;
		byte[] buffer = new byte[65536];
		try (InputStream in = response.body()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes += n;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		if (bytes != (long) megabytes * 1024 * 1024) {
			throw new IllegalStateException("bulk sent " + bytes + " bytes instead of " + megabytes + " MB");
		}
		return megabytes / seconds;
	}

	private static String heap(HttpClient client, URI url) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = client.send(post(url, MEGABYTES + ",heap"),
				HttpResponse.BodyHandlers.ofInputStream());
		byte[] buffer = new byte[65536];
		byte[] tail = new byte[0];
		long bytes = 0;
		try (InputStream in = response.body()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes += n;
				byte[] joined = new byte[Math.min(tail.length + n, 4096)];
				int keepFromTail = joined.length - n;
				if (keepFromTail > 0) {
					System.arraycopy(tail, tail.length - keepFromTail, joined, 0, keepFromTail);
					System.arraycopy(buffer, 0, joined, keepFromTail, n);
				}
				else {
					System.arraycopy(buffer, n - joined.length, joined, 0, joined.length);
				}
				tail = joined;
			}
		}
		String text = new String(tail, StandardCharsets.ISO_8859_1);
		int at = text.lastIndexOf("heap-after-gc-mb: ");
		if (at < 0 || bytes < (long) MEGABYTES * 1024 * 1024) {
			throw new IllegalStateException("bulk did not report its heap (" + bytes + " bytes)");
		}
		return text.substring(at + "heap-after-gc-mb: ".length()).strip() + " MB";
	}

	private static HttpRequest post(URI url, String event) {
		return HttpRequest.newBuilder(url)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(event))
			.build();
	}

	private static double median(List<Double> values) {
		return percentile(values, 0.5);
	}

	private static double percentile(List<Double> values, double p) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
	}

}
