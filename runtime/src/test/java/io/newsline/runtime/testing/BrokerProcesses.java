package io.newsline.runtime.testing;

import io.newsline.common.kafka.BrokerDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of real broker processes, for fault injection: every node is its own
 * {@code kafka.Kafka} JVM (KRaft, broker and controller combined, static voters), started from the
 * Kafka jars on this JVM's class path, with its log directory formatted once by
 * {@code kafka.tools.StorageTool}. Nodes can be killed, restarted (keeping their data), paused
 * (SIGSTOP: a broker that stops answering) and resumed. Listens on 127.0.0.1 only.
 */
public final class BrokerProcesses implements AutoCloseable {
  private final Path dir;
  private final String classPath;
  private final int[] brokerPorts;
  private final Process[] nodes;

  private BrokerProcesses(Path dir, String classPath, int count) {
    this.dir = dir;
    this.classPath = classPath;
    this.brokerPorts = new int[count];
    this.nodes = new Process[count];
  }

  /** Formats and starts {@code count} nodes under {@code dir}, waiting until every broker answers. */
  public static BrokerProcesses start(int count, Path dir, String classPath, Duration timeout) throws Exception {
    BrokerProcesses c = new BrokerProcesses(dir, classPath, count);
    try {
      c.configure(count);
      for (int i = 0; i < count; i++) {
        c.start(i);
      }
      c.awaitBrokers(count, timeout);
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The Kafka jars of this JVM (tests run with them on the class path). */
  public static String ownClassPath() {
    return System.getProperty("java.class.path");
  }

  public String bootstrapServers() {
    StringJoiner j = new StringJoiner(",");
    for (int p : brokerPorts) {
      j.add("127.0.0.1:" + p);
    }
    return j.toString();
  }

  public int size() {
    return nodes.length;
  }

  private void configure(int count) throws IOException {
    int[] controllerPorts = new int[count];
    for (int i = 0; i < count; i++) {
      brokerPorts[i] = Ports.free();
      controllerPorts[i] = Ports.free();
    }
    StringJoiner voters = new StringJoiner(",");
    for (int i = 0; i < count; i++) {
      voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
        "status = error", "rootLogger.level = WARN", "rootLogger.appenderRef.f.ref = F", "appender.f.type = File",
        "appender.f.name = F", "appender.f.fileName = ${sys:kafka.logs.dir}/server.log", "appender.f.layout.type = PatternLayout",
        "appender.f.layout.pattern = [%d] %p %m (%c)%n", ""), StandardCharsets.UTF_8);
    String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < count; i++) {
      Path node = dir.resolve("node-" + (i + 1));
      Files.createDirectories(node);
      Properties p = new Properties();
      p.putAll(Map.ofEntries(
          Map.entry("process.roles", "broker,controller"),
          Map.entry("node.id", String.valueOf(i + 1)),
          Map.entry("controller.quorum.voters", voters.toString()),
          Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]),
          Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i]),
          Map.entry("controller.listener.names", "CONTROLLER"),
          Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
          Map.entry("inter.broker.listener.name", "PLAINTEXT"),
          Map.entry("log.dirs", node.resolve("data").toString()),
          Map.entry("num.network.threads", "2"),
          Map.entry("num.io.threads", "2"),
          Map.entry("num.recovery.threads.per.data.dir", "1")));
      p.putAll(BrokerDefaults.forCluster(Math.min(3, count), Math.min(2, count)));
      try (var w = Files.newBufferedWriter(node.resolve("server.properties"), StandardCharsets.UTF_8)) {
        p.store(w, "newsline test broker " + (i + 1));
      }
      run(node, List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", node.resolve("server.properties").toString()));
    }
  }

  private void run(Path node, List<String> mainAndArgs) throws IOException {
    Process p = new ProcessBuilder(command(node, "256m", mainAndArgs)).redirectErrorStream(true)
        .redirectOutput(node.resolve("format.log").toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("formatting " + node + " failed: " + Files.readString(node.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while formatting " + node, e);
    }
  }

  private List<String> command(Path node, String heap, List<String> mainAndArgs) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"), "-Dkafka.logs.dir=" + node,
        "-cp", classPath));
    cmd.addAll(mainAndArgs);
    return cmd;
  }

  /** Starts node {@code i} (0-based) on its existing data; it was formatted at cluster start. */
  public synchronized void start(int i) throws IOException {
    if (nodes[i] != null && nodes[i].isAlive()) {
      return;
    }
    Path node = dir.resolve("node-" + (i + 1));
    nodes[i] = new ProcessBuilder(command(node, "512m", List.of("kafka.Kafka", node.resolve("server.properties").toString())))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(node.resolve("stdout.log").toFile())).start();
  }

  /** Kills node {@code i} with SIGKILL: no controlled shutdown, as when a machine dies. */
  public synchronized void kill(int i) throws InterruptedException {
    if (nodes[i] != null) {
      nodes[i].destroyForcibly();
      nodes[i].waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Stops node {@code i} with SIGTERM (controlled shutdown), waiting up to the timeout, then kills it. */
  public synchronized void stop(int i, Duration timeout) throws InterruptedException {
    if (nodes[i] != null) {
      nodes[i].destroy();
      if (!nodes[i].waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(i);
      }
    }
  }

  /** SIGSTOP: the node keeps its connections open but answers nothing, like a hung machine. */
  public void pause(int i) throws IOException, InterruptedException {
    signal(i, "STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume(int i) throws IOException, InterruptedException {
    signal(i, "CONT");
  }

  private void signal(int i, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(nodes[i].pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + nodes[i].pid() + " failed");
    }
  }

  /** Waits until {@code count} brokers are registered with the cluster. */
  public void awaitBrokers(int count, Duration timeout) throws Exception {
    awaitCluster(bootstrapServers(), nodes -> nodes >= count, "fewer than " + count + " brokers", timeout);
  }

  /**
   * Waits until node {@code i} (0-based) answers on its own listener and the cluster counts it
   * among its brokers again: a restarted node is back, not merely still listed.
   */
  public void awaitBroker(int i, Duration timeout) throws Exception {
    awaitCluster("127.0.0.1:" + brokerPorts[i], nodes -> nodes >= this.nodes.length, "broker " + (i + 1) + " not back", timeout);
  }

  private void awaitCluster(String bootstrap, java.util.function.IntPredicate registered, String failure, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 5000,
        "default.api.timeout.ms", 10000))) {
      while (System.nanoTime() < deadline) {
        for (int i = 0; i < nodes.length; i++) {
          if (nodes[i] != null && !nodes[i].isAlive()) {
            throw new IOException("broker " + (i + 1) + " exited: " + tail(i));
          }
        }
        try {
          if (registered.test(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size())) {
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        Thread.sleep(200);
      }
    }
    throw new IOException(failure + " after " + timeout + (last == null ? "" : ": " + last));
  }

  private String tail(int i) {
    try {
      String log = Files.readString(dir.resolve("node-" + (i + 1)).resolve("stdout.log"));
      return log.substring(Math.max(0, log.length() - 2000));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    for (Process p : nodes) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    for (Process p : nodes) {
      if (p != null) {
        try {
          p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
