package io.newsline.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InputProgressTest {
  /** An article as an input partition delivers it: partition, offset, ingested_at. */
  private record In(int partition, long offset, long ingestedAt) {}

  /**
   * Three input partitions (ingest clocks slightly out of step, as with several ingest instances)
   * interleaved in many random ways: the buffer releases the same articles in the same order every
   * time, and each as soon as every partition has delivered something at or past it.
   */
  @Test
  void everyInterleavingReleasesTheSameOrder() {
    List<List<In>> partitions = new ArrayList<>();
    Random r = new Random(5);
    for (int p = 0; p < 3; p++) {
      List<In> in = new ArrayList<>();
      long t = 1_000;
      for (int o = 0; o < 200; o++) {
        t += r.nextInt(40) - 10; // mostly forward, sometimes a little back
        in.add(new In(p, o, t));
      }
      partitions.add(in);
    }
    List<In> first = null;
    for (int run = 0; run < 50; run++) {
      List<In> released = interleave(partitions, new Random(run));
      assertThat(released).hasSize(600);
      if (first == null) {
        first = released;
      } else {
        assertThat(released).isEqualTo(first);
      }
    }
  }

  private static List<In> interleave(List<List<In>> partitions, Random r) {
    InputProgress progress = new InputProgress(partitions.size());
    TreeMap<String, In> buffer = new TreeMap<>();
    List<In> released = new ArrayList<>();
    int[] next = new int[partitions.size()];
    int left = partitions.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int p = r.nextInt(partitions.size());
      // a task delivers a burst of its partition's articles
      for (int k = r.nextInt(20); k >= 0 && next[p] < partitions.get(p).size(); k--, left--) {
        In a = partitions.get(p).get(next[p]++);
        buffer.put(progress.advance(a.partition(), a.offset(), a.ingestedAt()), a);
        String reached = progress.reached();
        while (reached != null && !buffer.isEmpty() && buffer.firstKey().compareTo(reached) <= 0) {
          released.add(buffer.pollFirstEntry().getValue());
        }
      }
    }
    released.addAll(buffer.values()); // the idle flush at the end of the input
    return released;
  }

  @Test
  void nothingIsReleasedUntilEveryPartitionHasDelivered() {
    InputProgress progress = new InputProgress(2);
    progress.advance(0, 0, 100);
    assertThat(progress.reached()).isNull();
    String b = progress.advance(1, 0, 50);
    assertThat(progress.reached()).isEqualTo(b);
    // a partition whose clock went back keeps its latest ingest time: positions only grow
    String back = progress.advance(1, 1, 10);
    assertThat(back).isGreaterThan(b);
    InputProgress restored = new InputProgress(2);
    restored.restore(0, progress.stored(0));
    restored.restore(1, progress.stored(1));
    assertThat(restored.reached()).isEqualTo(progress.reached());
  }

  @Test
  void positionsSortAsTimesPartitionsAndOffsets() {
    assertThat(InputProgress.position(-5, 0, 0)).isLessThan(InputProgress.position(3, 0, 0));
    assertThat(InputProgress.position(3, 1, 0)).isLessThan(InputProgress.position(3, 2, 0));
    assertThat(InputProgress.position(3, 1, 9)).isLessThan(InputProgress.position(3, 1, 10));
    assertThat(InputProgress.position(3, 1, 9)).isEqualTo(String.format("%016x|%08x|%016x", 3 ^ Long.MIN_VALUE, 1, 9));
  }
}
