package io.newsline.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end benchmark's input, built at run time from the shared development data (never
 * committed): every real news document there, FNC-1 bodies, ECB+ dev articles and the CoNLL-2003
 * Reuters documents (train and dev; first line as headline), about 2,560 articles of 2 KB.
 *
 * <p>At 400 articles/s that is six seconds of input, too short to measure a sustained rate, so the
 * corpus is written {@code passes} times. Pass 0 is the real text. Each later pass is the same
 * articles with every word of four letters or more replaced through a fixed, per-pass permutation
 * of the corpus vocabulary within bands of similar frequency (capitalised words with capitalised
 * words): new texts, not duplicates (ingest's deduplication does not link them), with the same
 * lengths, sentence shapes, word-frequency profile and story structure (the same words map alike
 * within a pass, so the articles of one story still share their vocabulary). Deterministic.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.e2e.SharedCorpus \
 *     [--shared ../shared] [--passes 4] --out /tmp/e2e.jsonl
 * </pre>
 */
public final class SharedCorpus {
  private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
  private static final int BAND = 64;

  private SharedCorpus() {}

  public static void main(String[] args) throws IOException {
    Path shared = Path.of("../shared");
    Path out = null;
    int passes = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shared" -> shared = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--shared DIR --out FILE --passes N)");
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out FILE is required");
    }
    List<Map<String, Object>> articles = read(shared.resolve("datasets"));
    long bytes = write(articles, passes, out);
    System.out.printf(Locale.ROOT, "%,d articles (%,d real x %d passes), %.1f MB, mean text %,.0f characters -> %s%n",
        articles.size() * passes, articles.size(), passes, bytes / 1e6, meanText(articles), out);
  }

  /** The real articles of the shared data sets, in a fixed order. */
  public static List<Map<String, Object>> read(Path datasets) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String set : List.of("clustering/fnc1_test_bodies.jsonl", "clustering/ecbplus_dev.jsonl")) {
      try (BufferedReader r = Files.newBufferedReader(datasets.resolve(set), StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          JsonNode n = Json.parse(line);
          out.add(article(n.get("id").asText(), text(n, "title"), n.get("text").asText(), text(n, "outlet")));
        }
      }
    }
    for (String set : List.of("ner/eng.train", "ner/eng.testa")) {
      int doc = 0;
      for (String text : conllDocuments(datasets.resolve(set))) {
        int cut = text.indexOf('\n');
        String title = cut > 0 && cut <= 120 ? text.substring(0, cut) : null;
        String body = title == null ? text : text.substring(cut + 1);
        if (!body.isBlank()) {
          out.add(article("conll-" + set.substring(set.lastIndexOf('.') + 1) + "-" + doc++, title, body, null));
        }
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, Object> article(String id, String title, String text, String outlet) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", id);
    a.put("title", title);
    a.put("text", text);
    a.put("outlet", outlet);
    return a;
  }

  /** CoNLL-2003 documents, detokenised: one sentence per line. */
  static List<String> conllDocuments(Path file) throws IOException {
    List<String> docs = new ArrayList<>();
    StringBuilder doc = new StringBuilder();
    StringBuilder sentence = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("-DOCSTART-")) {
        flush(doc, sentence);
        if (doc.length() > 0) {
          docs.add(doc.toString().strip());
        }
        doc.setLength(0);
      } else if (line.isBlank()) {
        flush(doc, sentence);
      } else {
        String token = line.substring(0, line.indexOf(' '));
        boolean glue = sentence.length() == 0 || token.matches("[.,;:!?%)]|'s|n't|'") || sentence.charAt(sentence.length() - 1) == '(';
        sentence.append(glue ? "" : " ").append(token);
      }
    }
    flush(doc, sentence);
    if (doc.length() > 0) {
      docs.add(doc.toString().strip());
    }
    return docs;
  }

  private static void flush(StringBuilder doc, StringBuilder sentence) {
    if (sentence.length() > 0) {
      doc.append(sentence).append('\n');
      sentence.setLength(0);
    }
  }

  /** Writes the articles {@code passes} times (later passes rewritten, see the class comment); returns the file size. */
  public static long write(List<Map<String, Object>> articles, int passes, Path out) throws IOException {
    Map<String, Integer> freq = new HashMap<>();
    for (Map<String, Object> a : articles) {
      for (String field : List.of("title", "text")) {
        Object v = a.get(field);
        if (v != null) {
          Matcher m = WORD.matcher((String) v);
          while (m.find()) {
            freq.merge(m.group(), 1, Integer::sum);
          }
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int pass = 0; pass < passes; pass++) {
        Map<String, String> rewrite = pass == 0 ? Map.of() : permutation(freq, new Random(pass));
        for (Map<String, Object> a : articles) {
          Map<String, Object> copy = new LinkedHashMap<>(a);
          if (pass > 0) {
            copy.put("id", a.get("id") + "~" + pass);
            copy.put("title", rewrite((String) a.get("title"), rewrite));
            copy.put("text", rewrite((String) a.get("text"), rewrite));
          }
          w.write(Json.write(copy));
          w.write('\n');
        }
      }
    }
    return Files.size(out);
  }

  /** Each word to another of its band of similar frequency and the same capitalisation. */
  private static Map<String, String> permutation(Map<String, Integer> freq, Random random) {
    Map<String, String> map = new HashMap<>();
    for (boolean upper : new boolean[] {false, true}) {
      List<String> words = new ArrayList<>();
      freq.keySet().forEach(wd -> {
        if (Character.isUpperCase(wd.charAt(0)) == upper) {
          words.add(wd);
        }
      });
      words.sort(Comparator.comparing((String wd) -> -freq.get(wd)).thenComparing(Comparator.naturalOrder()));
      for (int start = 0; start < words.size(); start += BAND) {
        List<String> band = words.subList(start, Math.min(words.size(), start + BAND));
        List<String> shuffled = new ArrayList<>(band);
        java.util.Collections.shuffle(shuffled, random);
        for (int i = 0; i < band.size(); i++) {
          map.put(band.get(i), shuffled.get(i));
        }
      }
    }
    return map;
  }

  private static String rewrite(String s, Map<String, String> map) {
    if (s == null) {
      return null;
    }
    Matcher m = WORD.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(map.getOrDefault(m.group(), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static double meanText(List<Map<String, Object>> articles) {
    return articles.stream().mapToInt(a -> ((String) a.get("text")).length()).average().orElse(0);
  }
}
