package io.newsline.common.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How many times in a row the kernel has resent a connection's unacknowledged data (Linux, from
 * /proc/net/tcp and tcp6; 0 where that cannot be read). A peer that vanished without closing (a
 * cut network, a laptop closed) acknowledges nothing: Java sees writes succeed into the send
 * buffer for the kernel's ~15 minutes of retries, but the count climbs within seconds (resends at
 * 0.2, 0.6, 1.4, 3 s ... after a write on a short path), while any live peer resets it to 0 with
 * its next acknowledgement, however slowly it reads. The tables list every socket of the host, so
 * one read (at most every 0.5 s) serves every stream's check.
 */
final class TcpRetransmits {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  /** One read of the tables serves every stream for this long: they list every socket of the host. */
  private static final long SNAPSHOT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of());

  /** The connections with resends at one moment, by local port and remote end as /proc prints them. */
  private record Snapshot(long takenNanos, Map<String, Integer> resending) {}

  private TcpRetransmits() {}

  static int of(Socket socket) {
    InetAddress remote = socket.getInetAddress();
    if (remote == null || socket.isClosed()) {
      return 0;
    }
    Map<String, Integer> resending = current().resending();
    String local = port(socket.getLocalPort());
    for (String peer : peers(remote, socket.getPort())) {
      Integer n = resending.get(local + " " + peer);
      if (n != null) {
        return n;
      }
    }
    return 0;
  }

  private static synchronized Snapshot current() {
    long now = System.nanoTime();
    if (now - snapshot.takenNanos() < SNAPSHOT_NANOS && snapshot.takenNanos() != Long.MIN_VALUE) {
      return snapshot;
    }
    Map<String, Integer> resending = new HashMap<>();
    for (Path table : TABLES) {
      try (Stream<String> lines = Files.lines(table, StandardCharsets.US_ASCII)) {
        lines.skip(1).forEach(line -> row(line, resending));
      } catch (IOException | UncheckedIOException e) {
        // not Linux, or /proc not mounted: no figure
      }
    }
    snapshot = new Snapshot(now, resending);
    return snapshot;
  }

  /** Adds a row's connection when the kernel is resending to it: "LOCALPORT REMOTE:PORT" to the count. */
  static void row(String line, Map<String, Integer> resending) {
    String[] f = line.strip().split("\\s+");
    if (f.length < 7 || f[1].indexOf(':') < 0) {
      return;
    }
    try {
      int n = Integer.parseInt(f[6], 16);
      if (n > 0) {
        resending.put(f[1].substring(f[1].indexOf(':') + 1) + " " + f[2], n);
      }
    } catch (NumberFormatException e) {
      // a header or a format this does not know
    }
  }

  /** The remote end as /proc prints it: in tcp, and (IPv4 over an IPv6 socket) as v4-mapped in tcp6. */
  static List<String> peers(InetAddress remote, int port) {
    byte[] a = remote.getAddress();
    String p = ":" + port(port);
    if (remote instanceof Inet4Address) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(a, 0, mapped, 12, 4);
      return List.of(words(a) + p, words(mapped) + p);
    }
    return List.of(words(a) + p);
  }

  /** The address as 32-bit words in the machine's byte order, each printed %08X, as the kernel does. */
  private static String words(byte[] a) {
    StringBuilder s = new StringBuilder(a.length * 2);
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    for (int w = 0; w < a.length; w += 4) {
      for (int i = 0; i < 4; i++) {
        s.append(HexFormat.of().withUpperCase().toHexDigits(a[w + (little ? 3 - i : i)]));
      }
    }
    return s.toString();
  }

  static String port(int port) {
    return String.format(Locale.ROOT, "%04X", port);
  }
}
