package io.newsline.runtime.ops;

/** A component's health, asked on every /health request. */
public interface HealthCheck {
  String name();

  Status status();

  /** UP: working; STARTING: not ready yet; DOWN: failed. Detail is a short human-readable state. */
  record Status(State state, String detail) {
    public static Status up(String detail) {
      return new Status(State.UP, detail);
    }

    public static Status starting(String detail) {
      return new Status(State.STARTING, detail);
    }

    public static Status down(String detail) {
      return new Status(State.DOWN, detail);
    }
  }

  enum State {
    UP,
    STARTING,
    DOWN
  }
}
