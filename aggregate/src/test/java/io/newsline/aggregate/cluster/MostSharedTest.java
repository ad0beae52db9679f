package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MostSharedTest {
  /** The candidates kept are those a sort of every event by (shared keys descending, id) keeps first. */
  @Test
  void keepsWhatTheFullSortKept() {
    Random r = new Random(14);
    for (int round = 0; round < 2000; round++) {
      List<EventState> events = new ArrayList<>();
      int m = EventClusterer.MAX_CANDIDATES + 1 + r.nextInt(round % 2 == 0 ? 40 : 2000);
      int maxKeys = 1 + r.nextInt(round % 3 == 0 ? 2 : 30);
      for (int i = 0; i < m; i++) {
        EventState e = new EventState("ev-" + r.nextInt(1_000_000) + "-" + i);
        e.sharedKeys = 1 + r.nextInt(maxKeys);
        events.add(e);
      }
      List<EventState> sorted = new ArrayList<>(events);
      sorted.sort((x, y) -> x.sharedKeys != y.sharedKeys ? y.sharedKeys - x.sharedKeys : x.id.compareTo(y.id));
      List<EventState> expected = new ArrayList<>(sorted.subList(0, EventClusterer.MAX_CANDIDATES));
      expected.sort(Comparator.comparing(e -> e.id));
      List<EventState> kept = EventClusterer.mostShared(events, EventClusterer.MAX_CANDIDATES);
      kept.sort(Comparator.comparing(e -> e.id));
      assertThat(kept).containsExactlyElementsOf(expected);
    }
  }
}
