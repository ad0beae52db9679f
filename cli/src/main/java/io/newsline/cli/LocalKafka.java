package io.newsline.cli;

import io.newsline.common.kafka.BrokerDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka server in this process, broker and KRaft controller in one (what
 * {@code kafka.Kafka} runs for a combined node), whose log directory persists: formatted once with
 * Kafka's StorageTool on first use, then reused, so topics, offsets and transactions survive a
 * restart. The broker listens on loopback only; the controller on a free loopback port (a static
 * quorum of one, so that port may change between starts).
 *
 * <p>Not safe against a second server on the same directory: the caller holds a lock on it
 * ({@link DataFolder}). Kafka's own lock would catch it too, but only after ports are bound.
 */
final class LocalKafka implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final KafkaRaftServer server;
  private final int port;
  private final boolean formatted;

  private LocalKafka(KafkaRaftServer server, int port, boolean formatted) {
    this.server = server;
    this.port = port;
    this.formatted = formatted;
  }

  /**
   * Starts the server on {@code logDir} (created and formatted when it holds no Kafka data yet),
   * the broker on {@code port} (0 for a free one), and waits until it accepts clients.
   *
   * @param overrides broker settings on top of the single-node defaults
   */
  static LocalKafka start(Path logDir, int port, Map<String, String> overrides) throws IOException {
    int brokerPort = port == 0 ? Ports.free(HOST) : port;
    Properties props = config(logDir, brokerPort, Ports.free(HOST), overrides);
    boolean format = !Files.exists(logDir.resolve("meta.properties"));
    if (format) {
      requireEmptyOrMissing(logDir);
      Files.createDirectories(logDir);
      format(logDir, props);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    try {
      // returns once the broker is unfenced: its listener accepts clients
      server.startup();
    } catch (RuntimeException e) {
      stop(server);
      throw e;
    }
    return new LocalKafka(server, brokerPort, format);
  }

  /** The single-node configuration: what an operator would put in server.properties. */
  static Properties config(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
    Map<String, String> c = new TreeMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", "1");
    c.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    c.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("log.dirs", logDir.toAbsolutePath().toString());
    // one broker: every internal topic with one replica
    c.putAll(BrokerDefaults.forCluster(1, 1));
    c.put("share.coordinator.state.topic.replication.factor", "1");
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.putAll(overrides);
    Properties p = new Properties();
    p.putAll(c);
    return p;
  }

  /** Formats the log directory with a new cluster id, as {@code kafka-storage.sh format} does. */
  private static void format(Path logDir, Properties props) throws IOException {
    Path file = Files.createTempFile("newsline-kafka", ".properties");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(w, null);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
          "--config", file.toString()}, out);
    } catch (RuntimeException e) {
      throw new IOException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(file);
    }
    if (status != 0) {
      throw new IOException("cannot format the Kafka log directory " + logDir + ": "
          + output.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** Refuses to format a directory that holds something else: it is not ours to overwrite. */
  private static void requireEmptyOrMissing(Path logDir) throws IOException {
    if (!Files.isDirectory(logDir)) {
      if (Files.exists(logDir)) {
        throw new IOException(logDir + " is not a directory");
      }
      return;
    }
    try (Stream<Path> files = Files.list(logDir)) {
      if (files.findAny().isPresent()) {
        throw new IOException(logDir + " holds files but no Kafka data (no meta.properties)");
      }
    }
  }

  String bootstrapServers() {
    return HOST + ":" + port;
  }

  int port() {
    return port;
  }

  /** Whether this start formatted the log directory (a new, empty cluster). */
  boolean formatted() {
    return formatted;
  }

  /** Controlled shutdown: the broker leaves, then the controller; logs are flushed and marked clean. */
  @Override
  public void close() {
    stop(server);
  }

  private static void stop(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }
}
