package io.newsline.embedded;

import io.newsline.common.kafka.BrokerDefaults;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka cluster (KRaft) inside this JVM, for `newsline local` and integration tests. Brokers
 * listen on free localhost ports; data lives in a temporary folder removed on close.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Starts {@code brokers} brokers (the first also acts as the KRaft controller) and waits until ready. */
  public static EmbeddedKafka start(int brokers) throws Exception {
    return start(brokers, null);
  }

  public static EmbeddedKafka start(int brokers, Path baseDir) throws Exception {
    TestKitNodes.Builder nodes =
        new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(brokers).setNumControllerNodes(1);
    if (baseDir != null) {
      nodes.setBaseDirectory(baseDir);
    }
    KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(nodes.build());
    BrokerDefaults.forCluster(Math.min(3, brokers), 1).forEach(b::setConfigProp);
    KafkaClusterTestKit cluster = b.build();
    try {
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new EmbeddedKafka(cluster);
  }

  /** The test kit prints its storage formatting to stdout; keep the command's output readable. */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    java.io.PrintStream out = System.out;
    synchronized (EmbeddedKafka.class) {
      System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      try {
        cluster.format();
      } finally {
        System.setOut(out);
      }
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public int brokers() {
    return cluster.brokers().size();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
