package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.common.config.Settings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PendingInput} against a broker that accepts connections and never answers (one in
 * trouble): each question gives up after its own 10 s, not the admin client's 60 s default, so the
 * loop of {@code newsline local} that asks it gets back to Ctrl-C in time. It waited over a minute
 * in {@code listTopics} before.
 */
class PendingInputTimeoutTest {

  @Test
  void aBrokerThatNeverAnswersIsGivenUpOnWithinTheQuestionsOwnTimeout() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // never read, never answered
          }
        } catch (Exception e) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Settings settings = Settings.of(Map.of("bootstrap.servers", "127.0.0.1:" + silent.getLocalPort(),
          "schema.registry.url", "http://127.0.0.1:1"));
      try (PendingInput pending = new PendingInput(settings, Stages.ALL)) {
        long t0 = System.nanoTime();
        assertThat(pending.drained()).isFalse();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(40); // 10 s and start-up; 60 s was the default
        t0 = System.nanoTime();
        assertThat(pending.count(10)).isEqualTo(-1);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(40);
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
