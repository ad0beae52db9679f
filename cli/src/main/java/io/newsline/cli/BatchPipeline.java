package io.newsline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.aggregate.topology.ClusteringPartitioner;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.RawArticle;
import io.newsline.common.Hashing;
import io.newsline.common.Json;
import io.newsline.common.PublicationTime;
import io.newsline.common.Progress;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.EnrichedArticles;
import io.newsline.enrich.EnrichedJson;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.clean.CleanText;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.source.FileArticles;
import io.newsline.runtime.AvroJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IngestTransaction mode: the enrich and aggregate stage logic on a JSON Lines file, in input order, with no
 * broker. Calls the same code the topologies call (cleaning, {@link EnrichedArticles},
 * {@link EventClusterer}, {@link TimelineBuilder}), so its output is what the pipeline would publish.
 */
final class BatchPipeline {
  private final ArticleEnricher enricher;
  private final ClusterSettings clusterSettings;
  private final boolean clean;
  private final TextCleaner cleaner = new TextCleaner();

  private final int partitions;
  private final Duration futureSkew;
  private final Instant ingestedAt;

  BatchPipeline(ArticleEnricher enricher, ClusterSettings clusterSettings, boolean clean) {
    this(enricher, clusterSettings, clean, 1, PublicationTime.DEFAULT_SKEW, null);
  }

  /**
   * @param partitions clustering partitions (aggregate.partitions), routed by the topology's blocking key
   * @param futureSkew how far past the ingestion time a publication time may lie (dates.future.skew)
   * @param ingestedAt when the articles count as ingested; null for the input file's last-modified time
   */
  BatchPipeline(ArticleEnricher enricher, ClusterSettings clusterSettings, boolean clean, int partitions,
      Duration futureSkew, Instant ingestedAt) {
    this.enricher = enricher;
    this.clusterSettings = clusterSettings;
    this.clean = clean;
    this.partitions = Math.max(1, partitions);
    this.futureSkew = futureSkew;
    this.ingestedAt = ingestedAt;
  }

  /**
   * What a run produced; untrustedDates counts publication times treated as unknown (future, out of
   * range); fineEmbeddings the articles the embedding cascade embedded with MiniLM (0 without one).
   */
  record Summary(int articles, int errors, int events, int untrustedDates, long fineEmbeddings) {}

  Summary run(Path input, Path outDir, Progress progress) throws IOException {
    Files.createDirectories(outDir);
    // one clusterer per clustering partition, articles routed by blocking key, as in the topology
    List<EventClusterer> clusterers = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      clusterers.add(new EventClusterer(clusterSettings, new InMemoryEventRepository()));
    }
    Map<String, EventTimeline> timelines = new LinkedHashMap<>();
    int[] counts = new int[3];
    // a batch is an import at one moment: the file's last-modified time unless told (no wall clock,
    // so the same file gives the same bytes); later publication times are not trusted
    Instant seenAt = ingestedAt != null ? ingestedAt : Files.getLastModifiedTime(input).toInstant();
    // stands in for the time of an article without a (trusted) one: the latest trusted publication
    // time before it in the file, the first one in the file for those before any, else seenAt
    Instant first = firstTrustedTime(input, seenAt);
    Instant[] clock = {first != null ? first : seenAt};
    try (BufferedWriter enriched = writer(outDir.resolve("enriched.jsonl"));
        BufferedWriter assignments = writer(outDir.resolve("assignments.jsonl"));
        BufferedWriter errors = writer(outDir.resolve("errors.jsonl"))) {
      FileArticles.read(input, "jsonl", item -> {
        try {
          if (!item.isOk()) {
            throw item.error();
          }
          RawArticle raw = raw(item.article(), clock, seenAt);
          if (raw.getPublishedAtUntrusted() != null) {
            counts[2]++;
          }
          EnrichedArticles.validate(raw);
          ArticleText text = new ArticleText(raw.getId(), raw.getTitle(), raw.getText());
          Enrichment enrichment = enricher.enrich(text, raw.getPublishedAt());
          line(enriched, EnrichedJson.of(text, enrichment));
          EnrichedArticle record = EnrichedArticles.toAvro(raw, enrichment, enricher.version());
          EventClusterer clusterer = clusterers.get(ClusteringPartitioner.partition(ClusteringPartitioner.key(record), partitions));
          for (ClusterChange c : clusterer.add(ClusterArticles.from(record))) {
            if (c instanceof ClusterChange.Assigned a) {
              ObjectNode o = Json.object().put("id", a.articleId()).put("event_id", a.eventId());
              line(assignments, o);
            } else if (c instanceof ClusterChange.EventChanged e) {
              timelines.put(e.event().id, TimelineBuilder.build(e.event()));
            } else if (c instanceof ClusterChange.EventRemoved r) {
              timelines.remove(r.eventId());
            }
          }
          counts[0]++;
        } catch (Exception e) {
          counts[1]++;
          line(errors, Json.object().put("source", item.source()).put("error", e.getMessage()));
        }
        progress.add(1, "articles");
      });
    }
    try (BufferedWriter out = writer(outDir.resolve("timelines.jsonl"))) {
      for (EventTimeline t : timelines.values()) {
        line(out, AvroJson.of(t));
      }
    }
    long fine = clusterers.stream().mapToLong(EventClusterer::fineEmbeddings).sum();
    return new Summary(counts[0], counts[1], timelines.size(), counts[2], fine);
  }

  /** The first publication time in the file that can be trusted, or null. */
  private Instant firstTrustedTime(Path input, Instant seenAt) throws IOException {
    Instant[] first = {null};
    FileArticles.read(input, "jsonl", item -> {
      if (first[0] == null && item.isOk() && trusted(item.article().publishedAt(), seenAt)) {
        first[0] = item.article().publishedAt();
      }
    });
    return first[0];
  }

  private boolean trusted(Instant publishedAt, Instant seenAt) {
    return PublicationTime.check(publishedAt, seenAt, futureSkew) == PublicationTime.Verdict.TRUSTED;
  }

  private RawArticle raw(IncomingArticle in, Instant[] clock, Instant seenAt) {
    String title = in.title();
    String text = in.text();
    if (clean) {
      // as ingest cleans: an article without a publication time keeps its date line
      CleanText c = cleaner.clean(text, false, in.publishedAt() == null);
      text = c.text();
      title = title == null ? null : TextCleaner.normalizeTitle(title);
    }
    boolean trusted = trusted(in.publishedAt(), seenAt);
    if (trusted && in.publishedAt().isAfter(clock[0])) {
      clock[0] = in.publishedAt();
    }
    boolean untrusted = in.publishedAt() != null && !trusted;
    String id = in.id() != null ? in.id() : Hashing.shortId(in.source() + "|" + text, 16);
    return RawArticle.newBuilder()
        .setId(id)
        .setSourceType("batch")
        .setSource(in.source())
        .setUrl(in.url())
        .setCanonicalUrl(null)
        .setOutlet(in.outlet())
        .setTitle(title)
        .setText(text)
        .setPublishedAt(trusted ? in.publishedAt() : null)
        .setPublishedAtUntrusted(untrusted ? in.publishedAt().toString() : null)
        .setIngestedAt(clock[0])
        .setContentHash(Hashing.sha256Hex(text))
        .setSimhash(0L)
        .build();
  }

  private static BufferedWriter writer(Path p) throws IOException {
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
  }

  private static void line(BufferedWriter w, Object json) {
    try {
      w.write(Json.write(json));
      w.write('\n');
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
