package io.newsline.ingest.feed;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for failing feeds: initial x 2^(errors-1), capped, then a random
 * point in its upper half so that many feeds failing together (a network outage) do not retry in
 * lockstep. A server's Retry-After is honoured when it asks for longer.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  public Duration delay(int consecutiveErrors, Duration retryAfter) {
    int exp = Math.max(0, Math.min(consecutiveErrors - 1, 30));
    long ms = initial.toMillis() * (1L << Math.min(exp, 20));
    ms = Math.min(ms, max.toMillis());
    long jittered = ms / 2 + (ms > 1 ? random.nextLong(ms / 2 + 1) : 0);
    Duration d = Duration.ofMillis(Math.max(1, jittered));
    if (retryAfter != null && retryAfter.compareTo(d) > 0) {
      d = retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
    return d;
  }
}
