package io.newsline.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A streamed answer's client that vanishes without closing (its packets dropped, as on a cut network). */
class StreamCutClientTest {

  @Test
  void procRowsAreMatchedByPortsAndAddressInBothTables() {
    // x86 is little-endian: 127.0.0.1 prints 0100007F (the kernel's own rows, tcp and tcp6)
    assumeTrue(java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN);
    List<String> peers = TcpRetransmits.peers(InetAddress.getLoopbackAddress(), 0xC350);
    assertThat(peers).containsExactly("0100007F:C350", "0000000000000000FFFF00000100007F:C350");
    java.util.Map<String, Integer> resending = new java.util.HashMap<>();
    TcpRetransmits.row("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", resending);
    TcpRetransmits.row("   3: 0100007F:1F90 0100007F:C350 01 0000000E:00000000 01:00000123 00000005     0        0 4711 2 0", resending);
    TcpRetransmits.row("   4: 0000000000000000FFFF00000100007F:1F91 0000000000000000FFFF00000100007F:C351 01 00000000:00000000 01:00000012 0000000A     0        0 4712 1", resending);
    TcpRetransmits.row("   5: 0100007F:1F92 0100007F:C352 01 00000000:00000000 00:00000000 00000000     0        0 4713 1", resending);
    assertThat(resending).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "1F90 " + peers.get(0), 5, "1F91 0000000000000000FFFF00000100007F:C351", 10)); // none resent to: not kept
    assertThat(TcpRetransmits.port(8080)).isEqualTo("1F90");
  }

  @Test
  void aStreamWhoseClientVanishedFreesItsThreadWithinSeconds() throws Exception {
    assumeTrue(run("nft", "list", "tables") == 0, "needs nft and CAP_NET_ADMIN to cut a connection");
    CompletableFuture<Long> ended = new CompletableFuture<>();
    HttpService http = HttpService.builder("cut", "127.0.0.1", 0)
        .get("/stream", r -> Response.stream(200, "text/event-stream", java.util.Map.of(), out -> {
          // as EventStream does: a client check every second, a heartbeat every 2 s
          out.write(": hello\n\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          try {
            for (int i = 0; i < 120; i++) {
              Thread.sleep(1000);
              if (Response.clientClosed(out)) {
                break;
              }
              if (i % 2 == 1) {
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            ended.complete(System.nanoTime());
          }
        }))
        .start();
    String table = "newsline_test_" + ProcessHandle.current().pid();
    try (http; Socket s = new Socket("127.0.0.1", java.net.URI.create(http.baseUrl()).getPort())) {
      s.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] buf = new byte[256];
      assertThat(new String(buf, 0, in.read(buf), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
      int port = s.getLocalPort(); // only this connection's packets are dropped
      assertThat(run("nft", "add", "table", "inet", table)).isZero();
      assertThat(run("nft", "add", "chain", "inet", table, "in", "{ type filter hook input priority -10 ; }")).isZero();
      assertThat(run("nft", "add", "rule", "inet", table, "in", "tcp", "sport", String.valueOf(port), "drop")).isZero();
      assertThat(run("nft", "add", "rule", "inet", table, "in", "tcp", "dport", String.valueOf(port), "drop")).isZero();
      long cut = System.nanoTime();
      // before: writes went on into the send buffer for the kernel's ~15 minutes of resends
      long took = TimeUnit.NANOSECONDS.toMillis(ended.get(30, TimeUnit.SECONDS) - cut);
      System.out.printf("stream of a vanished client ended %d ms after the cut%n", took);
      assertThat(took).isLessThan(15_000);
    } finally {
      run("nft", "delete", "table", "inet", table);
    }
  }

  private static int run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (Exception e) {
      return -1;
    }
  }
}
