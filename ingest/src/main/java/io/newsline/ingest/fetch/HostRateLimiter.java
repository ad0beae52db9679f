package io.newsline.ingest.fetch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * At most one request per interval to each host, across all threads: each caller reserves the
 * host's next free slot and sleeps until it. Hosts may ask for a longer interval (robots.txt
 * Crawl-delay). Thread-safe.
 */
public final class HostRateLimiter {
  private final Duration defaultInterval;
  private final Map<String, Long> nextSlotNanos = new HashMap<>();
  private final Map<String, Duration> intervals = new HashMap<>();

  public HostRateLimiter(Duration defaultInterval) {
    this.defaultInterval = defaultInterval;
  }

  /** Sets a host's interval (never below the default). */
  public synchronized void setInterval(String host, Duration interval) {
    if (interval.compareTo(defaultInterval) > 0) {
      intervals.put(host, interval);
    }
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
    long interval = intervals.getOrDefault(host, defaultInterval).toNanos();
    long slot = Math.max(now, nextSlotNanos.getOrDefault(host, now));
    nextSlotNanos.put(host, slot + interval);
    return slot - now;
  }
}
