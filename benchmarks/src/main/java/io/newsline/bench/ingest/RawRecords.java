package io.newsline.bench.ingest;

import io.newsline.avro.RawArticle;
import io.newsline.ingest.ArticleNormalizer;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
import io.newsline.ingest.source.FileArticles;
import io.newsline.registry.serde.AvroSerde;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The articles of a JSON Lines file as ingest publishes them (cleaned, deduplicated, Avro with a schema id): {key, value} pairs, for broker baselines. */
public final class RawRecords {
  private RawRecords() {}

  public static List<byte[][]> of(Path file, Map<String, Object> clientConfig, String topic) throws IOException {
    AvroSerde<RawArticle> serde = AvroSerde.of(RawArticle.class, clientConfig, false);
    ArticleNormalizer normalizer = new ArticleNormalizer(new TextCleaner(), new Deduplicator());
    List<byte[][]> records = new ArrayList<>();
    Instant now = Instant.now();
    FileArticles.read(file, "jsonl", item -> {
      if (item.isOk()) {
        RawArticle a = normalizer.normalize(item.article(), now);
        records.add(new byte[][] {a.getId().getBytes(StandardCharsets.UTF_8), serde.serializer().serialize(topic, a)});
      }
    });
    return records;
  }
}
