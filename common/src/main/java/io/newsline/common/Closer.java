package io.newsline.common;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a process opened in reverse order: the last resource registered closes first, so
 * nothing is closed while something opened after it may still use it (a stage before the producer
 * it writes with, the producer before the broker). A resource that fails to close is logged and
 * the rest still close. Thread-safe: a shutdown hook may close while the main thread is still
 * starting things; whatever is registered after that is closed at once.
 */
public final class Closer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private boolean closed;

  /** Registers the resource to be closed before every resource registered earlier; returns it. */
  public <T extends AutoCloseable> T register(T resource) {
    synchronized (resources) {
      if (!closed) {
        resources.push(resource);
        return resource;
      }
    }
    closeQuietly(resource); // shutting down already
    return resource;
  }

  /** Closes every registered resource, last registered first. Later calls do nothing. */
  @Override
  public void close() {
    synchronized (resources) {
      closed = true;
      while (!resources.isEmpty()) {
        closeQuietly(resources.pop());
      }
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while closing {}", resource);
    } catch (Exception e) {
      LOG.warn("error while closing {}: {}", resource, e.toString());
    }
  }
}
