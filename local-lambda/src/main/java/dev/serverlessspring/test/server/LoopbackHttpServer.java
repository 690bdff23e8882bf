package dev.serverlessspring.test.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Binds the local Lambda's servers (Runtime API, Invoke API, HTTP front): on
 * {@code 127.0.0.1} only, with an error that names the service and the port when the port
 * is taken.
 */
public final class LoopbackHttpServer {

	static {
		// The JDK's server writes headers and body separately; with Nagle's algorithm on,
		// the client's delayed ACK then stalls every answer by about 40 ms, and each
		// chunk of a stream as much. Read once, when the JDK's server is first used.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private LoopbackHttpServer() {
	}

	/**
	 * Create a server bound to {@code 127.0.0.1}, not started.
	 * @param port the port, {@code 0} for a free one
	 * @param service what the server serves, for the error message
	 * @return the server
	 * @throws IOException if the port cannot be bound, for example because it is in use
	 */
	public static HttpServer bind(int port, String service) throws IOException {
		try {
			return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new IOException("Could not serve " + service + " on 127.0.0.1:" + port + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return a factory of daemon threads named {@code <name>-<n>}, so that servers never
	 * keep a test JVM alive.
	 * @param name the threads' name prefix
	 * @return the thread factory
	 */
	public static ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
