package io.newsline.aggregate.topology;

import io.micrometer.core.instrument.Counter;
import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.FineVectors;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.runtime.ops.NewslineMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clustering partition: a reorder buffer in front of an {@link EventClusterer}.
 *
 * <p>Articles reach a clustering partition from every enriched-topic partition (each read by its
 * own upstream task), interleaved however those tasks happen to run, and online clustering depends
 * on order. Each article carries its input partition ({@link InputPosition}); {@link InputProgress}
 * gives it a place in the order from the records' content alone (its time, raised to its input
 * partition's progress, then its id) and says when every input partition has progressed past it.
 * The buffer (a persistent store, so it moves with the task) releases articles in that order, so
 * the clustering order is a function of the input topic's contents: not of instances, threads,
 * rebalances, restarts or offsets (a replay of a rewritten topic orders the same way). An article
 * waits only until every input partition has delivered something later: milliseconds to seconds in
 * a steady stream, without a fixed grace period. An article released at once is never stored.
 *
 * <p>When no article has arrived for the idle period (wall clock) the whole buffer is released, so
 * a partition that receives nothing (a quiet stream, the end of a backfill) does not hold the
 * others back forever; an article that then arrives with an earlier place is clustered after
 * them (the one case where timing decides the order).
 *
 * <p>A release clusters for at most {@link AggregateSettings#releaseBudget()} (wall clock) and
 * leaves the rest, still buffered, to a punctuator's next turns: a call of the processor runs
 * within one transaction, and a release of thousands of articles (the idle release after a backlog
 * on a loaded machine) outlived transaction.timeout.ms, was aborted by the coordinator, and was
 * replayed by the restarted task into the same timeout, over and over. The rest is released in the
 * same key order, so the outputs are the same; only an article that arrives while an idle release
 * is unfinished takes its place among the ones still waiting.
 *
 * <p>Outputs: assignments (key article id) and timelines (key event id, null value for an event
 * merged away).
 */
final class ClusteringProcessor implements Processor<String, EnrichedArticle, String, ClusterOutput> {
  static final String STORE = "event-states";
  static final String MEMBERS = "event-members";
  static final String BUFFER = "reorder-buffer";
  /** Buffer keys of the input partitions' progress: "~input-" + partition -> its last order time (decimal). */
  private static final String PROGRESS = "~input-";
  private static final Logger LOG = LoggerFactory.getLogger(ClusteringProcessor.class);
  private static final Counter ASSIGNED = NewslineMetrics.records("aggregate", "assigned");
  private static final Counter MINILM = NewslineMetrics.cascadeMiniLm("aggregate");
  private static final Counter MIGRATED = NewslineMetrics.migratedEvents("aggregate");
  private static final Counter MINILM_LAZY = NewslineMetrics.cascadeMiniLmLazy("aggregate");
  /** The most buffered articles kept decoded on the heap (see {@code arrived}). */
  static final int ARRIVED = 10_000;
  private static final Map<FineVectors.Outcome, Counter> PREFETCH = new EnumMap<>(FineVectors.Outcome.class);

  static {
    for (FineVectors.Outcome o : FineVectors.Outcome.values()) {
      PREFETCH.put(o, NewslineMetrics.cascadePrefetch("aggregate", o.name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /** How soon a release cut short by the budget goes on, between the stream thread's commits. */
  private static final Duration CONTINUE_EVERY = Duration.ofMillis(10);

  /**
   * The most buffered articles a release reads at a time: a release the budget cuts short is
   * continued from the start of the buffer, and read whole, a backlog of n released k at a time
   * cost n²/k reads (3,000 articles released one per call: 11.1 ms of CPU per article, against 6.6
   * read a chunk at a time; docs/benchmarks.md, issue 14's thirteenth round).
   */
  static final int RELEASE_CHUNK = 64;

  /** The most articles embedded ahead and not yet clustered (MiniLM's vectors: 1.5 KB each). */
  static final int PREFETCHED = 1_000;

  private final ClusterSettings settings;
  private final AggregateSettings topology;
  private final Serde<EnrichedArticle> serde;
  private String subjectTopic;
  private ProcessorContext<String, ClusterOutput> context;
  private EventClusterer clusterer;
  /** With the cascade and its threads, MiniLM's vectors embedded ahead (null: embedded when needed). */
  private FineVectors fineVectors;
  /** The pool's counts already added to the metrics. */
  private final long[] reported = new long[FineVectors.Outcome.values().length];
  private KeyValueStore<String, byte[]> buffer;
  private InputProgress progress;
  private long lastArrival;
  private boolean pending;
  /** The bound of a release the budget cut short, continued by {@link #continuation} (null: none). */
  private String unfinished;
  /** While a release is unfinished, the punctuator that goes on with it. */
  private Cancellable continuation;
  /**
   * When the present budget ends (System.nanoTime): releases that follow one another within it
   * share it, so the process() calls of one round of the stream thread cannot add up past it.
   */
  private long releaseDeadline;
  /**
   * The buffered articles as they arrived, by buffer key: releasing one within this processor's
   * life needs no decoding of its stored bytes (the store keeps those for a restart or a moved
   * task). Holds what the buffer holds for those keys; emptied at init, so after a restore or a
   * rollback every article is read from the store. Sorted as the buffer, so the next ones to be
   * released are its first. At most {@value #ARRIVED} articles: a buffer held
   * back by a quiet input partition can grow far larger, and it lives on disk, not on the heap.
   */
  private final TreeMap<String, ClusterArticle> arrived = new TreeMap<>();
  /** Buffer keys of the buffered articles already offered to the pool ({@link #prefetch}). */
  private final Set<String> predicted = new HashSet<>();

  ClusteringProcessor(ClusterSettings settings, AggregateSettings topology, Serde<EnrichedArticle> serde) {
    this.settings = settings;
    this.topology = topology;
    this.serde = serde;
  }

  @Override
  public void init(ProcessorContext<String, ClusterOutput> context) {
    this.context = context;
    ClusterSettings clustering = settings;
    if (fineVectors != null) {
      fineVectors.close();
      fineVectors = null;
    }
    java.util.Arrays.fill(reported, 0);
    if (settings.cascade() != null && topology.cascadeThreads() > 0) {
      fineVectors = new FineVectors(settings.cascade().fine(), topology.cascadeThreads(), PREFETCHED,
          context.applicationId() + "-cascade-" + context.taskId());
      clustering = settings.withCascade(settings.cascade().withFine(fineVectors));
    }
    this.clusterer = new EventClusterer(clustering, new StoreEventRepository(context.getStateStore(STORE), context.getStateStore(MEMBERS)));
    if (clusterer.migratedEvents() > 0) {
      MIGRATED.increment(clusterer.migratedEvents());
      LOG.warn("clustering task {}: {} of {} stored events were of another sentence embedding; migrated to {}{} "
          + "(sums of a model no longer in use are rebuilt from the articles that join)", context.taskId(),
          clusterer.migratedEvents(), clusterer.activeEvents(), settings.embeddingModels().model(),
          settings.cascade() == null ? "" : " and " + settings.embeddingModels().fine());
    }
    this.buffer = context.getStateStore(BUFFER);
    arrived.clear();
    predicted.clear();
    // buffered articles use the topic serde (registry schema ids), so they survive schema evolution
    this.subjectTopic = context.applicationId() + "-" + AggregateTopology.REPARTITION + "-repartition";
    this.progress = new InputProgress(topology.inputPartitions(),
        topology.reorderLag() == null ? Long.MAX_VALUE : topology.reorderLag().toMillis());
    try (KeyValueIterator<String, byte[]> it = buffer.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.key.startsWith(PROGRESS)) {
          progress.restore(Integer.parseInt(kv.key.substring(PROGRESS.length())),
              Long.parseLong(new String(kv.value, StandardCharsets.US_ASCII)));
        } else if (AggregateTopology.isBufferedArticle(kv.key)) {
          pending = true;
        }
      }
    }
    lastArrival = context.currentSystemTimeMs();
    unfinished = null;
    continuation = null;
    releaseDeadline = System.nanoTime();
    if (topology.reorder()) {
      Duration every = topology.reorderIdle().dividedBy(2);
      context.schedule(every.isZero() ? Duration.ofMillis(100) : every, PunctuationType.WALL_CLOCK_TIME, this::idleFlush);
    }
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    int input = InputPosition.partition(record.headers());
    if (!topology.reorder() || input < 0) {
      // no reordering, or a record written before records carried their input partition
      cluster(view(article));
      return;
    }
    lastArrival = context.currentSystemTimeMs();
    long ingested = article.getIngestedAt().toEpochMilli();
    long time = article.getPublishedAt() != null ? article.getPublishedAt().toEpochMilli() : ingested;
    String key = InputProgress.key(progress.advance(input, time, ingested), article.getId());
    buffer.put(PROGRESS + input, Long.toString(progress.of(input)).getBytes(StandardCharsets.US_ASCII));
    String bound = InputProgress.releaseBound(progress.reached());
    ClusterArticle a = view(article);
    if (!pending && bound != null && key.compareTo(bound) < 0) {
      cluster(a);
      return;
    }
    buffer.put(key, write(article));
    if (arrived.size() < ARRIVED || arrived.containsKey(key)) {
      arrived.put(key, a);
    }
    if (withinReach(key)) {
      prefetch(key, a);
    }
    pending = true;
    // a release cut short goes on in its punctuator alone: a transaction holds a few budgets at most
    if (bound != null && unfinished == null) {
      drain(bound);
    }
  }

  private void idleFlush(long now) {
    if (unfinished == null && pending && now - lastArrival >= topology.reorderIdle().toMillis()) {
      drain("~");
    }
  }

  /**
   * Clusters every buffered article whose key sorts before the bound, in key order, or as many as
   * the release budget allows (at least one): the rest is left in the buffer for {@link #unfinished}.
   * The buffer is read {@value #RELEASE_CHUNK} articles at a time, so a release the budget cuts short
   * reads again only the chunk it was in, not every article still ready.
   */
  private void drain(String bound) {
    long start = System.nanoTime();
    if (start - releaseDeadline >= 0) {
      releaseDeadline = start + topology.releaseBudget().toNanos();
    }
    Chunk chunk;
    boolean cut;
    do {
      chunk = readyChunk(bound);
      cut = releaseChunk(chunk) < chunk.size();
    } while (!cut && chunk.full() && System.nanoTime() - releaseDeadline < 0);
    unfinished = cut || chunk.full() ? bound : null;
    pending = chunk.more() || unfinished != null;
    if (unfinished != null && continuation == null) {
      continuation = context.schedule(CONTINUE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> drain(unfinished));
    } else if (unfinished == null && continuation != null) {
      continuation.cancel();
      continuation = null;
    }
  }

  /**
   * The next buffered articles to release, in key order: at most {@value #RELEASE_CHUNK} of those
   * before the bound (keys), then the next few still buffered, offered to the pool before their turn.
   *
   * @param full whether articles before the bound may remain after these
   * @param more whether an article at or after the bound is buffered (known only when not full)
   */
  private record Chunk(List<String> keys, List<ClusterArticle> articles, int size, boolean full, boolean more) {}

  private Chunk readyChunk(String bound) {
    List<KeyValue<String, byte[]>> ready = new ArrayList<>();
    boolean more = false;
    try (KeyValueIterator<String, byte[]> it = buffer.all()) {
      while (it.hasNext() && ready.size() < RELEASE_CHUNK) {
        KeyValue<String, byte[]> kv = it.next();
        if (!AggregateTopology.isBufferedArticle(kv.key)) {
          break;
        }
        if (kv.key.compareTo(bound) >= 0) {
          more = true;
          break;
        }
        ready.add(kv);
      }
    }
    List<String> keys = new ArrayList<>(ready.size() + FineVectors.PREDICT_AHEAD);
    List<ClusterArticle> next = new ArrayList<>(ready.size() + FineVectors.PREDICT_AHEAD);
    for (KeyValue<String, byte[]> kv : ready) {
      ClusterArticle a = arrived.remove(kv.key);
      if (a == null) {
        // read back from the store (after a restart, or past the heap's share): predicted now
        a = view(read(kv.value));
        prefetch(kv.key, a);
      }
      keys.add(kv.key);
      next.add(a);
    }
    int size = next.size();
    // the articles after the chunk, the first still buffered: each is predicted once, shortly before its turn
    for (Map.Entry<String, ClusterArticle> later : arrived.entrySet()) {
      if (next.size() >= size + FineVectors.PREDICT_AHEAD) {
        break;
      }
      keys.add(later.getKey());
      next.add(later.getValue());
    }
    return new Chunk(keys, next, size, size == RELEASE_CHUNK, more);
  }

  /** Clusters the chunk's articles in order until the budget ends; returns how many it released. */
  private int releaseChunk(Chunk chunk) {
    List<String> keys = chunk.keys();
    List<ClusterArticle> next = chunk.articles();
    int released = 0;
    while (released < chunk.size()) {
      int i = released++;
      for (int j = i + 1; j <= i + FineVectors.PREDICT_AHEAD && j < next.size(); j++) {
        prefetch(keys.get(j), next.get(j));
      }
      buffer.delete(keys.get(i));
      cluster(next.get(i));
      predicted.remove(keys.get(i));
      if (System.nanoTime() - releaseDeadline >= 0) {
        break;
      }
    }
    for (int i = released; i < chunk.size(); i++) {
      if (arrived.size() < ARRIVED) {
        arrived.put(keys.get(i), next.get(i)); // still buffered: kept decoded for the next turn
      }
    }
    return released;
  }

  /**
   * The clustering view of a record, with the embedding of the present model when embed-missing is
   * on: upstream fills the rest, but a record that was in the repartition topic or the buffer when
   * the model changed (a restart after the change of default) carries the old model's.
   */
  private ClusterArticle view(EnrichedArticle a) {
    return ClusterArticles.from(topology.embedMissing() ? SentenceEmbedder.shared().fill(a) : a);
  }

  /** Whether the buffered article is among the first {@link FineVectors#PREDICT_AHEAD} to be clustered. */
  private boolean withinReach(String key) {
    int ahead = 0;
    for (String k : arrived.keySet()) {
      if (k.equals(key)) {
        return true;
      }
      if (++ahead >= FineVectors.PREDICT_AHEAD) {
        return false;
      }
    }
    return false;
  }

  /**
   * Has the pool embed a buffered article ahead when the cascade will probably embed it: predicted
   * once per article (by its buffer key), on the state a few articles before its turn.
   */
  private void prefetch(String key, ClusterArticle a) {
    if (fineVectors != null && predicted.add(key)) {
      fineVectors.offer(a, clusterer);
    }
  }

  private void cluster(ClusterArticle a) {
    long ts = a.time().toEpochMilli();
    long fine = clusterer.fineEmbeddings();
    long lazy = clusterer.lazyEmbeddings();
    List<ClusterChange> changes = clusterer.add(a);
    if (clusterer.fineEmbeddings() > fine) {
      MINILM.increment(clusterer.fineEmbeddings() - fine);
    }
    if (clusterer.lazyEmbeddings() > lazy) {
      MINILM_LAZY.increment(clusterer.lazyEmbeddings() - lazy);
    }
    if (fineVectors != null) {
      fineVectors.settle(a.id());
      for (FineVectors.Outcome o : FineVectors.Outcome.values()) {
        long n = fineVectors.count(o);
        if (n > reported[o.ordinal()]) {
          PREFETCH.get(o).increment(n - reported[o.ordinal()]);
          reported[o.ordinal()] = n;
        }
      }
    }
    for (ClusterChange change : changes) {
      if (change instanceof ClusterChange.Assigned as) {
        ArticleAssignment assignment = new ArticleAssignment(as.articleId(), as.eventId(), Instant.ofEpochMilli(as.time()),
            as.similarity(), as.reason(), as.title(), as.outlet(), as.url());
        context.forward(new Record<>(as.articleId(), new ClusterOutput(assignment, null), ts));
        ASSIGNED.increment();
      } else if (change instanceof ClusterChange.EventChanged e) {
        context.forward(new Record<>(e.event().id, new ClusterOutput(null, TimelineBuilder.build(e.event())), ts));
      } else if (change instanceof ClusterChange.EventRemoved r) {
        context.forward(new Record<>(r.eventId(), new ClusterOutput(null, null), ts));
      }
    }
  }

  @Override
  public void close() {
    if (fineVectors != null) {
      fineVectors.close();
      fineVectors = null;
    }
  }

  private byte[] write(EnrichedArticle a) {
    return serde.serializer().serialize(subjectTopic, a);
  }

  private EnrichedArticle read(byte[] b) {
    return serde.deserializer().deserialize(subjectTopic, b);
  }
}
