package org.aepsbridge.resendotp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts (the AOPay stand-in, the test broker, packaged
 * applications) that are free now and stay free until bound, and again after a stop, for a
 * restart on the same port.
 *
 * <p>A port from {@code new ServerSocket(0)} comes from the kernel's ephemeral range, the
 * same range every outgoing connection on the machine takes its local port from: between our
 * pick and the server's bind, or while a test has the server stopped, any client of any process
 * may take it. Below that range the kernel hands out no port by itself; only a program binding
 * that very number could, and each pick here is random.
 */
public final class FreePorts {

    /** Lowest port picked: above the well-known ports and the usual fixed ones (5432, 8080, 9000, 9001). */
    static final int LOWEST = 20000;

    private FreePorts() {}

    /** A port free at this moment, outside the kernel's ephemeral range where it has room. */
    public static int pick() {
        int below = ephemeralRangeStart() - 1;
        if (below - LOWEST >= 1000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below + 1);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of {@code /proc/sys/net/ipv4/ip_local_port_range} (Linux; 32768 where unknown). */
    static int ephemeralRangeStart() {
        try {
            // read as a stream: procfs reports a size of 0, and Files.readString read only "3" of "32768 60999"
            try (java.io.BufferedReader in =
                    Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /** True if the failure (or one of its causes) is a port already bound: pick another and try again. */
    public static boolean isPortTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
