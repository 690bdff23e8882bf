package dev.serverlessspring.test.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The local Lambda serves the loopback interface only: nothing on the network can reach a
 * function's Runtime API (and with it the events and the answers).
 */
class LoopbackTests {

	@Test
	void runtimeApiIsServedOnLoopback() throws IOException {
		try (RuntimeApiServer server = new RuntimeApiServer()) {
			assertThat(server.address()).startsWith("127.0.0.1:");
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
				assertThat(socket.isConnected()).isTrue();
			}
		}
	}

	@Test
	void runtimeApiCannotBeReachedThroughTheHostsOtherAddresses() throws IOException {
		Optional<InetAddress> external = nonLoopbackAddress();
		assumeThat(external).as("a non-loopback IPv4 address on this host").isPresent();
		try (RuntimeApiServer server = new RuntimeApiServer()) {
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(external.get(), server.port()), 2000);
				}
			});
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
						return Optional.of(address);
					}
				}
			}
		}
		return Optional.empty();
	}

}
