package io.newsline.common.http;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes sockets that overstay: blocking socket writes have no timeout in Java, and blocking
 * reads do not react to interrupts, so a watched socket is closed when its deadline passes or
 * (optionally) when the thread working on it is interrupted. Checks every 200 ms on one daemon
 * thread.
 */
public final class SocketWatchdog implements AutoCloseable {
  private static final long PERIOD_MILLIS = 200;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;

  /** One watched socket; {@link #close()} ends the watch (not the socket). */
  public final class Watch implements AutoCloseable {
    private final Closeable socket;
    private final Thread owner;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean fired;

    private Watch(Closeable socket, Thread owner) {
      this.socket = socket;
      this.owner = owner;
    }

    /** The socket is closed if still watched {@code nanos} from now. */
    public void deadline(long nanos) {
      deadlineNanos = System.nanoTime() + nanos;
    }

    public void noDeadline() {
      deadlineNanos = Long.MAX_VALUE;
    }

    /** Whether the watchdog closed the socket. */
    public boolean fired() {
      return fired;
    }

    private void check(long now) {
      long d = deadlineNanos;
      if ((d != Long.MAX_VALUE && now - d > 0) || (owner != null && owner.isInterrupted())) {
        fired = true;
        watches.remove(this);
        try {
          socket.close();
        } catch (IOException e) {
          // closing is all we wanted
        }
      }
    }

    @Override
    public void close() {
      watches.remove(this);
    }
  }

  public SocketWatchdog(String name) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name + "-watchdog");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::checkAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Watches a socket by deadline only. */
  public Watch watch(Closeable socket) {
    return add(new Watch(socket, null));
  }

  /** Watches a socket by deadline, and closes it when the calling thread is interrupted. */
  public Watch watchWithInterrupts(Closeable socket) {
    return add(new Watch(socket, Thread.currentThread()));
  }

  private Watch add(Watch w) {
    watches.add(w);
    return w;
  }

  private void checkAll() {
    long now = System.nanoTime();
    for (Watch w : watches) {
      w.check(now);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
