package io.newsline.embedding.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.enrich.ner.train.ConllReader;
import io.newsline.enrich.text.Sentences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Unlabelled news text for fitting the static embedding: every document cut into lead-sized
 * pieces the way enrich sees an article. A document's first piece is what {@link
 * SentenceEmbedder#input} makes of its headline and body; the rest of the body follows in pieces
 * of whole sentences up to {@link SentenceEmbedder#MAX_CHARS} characters. Labels are never read.
 * Sources: JSON Lines ("title" and "text", or "sentence": a one-sentence document) and CoNLL-2003
 * 4-column files (a document's tokens joined by spaces, one sentence a line). Duplicates are kept
 * once; the order is the files' order, so the corpus is the same on every run.
 */
final class NewsTexts {
  /** A piece of text and the source it came from (the file's name without extension). */
  record Piece(String source, String text) {}

  private NewsTexts() {}

  /**
   * @param sentences also every sentence of 30 characters or more as a piece of its own (short texts, like headlines)
   * @param windows also, after all the other pieces and only from the sources not in {@code skip}: every
   *     sentence (source {@code NAME~sentence}) and every run of two and of three consecutive sentences
   *     (source {@code NAME~window}): more, and shorter, pieces from the same text, kept apart by source so
   *     that a fit can leave them out
   */
  static List<Piece> read(List<Path> files, boolean sentences, boolean windows, Set<String> skip) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    List<Piece> out = new ArrayList<>();
    for (Path f : files) {
      String source = sourceName(f);
      for (String[] doc : documents(f)) {
        List<String> pieces = pieces(doc[0], doc[1]);
        if (sentences) {
          pieces.addAll(sentences(doc[1]));
        }
        add(source, pieces, seen, out);
      }
    }
    if (windows) {
      for (Path f : files) {
        String source = sourceName(f);
        if (skip.contains(source)) {
          continue;
        }
        for (String[] doc : documents(f)) {
          add(source + "~sentence", sentences(doc[1]), seen, out);
          add(source + "~window", windows(doc[1]), seen, out);
        }
      }
    }
    return out;
  }

  private static void add(String source, List<String> pieces, Set<String> seen, List<Piece> out) {
    for (String p : pieces) {
      if (seen.add(p)) {
        out.add(new Piece(source, p));
      }
    }
  }

  /** Every run of two and of three consecutive sentences that fits in a lead. */
  static List<String> windows(String text) {
    List<String> out = new ArrayList<>();
    String body = text == null ? "" : text;
    List<int[]> spans = Sentences.split(body);
    for (int size = 2; size <= 3; size++) {
      for (int i = 0; i + size <= spans.size(); i++) {
        String window = body.substring(spans.get(i)[0], spans.get(i + size - 1)[1]).strip().replaceAll("\\s+", " ");
        if (window.length() <= SentenceEmbedder.MAX_CHARS) {
          out.add(window);
        }
      }
    }
    return out;
  }

  static String sourceName(Path f) {
    String name = f.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** {title, text} of every document of the file. */
  private static List<String[]> documents(Path f) throws IOException {
    List<String[]> docs = new ArrayList<>();
    if (!f.getFileName().toString().endsWith(".jsonl")) {
      for (List<ConllReader.LabelledSentence> doc : ConllReader.read(f)) {
        StringBuilder text = new StringBuilder();
        for (ConllReader.LabelledSentence s : doc) {
          text.append(String.join(" ", s.words())).append('\n');
        }
        docs.add(new String[] {null, text.toString()});
      }
      return docs;
    }
    for (String line : Files.readAllLines(f)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode o = Json.parse(line);
      String text = o.has("text") ? Json.text(o, "text") : Json.text(o, "sentence");
      docs.add(new String[] {Json.text(o, "title"), text == null ? "" : text});
    }
    return docs;
  }

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (int[] s : Sentences.split(text == null ? "" : text)) {
      String sentence = text.substring(s[0], s[1]).strip();
      if (sentence.length() >= 30) {
        out.add(sentence.length() > SentenceEmbedder.MAX_CHARS ? sentence.substring(0, SentenceEmbedder.MAX_CHARS) : sentence);
      }
    }
    return out;
  }

  /** The lead as enrich embeds it, then the rest of the body in pieces of whole sentences. */
  static List<String> pieces(String title, String text) {
    List<String> out = new ArrayList<>();
    String lead = SentenceEmbedder.input(title, text);
    if (!lead.isBlank()) {
      out.add(lead);
    }
    String body = text == null ? "" : text.strip();
    int skip = title == null || title.isBlank() || body.startsWith(title.strip()) ? lead.length() : 0;
    if (skip >= body.length()) {
      return out;
    }
    StringBuilder piece = new StringBuilder();
    for (int[] s : Sentences.split(body)) {
      if (s[1] <= skip) {
        continue; // inside the lead already
      }
      String sentence = body.substring(Math.max(s[0], skip), s[1]).strip();
      if (piece.length() > 0 && piece.length() + 1 + sentence.length() > SentenceEmbedder.MAX_CHARS) {
        out.add(piece.toString());
        piece.setLength(0);
      }
      if (piece.length() > 0) {
        piece.append(' ');
      }
      piece.append(sentence.length() > SentenceEmbedder.MAX_CHARS ? sentence.substring(0, SentenceEmbedder.MAX_CHARS) : sentence);
    }
    if (!piece.toString().isBlank()) {
      out.add(piece.toString());
    }
    return out;
  }
}
