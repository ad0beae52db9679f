package io.newsline.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start-up until the Kafka brokers (or the schema registry) accept a TCP connection, so a
 * wrong address or a stopped broker ends in one line naming the setting, not in a Kafka client's
 * timeout and its retries in the log. A container started together with its broker (docker-compose
 * restart) waits for it instead of failing.
 */
final class Reachability {
  private static final Logger LOG = LoggerFactory.getLogger(Reachability.class);
  /** How long a service waits by default (setting startup.timeout). */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private Reachability() {}

  /** Returns once one of the comma-separated host:port addresses accepts a connection. */
  static void awaitKafka(String bootstrapServers, Duration timeout) throws InterruptedException {
    await("Kafka", "bootstrap.servers", bootstrapServers, addresses(bootstrapServers), timeout);
  }

  /** Returns once one of the comma-separated registry URLs accepts a connection. */
  static void awaitRegistry(String urls, Duration timeout) throws InterruptedException {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String u : urls.split(",")) {
      try {
        URI uri = URI.create(u.strip());
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (uri.getHost() != null) {
          addresses.add(InetSocketAddress.createUnresolved(uri.getHost(), port));
        }
      } catch (IllegalArgumentException e) {
        throw new io.newsline.common.config.ConfigException("setting schema.registry.url: not a URL: " + u.strip());
      }
    }
    await("the schema registry", "schema.registry.url", urls, addresses, timeout);
  }

  private static void await(String what, String setting, String value, List<InetSocketAddress> addresses, Duration timeout)
      throws InterruptedException {
    if (addresses.isEmpty()) {
      throw new io.newsline.common.config.ConfigException("setting " + setting + " names no address: '" + value + "'");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    boolean told = false;
    while (true) {
      for (InetSocketAddress a : addresses) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), 2000);
          return;
        } catch (IOException e) {
          last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new ErrorReport.UnreachableException("cannot reach " + what + " at " + value + " (" + setting + "): "
            + last.toLowerCase(java.util.Locale.ROOT) + " for " + timeout.toSeconds() + " s");
      }
      if (!told) {
        LOG.info("waiting for {} at {} ({})", what, value, last);
        told = true;
      }
      Thread.sleep(500);
    }
  }

  private static List<InetSocketAddress> addresses(String hostPorts) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String hp : hostPorts.split(",")) {
      String s = hp.strip();
      int scheme = s.indexOf("://");
      if (scheme >= 0) {
        s = s.substring(scheme + 3); // SASL_SSL://host:port as some users write it
      }
      int colon = s.lastIndexOf(':');
      if (s.isEmpty()) {
        continue;
      }
      if (colon <= 0 || colon == s.length() - 1) {
        throw new io.newsline.common.config.ConfigException("setting bootstrap.servers: '" + hp.strip() + "' is not host:port");
      }
      String host = s.substring(0, colon).replace("[", "").replace("]", "");
      try {
        out.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(s.substring(colon + 1))));
      } catch (IllegalArgumentException e) {
        throw new io.newsline.common.config.ConfigException("setting bootstrap.servers: '" + hp.strip() + "' is not host:port");
      }
    }
    return out;
  }
}
