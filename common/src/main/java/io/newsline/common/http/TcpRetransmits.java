package io.newsline.common.http;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * How many times in a row the kernel has resent a connection's unacknowledged data (Linux, from
 * /proc/net/tcp and tcp6; 0 where that cannot be read). A peer that vanished without closing (a
 * cut network, a laptop closed) acknowledges nothing: Java sees writes succeed into the send
 * buffer for the kernel's ~15 minutes of retries, but the count climbs within seconds (resends at
 * 0.2, 0.6, 1.4, 3 s ... after a write on a short path), while any live peer resets it to 0 with
 * its next acknowledgement, however slowly it reads.
 */
final class TcpRetransmits {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private TcpRetransmits() {}

  static int of(Socket socket) {
    InetAddress remote = socket.getInetAddress();
    if (remote == null || socket.isClosed()) {
      return 0;
    }
    String local = ":" + port(socket.getLocalPort());
    List<String> peers = peers(remote, socket.getPort());
    for (Path table : TABLES) {
      try {
        for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
          int n = count(line, local, peers);
          if (n >= 0) {
            return n;
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or /proc not mounted: no figure
      }
    }
    return 0;
  }

  /** The row's retransmit count when it is the connection's (local port, remote address and port), else -1. */
  static int count(String line, String localPortSuffix, List<String> peers) {
    String[] f = line.strip().split("\\s+");
    if (f.length < 7 || !f[1].endsWith(localPortSuffix) || !peers.contains(f[2])) {
      return -1;
    }
    return Integer.parseInt(f[6], 16);
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

  private static String port(int port) {
    return String.format(Locale.ROOT, "%04X", port);
  }
}
