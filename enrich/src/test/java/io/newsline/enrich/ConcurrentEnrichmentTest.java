package io.newsline.enrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The enrich stage shares one {@link ArticleEnricher} (and its models) between all its tasks, so
 * with num.stream.threads above one several threads call it at once: they must get exactly what one
 * thread gets.
 */
class ConcurrentEnrichmentTest {

  @Test
  void threadsSharingOneEnricherGetWhatOneThreadGets() throws Exception {
    List<ArticleText> articles = samples();
    ArticleEnricher enricher = ArticleEnricher.standard();
    List<Enrichment> alone = new ArrayList<>();
    for (ArticleText a : articles) {
      alone.add(enricher.enrich(a));
    }
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Enrichment>>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        runs.add(pool.submit(() -> {
          // each thread starts at another article, so different texts run at the same time
          List<Enrichment> out = new ArrayList<>(java.util.Collections.nCopies(articles.size(), null));
          for (int round = 0; round < 5; round++) {
            for (int i = 0; i < articles.size(); i++) {
              int k = (i + offset) % articles.size();
              out.set(k, enricher.enrich(articles.get(k)));
            }
          }
          return out;
        }));
      }
      for (Future<List<Enrichment>> run : runs) {
        List<Enrichment> together = run.get();
        for (int i = 0; i < articles.size(); i++) {
          Enrichment a = alone.get(i);
          Enrichment b = together.get(i);
          assertEquals(a.entities(), b.entities(), articles.get(i).id());
          assertEquals(a.quotes(), b.quotes(), articles.get(i).id());
          assertEquals(a.anchors(), b.anchors(), articles.get(i).id());
          assertArrayEquals(a.embedding(), b.embedding(), articles.get(i).id());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<ArticleText> samples() throws IOException {
    Path dir = Path.of("..", "samples");
    try (Stream<Path> files = Files.list(dir)) {
      List<ArticleText> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".txt") && !p.endsWith("index.txt")).sorted().toList()) {
        String all = Files.readString(f, StandardCharsets.UTF_8);
        int nl = all.indexOf('\n');
        out.add(new ArticleText(f.getFileName().toString(), all.substring(0, nl), all.substring(nl + 1)));
      }
      return out;
    }
  }
}
