package io.newsline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop: the command closes what it runs in order and
 * returns its exit status, 130 after Ctrl-C (the shell's convention) and 0 after SIGTERM (a
 * requested stop is not a failure). Without this the JVM would run its shutdown hooks in no
 * particular order and exit 130 or 143. A second signal while stopping ends the process at once.
 */
final class StopSignal implements AutoCloseable {
  static final int INTERRUPTED = 130;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger status = new AtomicInteger(-1);
  private final List<Runnable> restore = new ArrayList<>();

  private StopSignal() {}

  /** Handles SIGINT and SIGTERM from now until {@link #close()}. */
  static StopSignal install() {
    StopSignal s = new StopSignal();
    s.handle("INT", INTERRUPTED);
    s.handle("TERM", 0);
    return s;
  }

  private void handle(String name, int exitStatus) {
    try {
      Signal signal = new Signal(name);
      SignalHandler previous = Signal.handle(signal, sig -> onSignal(exitStatus));
      restore.add(() -> Signal.handle(signal, previous));
    } catch (IllegalArgumentException e) {
      // the signal is not available here (or the JVM was started with -Xrs): the default applies
    }
  }

  private void onSignal(int exitStatus) {
    if (!status.compareAndSet(-1, exitStatus)) {
      Runtime.getRuntime().halt(status.get()); // asked twice: stop now
    }
    stopped.countDown();
  }

  /** Asks to stop with this exit status, as a signal would (the first request wins). */
  void stop(int exitStatus) {
    status.compareAndSet(-1, exitStatus);
    stopped.countDown();
  }

  boolean requested() {
    return stopped.getCount() == 0;
  }

  /** Blocks until a stop is requested; returns the exit status to end with. */
  int await() throws InterruptedException {
    stopped.await();
    return status.get();
  }

  /** Gives SIGINT and SIGTERM back to their previous handlers. */
  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}
