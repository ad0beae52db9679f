package io.newsline.enrich.ner.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.ner.NerTokenizer;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.NerResources;
import io.newsline.enrich.ner.tagger.TaggerModel;
import io.newsline.enrich.ner.tagger.TypePriors;
import io.newsline.enrich.text.Token;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Learns each capitalised word's type prior from unlabelled news (self-training's signal, as a
 * feature): the extractor tags every text, and each capitalised word counts how often it was part
 * of a person, organisation, place or MISC name, or of none. A word seen in many articles gets
 * the verdict of all their contexts, which one sentence's context cannot give
 * ({@link TypePriors} turns the counts into the tagger's feature).
 *
 * <pre>
 * BuildTypePriors OUT.tsv.gz MODEL.bin.gz INPUT.jsonl...   ("text", "sentence" or "title" of each line)
 * </pre>
 *
 * MODEL must be a tagger trained without priors, so that the priors are the verdict of contexts,
 * not of themselves. Output lines: lower-cased word TAB counts of PER ORG LOC MISC O, sorted.
 */
public final class BuildTypePriors {
  private BuildTypePriors() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: BuildTypePriors OUT.tsv.gz MODEL.bin.gz INPUT.jsonl...");
      System.exit(2);
    }
    EntityExtractor extractor;
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      // Without priors, as MODEL was trained: a feature that pairs the prior with something else
      // must see the same (absent) prior here as in training.
      extractor = new PerceptronEntityExtractor(TaggerModel.read(in), Gazetteer.load().withoutPriors(), NerResources.clusters());
    }
    Map<String, int[]> counts = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    int texts = 0;
    for (int a = 2; a < args.length; a++) {
      for (String line : Files.readAllLines(Path.of(args[a]), StandardCharsets.UTF_8)) {
        if (!line.startsWith("{")) {
          continue;
        }
        JsonNode d = Json.parse(line);
        for (String field : new String[] {"text", "sentence", "title"}) {
          JsonNode t = d.get(field);
          if (t != null && t.isTextual()) {
            if (seen.add(t.asText())) {
              count(extractor, t.asText(), counts);
              texts++;
            }
            break;
          }
        }
      }
    }
    Path out = Path.of(args[0]);
    try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16);
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, int[]> e : counts.entrySet()) {
        int[] c = e.getValue();
        if (c[0] + c[1] + c[2] + c[3] + c[4] >= TypePriors.MIN_COUNT) {
          w.write(e.getKey() + "\t" + c[0] + "\t" + c[1] + "\t" + c[2] + "\t" + c[3] + "\t" + c[4] + "\n");
        }
      }
    }
    System.err.printf("%d texts, %d capitalised words; wrote %s%n", texts, counts.size(), out);
  }

  /** Adds the labels of the text's capitalised words: 0-3 PER ORG LOC MISC, 4 no name. */
  static void count(EntityExtractor extractor, String text, Map<String, int[]> counts) {
    int[] type = new int[text.length()];
    java.util.Arrays.fill(type, 4);
    for (Entity e : extractor.extract(new ArticleText("u", null, text))) {
      int t = index(e.type());
      for (Mention m : e.mentions()) {
        if (m.field() == Field.TEXT) {
          java.util.Arrays.fill(type, m.start(), m.end(), t);
        }
      }
    }
    for (Token tok : NerTokenizer.tokenize(text)) {
      String w = tok.text();
      if (w.isEmpty() || !Character.isUpperCase(w.charAt(0)) || !Character.isLetter(w.charAt(0))) {
        continue;
      }
      counts.computeIfAbsent(w.toLowerCase(Locale.ROOT), k -> new int[5])[type[tok.start()]]++;
    }
  }

  private static int index(EntityType t) {
    return switch (t) {
      case PERSON -> 0;
      case ORGANIZATION -> 1;
      case LOCATION -> 2;
      default -> 3;
    };
  }
}
