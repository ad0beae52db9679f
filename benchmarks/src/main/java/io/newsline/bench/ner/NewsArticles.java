package io.newsline.bench.ner;

import io.newsline.enrich.model.ArticleText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Realistic benchmark input: ~1,200-word news articles cut from the repository's sample articles
 * (samples/NNN_*.txt, raw pages with their boilerplate), each starting at a different paragraph.
 * The folder is -Dnewsline.samples, else samples/ or ../samples from the working directory.
 */
final class NewsArticles {
  static final int WORDS = 1200;

  private NewsArticles() {}

  static List<ArticleText> load(int count) {
    List<String> paragraphs = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder())) {
      for (Path p : files.filter(f -> f.getFileName().toString().matches("\\d+_.*\\.txt")).sorted().toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            paragraphs.add(line.strip());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ArticleText> out = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      int p = (a * 37) % paragraphs.size();
      String title = paragraphs.get(p);
      StringBuilder text = new StringBuilder();
      int words = 0;
      for (int k = p + 1; words < WORDS; k++) {
        String para = paragraphs.get(k % paragraphs.size());
        String[] ws = para.split("\\s+");
        if (words + ws.length > WORDS) {
          para = String.join(" ", java.util.Arrays.copyOf(ws, WORDS - words));
          ws = para.split("\\s+");
        }
        text.append(para).append('\n');
        words += ws.length;
      }
      out.add(new ArticleText("bench-" + a, title, text.toString()));
    }
    return out;
  }

  private static Path folder() {
    String prop = System.getProperty("newsline.samples");
    for (Path p : new Path[] {prop == null ? null : Path.of(prop), Path.of("samples"), Path.of("../samples")}) {
      if (p != null && Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("sample articles not found: run from the repository root or set -Dnewsline.samples");
  }
}
