package io.newsline.common;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long-running commands: at most one line per interval, with count and rate,
 * e.g. "import: 120000 lines, 3150/s". Thread-safe.
 */
public final class Progress {
  private final String task;
  private final PrintStream out;
  private final long intervalMillis;
  private final long startNanos = System.nanoTime();
  private long lastPrint;
  private long count;

  public Progress(String task, PrintStream out, long intervalMillis) {
    this.task = task;
    this.out = out;
    this.intervalMillis = intervalMillis;
    this.lastPrint = System.currentTimeMillis();
  }

  /** A progress that prints nothing. */
  public static Progress silent() {
    return new Progress("", null, Long.MAX_VALUE);
  }

  public synchronized void add(long n, String unit) {
    count += n;
    long now = System.currentTimeMillis();
    if (out != null && now - lastPrint >= intervalMillis) {
      lastPrint = now;
      out.println(line(unit));
    }
  }

  public synchronized long count() {
    return count;
  }

  /** Prints the final line regardless of the interval. */
  public synchronized void finish(String unit) {
    if (out != null) {
      out.println(line(unit) + " (done)");
    }
  }

  public double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private String line(String unit) {
    double s = Math.max(1e-3, seconds());
    return String.format(Locale.ROOT, "%s: %d %s in %.1f s, %.0f/s", task, count, unit, s, count / s);
  }
}
