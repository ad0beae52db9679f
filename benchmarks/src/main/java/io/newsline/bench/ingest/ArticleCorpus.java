package io.newsline.bench.ingest;

import io.newsline.common.Json;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.source.SampleArticles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic articles for load tests, made from the bundled seed articles' sentences: 600 to 1,200
 * words in paragraphs of three to six sentences, names and numbers varied per article so every
 * article is its own text, page boilerplate mixed in ("Advertisement", share and newsletter lines)
 * as in real captures, and about 5% syndicated copies of earlier articles. Deterministic per seed.
 */
public final class ArticleCorpus {
  private static final String[] NAMES = {"Witkoff", "Kushner", "Ushakov", "Dmitriev", "Zelensky", "Rubio", "Sybiha", "Umerov",
      "Yermak", "Rutte", "Costa", "von der Leyen", "Macron", "Merz", "Tusk", "Meloni", "Starmer", "Erdogan", "Guterres", "Lavrov"};
  private static final String[] PLACES = {"Moscow", "Kyiv", "Brussels", "Geneva", "Dublin", "Istanbul", "Warsaw", "Berlin",
      "Paris", "Helsinki", "Riga", "Vilnius", "Odesa", "Kharkiv", "Pokrovsk", "Zaporizhzhia", "Kherson", "Minsk", "Ankara", "Rome"};
  private static final String[] BOILERPLATE = {"Advertisement", "Share this article", "Skip to content",
      "Sign up for our morning newsletter", "Follow us on Google News", "Published At:", "Become a Member for Full Access"};

  private final List<String> sentences = new ArrayList<>();
  private final Random random;

  public ArticleCorpus(long seed) {
    this.random = new Random(seed);
    TextCleaner cleaner = new TextCleaner();
    for (IncomingArticle a : SampleArticles.load()) {
      for (String p : cleaner.clean(a.text(), true).text().split("\n")) {
        for (String s : p.split("(?<=[.!?])\\s+(?=[\\p{Lu}“\"])")) {
          if (s.split(" ").length >= 8) {
            sentences.add(s);
          }
        }
      }
    }
  }

  /** One article as a JSON Lines object: id, title, text, url, outlet, published_at. */
  public Map<String, Object> article(int n, List<Map<String, Object>> earlier) {
    if (!earlier.isEmpty() && random.nextInt(20) == 0) {
      return syndicatedCopy(n, earlier.get(random.nextInt(earlier.size())));
    }
    int words = 600 + random.nextInt(601);
    StringBuilder text = new StringBuilder();
    int count = 0;
    while (count < words) {
      int sentencesInParagraph = 3 + random.nextInt(4);
      StringBuilder p = new StringBuilder();
      for (int s = 0; s < sentencesInParagraph && count < words; s++) {
        String sentence = vary(sentences.get(random.nextInt(sentences.size())));
        count += sentence.split(" ").length;
        p.append(p.length() == 0 ? "" : " ").append(sentence);
      }
      text.append(p).append('\n');
      if (random.nextInt(6) == 0) {
        text.append(BOILERPLATE[random.nextInt(BOILERPLATE.length)]).append('\n');
      }
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", "bench-" + n);
    a.put("title", NAMES[random.nextInt(NAMES.length)] + " meets " + NAMES[random.nextInt(NAMES.length)] + " in "
        + PLACES[random.nextInt(PLACES.length)] + " as talks on article " + n + " continue");
    a.put("text", text.toString());
    a.put("url", "https://outlet" + random.nextInt(50) + ".example/world/" + n);
    a.put("outlet", "Outlet " + random.nextInt(50));
    a.put("published_at", Instant.parse("2025-12-01T00:00:00Z").plusSeconds(n * 37L).toString());
    return a;
  }

  private Map<String, Object> syndicatedCopy(int n, Map<String, Object> original) {
    Map<String, Object> a = new LinkedHashMap<>(original);
    a.put("id", "bench-" + n);
    a.put("url", "https://syndication" + random.nextInt(5) + ".example/wire/" + n);
    a.put("text", "From our partners.\n" + original.get("text") + "This story was originally published by " + original.get("outlet") + ".\n");
    return a;
  }

  /** Names, places and numbers changed, so sentences shared between articles are not identical. */
  private String vary(String sentence) {
    String s = sentence;
    for (String name : NAMES) {
      if (s.contains(name)) {
        s = s.replace(name, NAMES[random.nextInt(NAMES.length)]);
      }
    }
    for (String place : PLACES) {
      if (s.contains(place) && random.nextBoolean()) {
        s = s.replace(place, PLACES[random.nextInt(PLACES.length)]);
      }
    }
    return s.replaceAll("\\b\\d+\\b", String.valueOf(2 + random.nextInt(97)));
  }

  /** Writes {@code count} articles to a JSON Lines file; returns the file size in bytes. */
  public long writeJsonLines(Path file, int count) throws IOException {
    List<Map<String, Object>> recent = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        Map<String, Object> a = article(i, recent);
        if (recent.size() < 200) {
          recent.add(a);
        } else {
          recent.set(random.nextInt(recent.size()), a);
        }
        w.write(Json.write(a));
        w.write('\n');
      }
    }
    return Files.size(file);
  }
}
