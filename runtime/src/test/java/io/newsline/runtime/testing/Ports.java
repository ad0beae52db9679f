package io.newsline.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for processes a test or harness starts and may restart on the same port (a killed stage, a
 * restarted broker). They are taken below the system's ephemeral range: a port from that range
 * (what binding port 0 gives) can be taken by any process's outgoing connection between a stop and
 * the restart, which made ChaosIT's enrich fail with "port in use" under a loaded machine.
 */
public final class Ports {
  private static final int LOWEST = 10_000;

  private Ports() {}

  /** A port nothing listens on at the moment, outside the range outgoing connections use. */
  public static int free() {
    int top = ephemeralLow();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(LOWEST, top);
      if (canListen(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no free port between " + LOWEST + " and " + top));
  }

  private static boolean canListen(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of Linux's ephemeral range; 32768 (its usual value) where it cannot be read. */
  static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > LOWEST + 1_000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
