package dev.serverlessspring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * TEMPORARY: a minimal Runtime API until serverless-spring-test's RuntimeApiServer lands.
 */
final class RuntimeApiStub implements AutoCloseable {

	record Answer(long servedNanos, long answeredNanos, boolean error, String body) {
	}

	private final HttpServer server;

	private final BlockingQueue<byte[]> events = new LinkedBlockingQueue<>();

	private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

	private final AtomicLong firstNext = new AtomicLong();

	private final AtomicLong ids = new AtomicLong();

	private volatile long servedNanos;

	RuntimeApiStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool((r) -> {
			Thread thread = new Thread(r);
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/2018-06-01/runtime/", this::handle);
		this.server.start();
	}

	String address() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	void send(byte[] event) {
		this.events.add(event);
	}

	Answer await(long seconds) throws InterruptedException {
		return this.answers.poll(seconds, TimeUnit.SECONDS);
	}

	long firstNextNanos() {
		return this.firstNext.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			if (path.endsWith("/invocation/next")) {
				this.firstNext.compareAndSet(0, System.nanoTime());
				byte[] event = this.events.take();
				this.servedNanos = System.nanoTime();
				String id = "req-" + this.ids.incrementAndGet();
				// The RIC's native client crashes on a response without a Content-Type.
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", id);
				exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
						Long.toString(System.currentTimeMillis() + 60_000));
				exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
						"arn:aws:lambda:us-east-1:123456789012:function:benchmark");
				exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793");
				respond(exchange, 200, event);
			}
			else if (path.endsWith("/response") || path.endsWith("/error")) {
				long now = System.nanoTime();
				respond(exchange, 202, new byte[0]);
				this.answers.add(new Answer(this.servedNanos, now, path.endsWith("/error"),
						new String(body, StandardCharsets.UTF_8)));
			}
			else if (path.endsWith("/restore/next")) {
				respond(exchange, 200, new byte[0]);
			}
			else {
				respond(exchange, 404, new byte[0]);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
