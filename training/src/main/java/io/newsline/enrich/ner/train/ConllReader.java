package io.newsline.enrich.ner.train;

import io.newsline.enrich.ner.tagger.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads CoNLL-2003 4-column files (IOB1 tags) into documents of sentences with BILOU labels. */
public final class ConllReader {
  private ConllReader() {}

  /** A sentence of words with gold BILOU labels. */
  public record LabelledSentence(String[] words, int[] labels) {}

  public static List<List<LabelledSentence>> read(Path file) throws IOException {
    List<List<LabelledSentence>> docs = new ArrayList<>();
    List<LabelledSentence> doc = null;
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("-DOCSTART-")) {
        flush(doc, words, tags);
        doc = new ArrayList<>();
        docs.add(doc);
        continue;
      }
      if (line.isBlank()) {
        flush(doc, words, tags);
        continue;
      }
      String[] cols = line.split(" ");
      words.add(cols[0]);
      tags.add(cols[cols.length - 1]);
    }
    flush(doc, words, tags);
    docs.removeIf(List::isEmpty);
    return docs;
  }

  private static void flush(List<LabelledSentence> doc, List<String> words, List<String> tags) {
    if (!words.isEmpty() && doc != null) {
      doc.add(new LabelledSentence(words.toArray(new String[0]), bilou(tags)));
    }
    words.clear();
    tags.clear();
  }

  /** IOB1/IOB2 tags to BILOU label ids. */
  static int[] bilou(List<String> tags) {
    int n = tags.size();
    int[] types = new int[n];
    boolean[] begins = new boolean[n];
    for (int i = 0; i < n; i++) {
      String t = tags.get(i);
      if (t.equals("O")) {
        types[i] = -1;
        continue;
      }
      types[i] = typeOf(t.substring(2));
      begins[i] = t.startsWith("B-") || i == 0 || types[i - 1] != types[i];
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      if (types[i] < 0) {
        continue;
      }
      boolean last = i + 1 == n || types[i + 1] != types[i] || begins[i + 1];
      int part = begins[i] ? (last ? 3 : 0) : (last ? 2 : 1);
      labels[i] = Labels.label(types[i], part);
    }
    return labels;
  }

  private static int typeOf(String t) {
    return switch (t) {
      case "PER" -> 0;
      case "ORG" -> 1;
      case "LOC" -> 2;
      case "MISC" -> 3;
      default -> throw new IllegalArgumentException(t);
    };
  }
}
