package io.github.oauthsignin.support;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Free TCP ports, for servers a test must restart on the same port (PostgreSQL through an outage) or must know the
 * port of before they start (the fat jar's {@code --server.port}). Why here: one way to find one, not a copy per
 * test.
 */
public final class Ports {

	private Ports() {
	}

	/** A port that was free a moment ago: the operating system's pick for a socket on port 0, closed again. */
	public static int free() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
