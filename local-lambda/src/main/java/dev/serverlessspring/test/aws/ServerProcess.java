package dev.serverlessspring.test.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local service's server in a process of its own, bound to a free port that it tells in
 * its output: started, waited for until it names its port, and stopped. Its last lines of
 * output are kept for error messages. The server also ends when the JVM that started it
 * does (its standard input closes), as the servers are started to read it.
 */
final class ServerProcess implements AutoCloseable {

	private static final int KEPT_LINES = 200;

	private final String name;

	private final Process process;

	private final Deque<String> output = new ArrayDeque<>();

	private final CompletableFuture<Integer> port = new CompletableFuture<>();

	private final Consumer<String> lines;

	private ServerProcess(String name, Process process, Consumer<String> lines) {
		this.name = name;
		this.process = process;
		this.lines = lines;
	}

	/**
	 * Start a server and wait until its output names the port it listens on.
	 * @param name the service, for messages
	 * @param builder the command
	 * @param portLine a pattern whose first group is the port, found in one line of
	 * output
	 * @param timeout how long to wait
	 * @return the running server
	 * @throws IllegalStateException if it cannot start, exits, or says nothing in time
	 */
	static ServerProcess start(String name, ProcessBuilder builder, Pattern portLine, Duration timeout) {
		return start(name, builder, portLine, timeout, (line) -> {
		});
	}

	/**
	 * Start a server whose output also tells of what it serves, and wait until it names
	 * its port.
	 * @param name the service, for messages
	 * @param builder the command
	 * @param portLine a pattern whose first group is the port, found in one line of
	 * output
	 * @param timeout how long to wait
	 * @param lines given each line of output once the server listens, on the thread that
	 * reads them
	 * @return the running server
	 * @throws IllegalStateException if it cannot start, exits, or says nothing in time
	 */
	static ServerProcess start(String name, ProcessBuilder builder, Pattern portLine, Duration timeout,
			Consumer<String> lines) {
		Process process;
		try {
			process = builder.redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the local " + name + " (" + builder.command().get(0)
					+ " is not on the PATH?): " + ex.getMessage(), ex);
		}
		ServerProcess server = new ServerProcess(name, process, lines);
		Thread reader = new Thread(() -> server.read(portLine), "local-" + name + "-output");
		reader.setDaemon(true);
		reader.start();
		try {
			server.port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return server;
		}
		catch (ExecutionException | TimeoutException ex) {
			server.close();
			throw new IllegalStateException(
					"The local " + name + " did not start in " + timeout.toSeconds() + " s:\n" + server.output(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.close();
			throw new IllegalStateException("Interrupted while starting the local " + name, ex);
		}
	}

	private void read(Pattern portLine) {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				synchronized (this.output) {
					if (this.output.size() == KEPT_LINES) {
						this.output.removeFirst();
					}
					this.output.addLast(line);
				}
				if (this.port.isDone()) {
					this.lines.accept(line);
					continue;
				}
				Matcher matcher = portLine.matcher(line);
				if (matcher.find()) {
					this.port.complete(Integer.parseInt(matcher.group(1)));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			this.port.completeExceptionally(ex);
		}
		this.port.completeExceptionally(new IllegalStateException("The local " + this.name + " exited"));
	}

	/**
	 * Return the port the server said it listens on.
	 * @return the port
	 */
	int port() {
		return this.port.join();
	}

	/**
	 * Return the server's last lines of output.
	 * @return the lines
	 */
	String output() {
		synchronized (this.output) {
			return String.join("\n", this.output);
		}
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// The process is gone already.
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
