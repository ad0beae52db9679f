package io.newsline.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InputProgressTest {
  /** An article as an input partition delivers it: partition, id, own time, ingested_at. */
  private record In(int partition, String id, long time, long ingestedAt) {}

  /**
   * Three input partitions (ingest clocks slightly out of step, as with several ingest instances;
   * publication times scattered before ingestion, some ahead of it, many equal) interleaved in many
   * random ways: the buffer releases the same articles in the same order every time.
   */
  @Test
  void everyInterleavingReleasesTheSameOrder() {
    List<List<In>> partitions = partitions(new Random(5));
    List<In> first = null;
    for (int run = 0; run < 50; run++) {
      List<In> released = interleave(partitions, new Random(run), new InputProgress(partitions.size()));
      assertThat(released).hasSize(600);
      if (first == null) {
        first = released;
      } else {
        assertThat(released).isEqualTo(first);
      }
    }
  }

  /** The order rests on content, not on where in its topic a record sits: the same partitions rewritten (new offsets) order the same. */
  @Test
  void aRestartedBufferOrdersAsAnUninterruptedOne() {
    List<List<In>> partitions = partitions(new Random(9));
    List<In> straight = interleave(partitions, new Random(1), new InputProgress(3));
    // the same input, the progress stored and restored halfway (a restart, or the task moving)
    InputProgress p = new InputProgress(3);
    List<List<In>> firstHalf = new ArrayList<>();
    List<List<In>> secondHalf = new ArrayList<>();
    for (List<In> in : partitions) {
      firstHalf.add(in.subList(0, 100));
      secondHalf.add(in.subList(100, in.size()));
    }
    TreeMap<String, In> buffer = new TreeMap<>();
    List<In> released = new ArrayList<>();
    feed(firstHalf, new Random(2), p, buffer, released);
    InputProgress restored = new InputProgress(3);
    for (int i = 0; i < 3; i++) {
      restored.restore(i, p.of(i));
    }
    feed(secondHalf, new Random(3), restored, buffer, released);
    released.addAll(buffer.values());
    assertThat(released).isEqualTo(straight);
  }

  private static List<List<In>> partitions(Random r) {
    List<List<In>> partitions = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<In> in = new ArrayList<>();
      long t = 1_000_000;
      for (int o = 0; o < 200; o++) {
        t += r.nextInt(40) - 10; // mostly forward, sometimes a little back
        long published = (t - r.nextInt(5_000)) / 1000 * 1000; // coarse, often equal, before ingestion
        in.add(new In(p, "a" + r.nextInt(1_000_000), r.nextInt(10) == 0 ? t + 50_000 : published, t));
      }
      partitions.add(in);
    }
    return partitions;
  }

  private static List<In> interleave(List<List<In>> partitions, Random r, InputProgress progress) {
    TreeMap<String, In> buffer = new TreeMap<>();
    List<In> released = new ArrayList<>();
    feed(partitions, r, progress, buffer, released);
    released.addAll(buffer.values()); // the idle flush at the end of the input
    return released;
  }

  private static void feed(List<List<In>> partitions, Random r, InputProgress progress, TreeMap<String, In> buffer, List<In> released) {
    int[] next = new int[partitions.size()];
    int left = partitions.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int p = r.nextInt(partitions.size());
      // a task delivers a burst of its partition's articles
      for (int k = r.nextInt(20); k >= 0 && next[p] < partitions.get(p).size(); k--, left--) {
        In a = partitions.get(p).get(next[p]++);
        buffer.put(InputProgress.key(progress.advance(a.partition(), a.time(), a.ingestedAt()), a.id()), a);
        String bound = InputProgress.releaseBound(progress.reached());
        while (bound != null && !buffer.isEmpty() && buffer.firstKey().compareTo(bound) < 0) {
          released.add(buffer.pollFirstEntry().getValue());
        }
      }
    }
  }

  @Test
  void nothingIsReleasedUntilEveryPartitionHasDelivered() {
    InputProgress progress = new InputProgress(2);
    long a = progress.advance(0, 90, 100);
    assertThat(a).isEqualTo(90);
    assertThat(InputProgress.releaseBound(progress.reached())).isNull();
    progress.advance(1, 50, 50);
    assertThat(progress.reached()).isEqualTo(50);
    // a late article (its time before what its partition already delivered) is ordered where it came
    assertThat(progress.advance(1, 10, 60)).isEqualTo(51);
    // a time ahead of ingestion is ordered at its ingestion
    assertThat(progress.advance(1, 5_000, 70)).isEqualTo(70);
    assertThat(progress.reached()).isEqualTo(70);
  }

  /** With one input partition nothing can come from elsewhere: every article is released as it arrives. */
  @Test
  void oneInputPartitionReleasesEachArticleOnArrival() {
    InputProgress progress = new InputProgress(1);
    Random r = new Random(4);
    for (int i = 0; i < 100; i++) {
      long ingested = 1000 + i / 3;
      String key = InputProgress.key(progress.advance(0, ingested - r.nextInt(100), ingested), "x" + i);
      assertThat(key).isLessThan(InputProgress.releaseBound(progress.reached()));
    }
  }

  /** With a lag limit, a partition far behind the most advanced one stops holding the others back. */
  @Test
  void aLagLimitReleasesPastAPartitionFarBehind() {
    InputProgress progress = new InputProgress(2, 1000);
    progress.advance(0, 5_000, 9_000);
    assertThat(progress.reached()).isEqualTo(3_999);
    progress.advance(1, 100, 9_000);
    assertThat(progress.reached()).isEqualTo(3_999);
    progress.advance(1, 4_500, 9_000);
    assertThat(progress.reached()).isEqualTo(4_500);
    assertThat(new InputProgress(2).reached()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void keysSortByOrderTimeThenId() {
    assertThat(InputProgress.key(-5, "b")).isLessThan(InputProgress.key(3, "a"));
    assertThat(InputProgress.key(3, "a")).isLessThan(InputProgress.key(3, "b"));
    assertThat(InputProgress.key(3, "zz")).isLessThan(InputProgress.releaseBound(3));
    assertThat(InputProgress.key(4, "")).isEqualTo(InputProgress.releaseBound(3));
    assertThat(InputProgress.key(3, "x")).isEqualTo(String.format("%016x|x", 3 ^ Long.MIN_VALUE));
  }
}
