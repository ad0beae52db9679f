package io.newsline.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {
  @Test
  void closesInReverseOrderOnceEvenWhenOneFails() {
    List<String> closed = new ArrayList<>();
    Closer closer = new Closer();
    closer.register(() -> closed.add("broker"));
    closer.register(() -> {
      closed.add("producer");
      throw new IllegalStateException("broken");
    });
    closer.register(() -> closed.add("stage"));
    closer.close();
    closer.close();
    assertThat(closed).containsExactly("stage", "producer", "broker");
  }

  @Test
  void closesAtOnceWhatIsRegisteredAfterClosing() {
    List<String> closed = new ArrayList<>();
    Closer closer = new Closer();
    closer.close();
    AutoCloseable late = () -> closed.add("late");
    assertThat(closer.register(late)).isSameAs(late);
    assertThat(closed).containsExactly("late");
  }
}
