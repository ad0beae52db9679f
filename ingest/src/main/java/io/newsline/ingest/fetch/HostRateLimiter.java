package io.newsline.ingest.fetch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most one request per interval to each host, across all threads: each caller reserves the
 * host's next free slot and sleeps until it. Hosts may ask for a longer interval (robots.txt
 * Crawl-delay). Remembers at most {@code maxHosts} hosts, forgetting the least recently used (feed
 * items link to ever new hosts; a host unused among the last {@code maxHosts} has no slot to keep,
 * and its Crawl-delay is set again from the robots.txt cache before its next request).
 * Thread-safe.
 */
public final class HostRateLimiter {
  private final Duration defaultInterval;
  private final Map<String, Host> hosts;

  private static final class Host {
    long nextSlotNanos = Long.MIN_VALUE; // none reserved yet (System.nanoTime() may be negative)
    Duration interval;
  }

  public HostRateLimiter(Duration defaultInterval) {
    this(defaultInterval, 10_000);
  }

  public HostRateLimiter(Duration defaultInterval, int maxHosts) {
    this.defaultInterval = defaultInterval;
    this.hosts = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Host> eldest) {
        return size() > maxHosts;
      }
    };
  }

  /** Sets a host's interval (never below the default). */
  public synchronized void setInterval(String host, Duration interval) {
    host(host).interval = interval.compareTo(defaultInterval) > 0 ? interval : null;
  }

  /** Blocks until this caller may send a request to the host. */
  public void acquire(String host) throws InterruptedException {
    long wait = reserve(host, System.nanoTime());
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  /** Reserves the host's next slot; returns how long to wait for it, in nanoseconds. */
  synchronized long reserve(String host, long now) {
    Host h = host(host);
    long interval = (h.interval == null ? defaultInterval : h.interval).toNanos();
    long slot = Math.max(now, h.nextSlotNanos);
    h.nextSlotNanos = slot + interval;
    return slot - now;
  }

  /** Hosts remembered now. */
  synchronized int size() {
    return hosts.size();
  }

  private Host host(String name) {
    return hosts.computeIfAbsent(name, k -> new Host());
  }
}
