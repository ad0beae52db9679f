package io.newsline.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.newsline.common.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The end of the chaos run's input. The fault-free run of the 20-kill chaos run differed from the
 * chaos run (and from itself) because its one sentinel overtook articles still on their way
 * through another partition: the sentinel released aggregate's reorder buffer, and those articles
 * came late and were clustered in arrival order. Now the sentinels wait until aggregate has read
 * every article, and there is one per partition (a buffer released by every partition's progress
 * needs each to deliver something newer).
 */
class ChaosInputTest {
  @Test
  void thereIsASentinelOnEveryPartition() {
    for (int partitions : new int[] {1, 3, 6}) {
      Set<Integer> reached = new TreeSet<>();
      for (ObjectNode s : ChaosInput.sentinels(Instant.parse("2026-11-03T00:00:00Z"), partitions)) {
        String id = s.get("id").asText();
        assertThat(ChaosInput.isSentinel(id)).isTrue();
        reached.add(Utils.toPositive(Utils.murmur2(("push:" + id).getBytes(StandardCharsets.UTF_8))) % partitions);
      }
      assertThat(reached).hasSize(partitions);
    }
  }

  @Test
  void theSentinelsAreSentOnlyOnceTheGateOpens() throws Exception {
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/articles", x -> {
      for (var a : Json.parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))) {
        received.add(a.get("id").asText());
      }
      x.sendResponseHeaders(202, -1);
      x.close();
    });
    server.start();
    try {
      List<ObjectNode> articles = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        articles.add(Json.object().put("id", "c" + i));
      }
      CountDownLatch gateReached = new CountDownLatch(1);
      CountDownLatch open = new CountDownLatch(1);
      PushSender sender = new PushSender("http://127.0.0.1:" + server.getAddress().getPort() + "/articles", "t", articles,
          ChaosInput.sentinels(Instant.parse("2026-11-03T00:00:00Z"), 3), () -> {
            gateReached.countDown();
            open.await();
          }, 2, 1000);
      Thread t = new Thread(sender);
      t.start();
      assertThat(gateReached.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(received).containsExactly("c0", "c1", "c2", "c3", "c4");
      open.countDown();
      t.join(30_000);
      assertThat(sender.done()).isTrue();
      assertThat(received).hasSize(8);
      assertThat(received.subList(5, 8)).allMatch(ChaosInput::isSentinel);
    } finally {
      server.stop(0);
    }
  }

}
