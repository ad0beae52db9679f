package io.newsline.bench.e2e;

import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.EventStateCodec;
import io.newsline.aggregate.cluster.FineVectors;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.RawArticle;
import io.newsline.common.Hashing;
import io.newsline.common.config.Settings;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.EnrichedArticles;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import io.newsline.enrich.quotes.AttributedQuoteExtractor;
import io.newsline.enrich.stance.ModelStanceAnalyzer;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.source.FileArticles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The enrich and aggregate stages' own work per article, without Kafka, on a real corpus (a
 * {@link SharedCorpus} file): thread CPU per article of each, and a SHA-256 of everything each
 * stage produces, so that a performance change can show it changes no output byte.
 *
 * <p>Enrich: entities, stance, quotes, anchors, embedding (the {@code newsline.embedding} setting, or
 * {@code --embedding none}), the Avro record and its encoding. Aggregate: the record decoded,
 * clustered, and every change serialised as the topology does (timeline record, event state,
 * assignment). The articles are cleaned as ingest cleans them, outside the measurement, and dated
 * a minute apart ({@code --undated}: no publication time, so anchors read date lines, as for the
 * e2e corpus in the pipeline). With the cascade, {@code --fine-threads N} has N threads embed with
 * MiniLM ahead the articles the cascade will probably need it for, each predicted once
 * {@code --predict-ahead} articles before its turn ({@link FineVectors#PREDICT_AHEAD}, as the
 * stage's reorder buffer does); the aggregate figure is then the clustering thread's alone, with
 * the MiniLM embeddings that thread ran itself (the pool had not started or not predicted them)
 * timed apart from the rest (and the event states' encoding shown apart), and the digest must not change.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" -Dnewsline.embedding=TABLE \
 *     io.newsline.bench.e2e.StageCost --input /tmp/e2e.jsonl [--limit 2500] [--rounds 5] [--stage enrich|aggregate|both]
 *     [--embedding none|SPEC] [--undated] [--fine-threads N [--predict-ahead 2]]
 * </pre>
 */
public final class StageCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** Thread CPU spent encoding event states this round (part of the aggregate figure). */
  private static long encoding;
  /** Bytes of the event states encoded this round. */
  private static long stateBytes;

  private StageCost() {}

  public static void main(String[] args) throws Exception {
    Path input = null;
    int limit = 2500;
    int rounds = 5;
    String stage = "both";
    String embedding = null;
    boolean undated = false;
    int fineThreads = 0;
    int predictAhead = FineVectors.PREDICT_AHEAD;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input" -> input = Path.of(args[++i]);
        case "--limit" -> limit = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--stage" -> stage = args[++i];
        case "--embedding" -> embedding = args[++i];
        case "--undated" -> undated = true;
        case "--fine-threads" -> fineThreads = Integer.parseInt(args[++i]);
        case "--predict-ahead" -> predictAhead = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (input == null) {
      throw new IllegalArgumentException("--input FILE is required");
    }
    List<RawArticle> raws = read(input, limit, undated);
    ArticleEnricher enricher = "none".equals(embedding)
        ? new ArticleEnricher(PerceptronEntityExtractor.shared(), ModelStanceAnalyzer.standard(), new AttributedQuoteExtractor())
        : new ArticleEnricher(PerceptronEntityExtractor.shared(), ModelStanceAnalyzer.standard(), new AttributedQuoteExtractor(),
            embedding == null ? SentenceEmbedder.shared() : SentenceEmbedder.named(embedding));
    System.out.printf(Locale.ROOT, "%,d articles, %d rounds, stage %s, enricher %s%n", raws.size(), rounds, stage, enricher.version());
    List<byte[]> enriched = null;
    double[] enrichMs = new double[rounds];
    double[] aggregateMs = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (enriched == null || !stage.equals("aggregate")) {
        MessageDigest digest = sha256();
        long start = THREADS.getCurrentThreadCpuTime();
        List<byte[]> out = new ArrayList<>(raws.size());
        for (RawArticle raw : raws) {
          ArticleText text = new ArticleText(raw.getId(), raw.getTitle(), raw.getText());
          Enrichment e = enricher.enrich(text, raw.getPublishedAt());
          out.add(bytes(EnrichedArticles.toAvro(raw, e, enricher.version()).toByteBuffer()));
        }
        enrichMs[r] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / raws.size();
        out.forEach(digest::update);
        enriched = out;
        System.out.printf(Locale.ROOT, "round %d enrich    %7.3f ms CPU/article  sha256 %s%n", r, enrichMs[r], hex(digest));
      }
      if (!stage.equals("enrich")) {
        MessageDigest digest = sha256();
        MessageDigest outputs = sha256();
        long start = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long hashing = 0;
        encoding = 0;
        stateBytes = 0;
        // the settings the stage reads (with -Dnewsline.embedding=cascade, the embedding cascade)
        ClusterSettings settings = ClusterSettings.from(Settings.empty());
        // MiniLM run by this thread (the pool had not started it, or it was not predicted) is timed apart:
        // the pool's timing decides how much of it lands here, so it blurs the clustering thread's own cost
        long[] inlineFine = new long[1];
        Thread clustering = Thread.currentThread();
        FineVectors fine = fineThreads > 0 && settings.cascade() != null
            ? new FineVectors(timedOn(clustering, settings.cascade().fine(), inlineFine), fineThreads, 1_000, "stagecost-cascade") : null;
        EventClusterer clusterer = new EventClusterer(
            fine == null ? settings : settings.withCascade(settings.cascade().withFine(fine)), new InMemoryEventRepository());
        java.util.ArrayDeque<ClusterArticle> next = new java.util.ArrayDeque<>();
        int decoded = 0;
        int offered = 1; // articles offered so far, in order: the first is clustered before it could be
        int clustered = 0;
        while (decoded < enriched.size() || !next.isEmpty()) {
          // decode up to --predict-ahead articles in advance, as the reorder buffer holds them
          while (decoded < enriched.size() && (next.isEmpty() || (fine != null && next.size() <= predictAhead))) {
            next.add(ClusterArticles.from(EnrichedArticle.fromByteBuffer(ByteBuffer.wrap(enriched.get(decoded++)))));
          }
          ClusterArticle a = next.poll();
          clustered++;
          if (fine != null) {
            // as the topology does: each article predicted once, that many articles before its turn
            int k = clustered;
            for (ClusterArticle later : next) {
              if (k >= offered) {
                fine.offer(later, clusterer);
                offered = k + 1;
              }
              k++;
            }
          }
          List<ClusterChange> changes = clusterer.add(a);
          if (fine != null) {
            fine.settle(a.id());
          }
          for (ClusterChange ch : changes) {
            List<byte[]> published = publish(ch);
            long h = THREADS.getCurrentThreadCpuTime();
            published.forEach(digest::update);
            // the published records alone: the stored state's encoding may change, what the stage publishes may not
            (ch instanceof ClusterChange.EventChanged ? published.subList(0, 1) : published).forEach(outputs::update);
            hashing += THREADS.getCurrentThreadCpuTime() - h;
          }
        }
        // the digest is the harness's, not the stage's: its time is left out
        aggregateMs[r] = (THREADS.getCurrentThreadCpuTime() - start - hashing) / 1e6 / raws.size();
        double wallMs = (System.nanoTime() - wall) / 1e6 / raws.size();
        System.out.printf(Locale.ROOT, "round %d aggregate %7.3f ms CPU/article  sha256 %s  (%.3f ms/article wall)%s%n", r, aggregateMs[r],
            hex(digest), wallMs,
            clusterer.fineEmbeddings() == 0 ? ""
                : String.format(Locale.ROOT, "  (cascade: %.1f %% embedded by MiniLM, %.1f %% lazily)", 100.0 * clusterer.fineEmbeddings() / raws.size(),
                    100.0 * clusterer.lazyEmbeddings() / raws.size()));
        System.out.printf(Locale.ROOT, "  of which event states encoded %.3f ms/article (%.0f bytes/article); published records alone sha256 %s%n",
            encoding / 1e6 / raws.size(), (double) stateBytes / raws.size(), hex(outputs));
        if (fine != null) {
          StringBuilder outcomes = new StringBuilder();
          for (FineVectors.Outcome o : FineVectors.Outcome.values()) {
            outcomes.append(' ').append(o.name().toLowerCase(Locale.ROOT)).append(' ').append(fine.count(o));
          }
          System.out.printf(Locale.ROOT, "  MiniLM ahead (%d threads, %d ahead):%s; MiniLM on this thread %.3f ms/article, the rest %.3f%n",
              fineThreads, predictAhead, outcomes, inlineFine[0] / 1e6 / raws.size(), aggregateMs[r] - inlineFine[0] / 1e6 / raws.size());
          fine.close();
        }
      }
    }
    System.out.printf(Locale.ROOT, "median of rounds 2..: enrich %.3f ms/article, aggregate %.3f ms/article%n",
        median(enrichMs), median(aggregateMs));
  }

  /** The function, adding the CPU time of its calls on {@code thread} to {@code nanos[0]}. */
  private static Function<ClusterArticle, float[]> timedOn(Thread thread, Function<ClusterArticle, float[]> f, long[] nanos) {
    return a -> {
      if (Thread.currentThread() != thread) {
        return f.apply(a);
      }
      long t = THREADS.getCurrentThreadCpuTime();
      try {
        return f.apply(a);
      } finally {
        nanos[0] += THREADS.getCurrentThreadCpuTime() - t;
      }
    };
  }

  /** What the topology does with a change besides handing it to Kafka: serialise it (and store the event). */
  private static List<byte[]> publish(ClusterChange ch) throws IOException {
    if (ch instanceof ClusterChange.EventChanged e) {
      byte[] timeline = bytes(TimelineBuilder.build(e.event()).toByteBuffer());
      long t = THREADS.getCurrentThreadCpuTime();
      byte[] state = EventStateCodec.encode(e.event());
      encoding += THREADS.getCurrentThreadCpuTime() - t;
      stateBytes += state.length;
      return List.of(timeline, state);
    } else if (ch instanceof ClusterChange.Assigned as) {
      return List.of(bytes(new ArticleAssignment(as.articleId(), as.eventId(), Instant.ofEpochMilli(as.time()), as.similarity(),
          as.reason(), as.title(), as.outlet(), as.url()).toByteBuffer()));
    } else if (ch instanceof ClusterChange.EventRemoved r) {
      return List.of(r.eventId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return List.of();
  }

  static List<RawArticle> read(Path input, int limit, boolean undated) throws IOException {
    TextCleaner cleaner = new TextCleaner();
    List<RawArticle> out = new ArrayList<>();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    FileArticles.read(input, "jsonl", item -> {
      if (out.size() >= limit || !item.isOk()) {
        return;
      }
      var in = item.article();
      String text = cleaner.clean(in.text(), false).text();
      String title = in.title() == null ? null : TextCleaner.normalizeTitle(in.title());
      if (text.isBlank()) {
        return;
      }
      Instant at = t0.plusSeconds(60L * out.size());
      out.add(RawArticle.newBuilder().setId(in.id() != null ? in.id() : Hashing.shortId(in.source() + "|" + text, 16))
          .setSourceType("bench").setSource(in.source()).setUrl(in.url()).setCanonicalUrl(null).setOutlet(in.outlet())
          .setTitle(title).setText(text).setPublishedAt(undated ? null : at).setPublishedAtUntrusted(null).setIngestedAt(at)
          .setContentHash(Hashing.sha256Hex(text)).setSimhash(0L).build());
    });
    return out;
  }

  private static double median(double[] rounds) {
    double[] s = Arrays.copyOfRange(rounds, Math.min(1, rounds.length - 1), rounds.length);
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest()).substring(0, 16);
  }
}
