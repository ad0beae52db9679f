package io.newsline.bench.e2e;

import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.EventState;
import io.newsline.aggregate.cluster.EventStateCodec;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.cluster.TimelineState;
import io.newsline.avro.EnrichedArticle;
import io.newsline.common.config.Settings;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.EnrichedArticles;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import io.newsline.enrich.quotes.AttributedQuoteExtractor;
import io.newsline.enrich.stance.ModelStanceAnalyzer;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the aggregate's stored event states hold, part by part: the first {@code --limit} articles of
 * a {@link SharedCorpus} file enriched and clustered as {@link StageCost} does, and every event state
 * the topology would write (one per changed event per article) measured by part, with how often each
 * part differs from the same event's previous write. Sizes are what {@link EventStateCodec} writes
 * for the part (the sum of the parts is the whole less an empty state's few bytes).
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.e2e.StateBytes --input /tmp/e2e.jsonl [--limit 3000]
 *     [--dump FILE (every state written, in order, for {@link StateWriteCost})]
 * </pre>
 */
public final class StateBytes {
  private StateBytes() {}

  public static void main(String[] args) throws Exception {
    Path input = null;
    int limit = 3000;
    Path dump = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input" -> input = Path.of(args[++i]);
        case "--limit" -> limit = Integer.parseInt(args[++i]);
        case "--dump" -> dump = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (input == null) {
      throw new IllegalArgumentException("--input FILE is required");
    }
    var raws = StageCost.read(input, limit, true);
    ArticleEnricher enricher = new ArticleEnricher(PerceptronEntityExtractor.shared(), ModelStanceAnalyzer.standard(),
        new AttributedQuoteExtractor(), SentenceEmbedder.shared());
    EventClusterer clusterer = new EventClusterer(ClusterSettings.from(Settings.empty()), new InMemoryEventRepository());
    Map<String, Map<String, byte[]>> previous = new HashMap<>();
    Map<String, long[]> byPart = new LinkedHashMap<>(); // bytes, writes where it changed
    DataOutputStream dumped = dump == null ? null : new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dump)));
    long writes = 0;
    long firstWrites = 0;
    long encoded = 0;
    for (var raw : raws) {
      var e = enricher.enrich(new ArticleText(raw.getId(), raw.getTitle(), raw.getText()), raw.getPublishedAt());
      EnrichedArticle enriched = EnrichedArticles.toAvro(raw, e, enricher.version());
      for (ClusterChange ch : clusterer.add(ClusterArticles.from(enriched))) {
        if (ch instanceof ClusterChange.EventChanged c) {
          Map<String, byte[]> parts = parts(c.event());
          Map<String, byte[]> before = previous.put(c.event().id, parts);
          writes++;
          firstWrites += before == null ? 1 : 0;
          byte[] state = EventStateCodec.encode(c.event());
          encoded += state.length;
          if (dumped != null) {
            StateWriteCost.write(dumped, c.event().id, state);
          }
          for (var p : parts.entrySet()) {
            long[] tally = byPart.computeIfAbsent(p.getKey(), k -> new long[2]);
            tally[0] += p.getValue().length;
            if (before == null || !Arrays.equals(before.get(p.getKey()), p.getValue())) {
              tally[1]++;
            }
          }
        }
      }
    }
    if (dumped != null) {
      dumped.close();
    }
    long total = byPart.values().stream().mapToLong(t -> t[0]).sum();
    System.out.printf(Locale.ROOT, "%,d articles, %,d event-state writes (%.2f per article), %.0f bytes per write in parts (whole %.0f), %.0f per article%n",
        raws.size(), writes, (double) writes / raws.size(), (double) total / writes, (double) encoded / writes, (double) encoded / raws.size());
    System.out.printf(Locale.ROOT, "%,d of the writes are an event's first (every part counts as changed there)%n", firstWrites);
    System.out.printf(Locale.ROOT, "%-22s %10s %8s %12s%n", "part", "bytes/write", "share", "changed");
    for (var p : byPart.entrySet()) {
      System.out.printf(Locale.ROOT, "%-22s %10.0f %7.1f%% %11.1f%%%n", p.getKey(), (double) p.getValue()[0] / writes,
          100.0 * p.getValue()[0] / total, 100.0 * p.getValue()[1] / writes);
    }
  }

  /**
   * The state's parts, each as the codec writes it: a state holding that part alone, encoded, less
   * what an empty state takes (so the parts' sizes add up to the whole, less the empty state's bytes).
   */
  private static Map<String, byte[]> parts(EventState e) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    int empty = EventStateCodec.encode(new EventState()).length;
    BiConsumer<String, Consumer<EventState>> part = (name, copy) -> {
      EventState only = new EventState();
      copy.accept(only);
      byte[] b = EventStateCodec.encode(only);
      out.put(name, Arrays.copyOfRange(b, Math.min(empty, b.length), b.length));
    };
    part.accept("header", p -> {
      p.id = e.id;
      p.status = e.status;
      p.firstSeen = e.firstSeen;
      p.lastUpdated = e.lastUpdated;
      p.version = e.version;
      p.mergedFrom = e.mergedFrom;
      p.provisionalOf = e.provisionalOf;
      p.parentArticlesAtOpen = e.parentArticlesAtOpen;
      p.articleCount = e.articleCount;
      p.anchoredArticles = e.anchoredArticles;
      p.fullArticles = e.fullArticles;
      p.embeddedArticles = e.embeddedArticles;
      p.fineEmbeddedArticles = e.fineEmbeddedArticles;
      p.embeddingModel = e.embeddingModel;
    });
    part.accept("centroid", p -> p.centroid = e.centroid);
    part.accept("termDocs", p -> p.termDocs = e.termDocs);
    part.accept("entityArticles", p -> p.entityArticles = e.entityArticles);
    part.accept("anchorArticles", p -> p.anchorArticles = e.anchorArticles);
    part.accept("leadArticles", p -> p.leadArticles = e.leadArticles);
    part.accept("embedding (table)", p -> p.embedding = e.embedding);
    part.accept("fineEmbedding (MiniLM)", p -> p.fineEmbedding = e.fineEmbedding);
    part.accept("fineLeads", p -> p.fineLeads = e.fineLeads);
    TimelineState t = e.timeline;
    part.accept("tl.first+label", p -> {
      p.timeline.first = t.first;
      p.timeline.label = t.label;
      p.timeline.labelTime = t.labelTime;
      p.timeline.labelId = t.labelId;
    });
    part.accept("tl.recent", p -> p.timeline.recent = t.recent);
    part.accept("tl.entities", p -> p.timeline.entities = t.entities);
    part.accept("tl.stances", p -> p.timeline.stances = t.stances);
    part.accept("tl.quotes", p -> {
      p.timeline.quotes = t.quotes;
      p.timeline.quotesSeen = t.quotesSeen;
    });
    part.accept("tl.outlets+entityIds", p -> {
      p.timeline.outlets = t.outlets;
      p.timeline.entityIds = t.entityIds;
    });
    return out;
  }
}
