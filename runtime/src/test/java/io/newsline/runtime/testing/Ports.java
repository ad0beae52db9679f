package io.newsline.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for processes a test or harness starts: free now, chosen by the system, so parallel runs do not collide. */
public final class Ports {
  private Ports() {}

  /** A port nothing listens on at the moment. */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
