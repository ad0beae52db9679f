package io.newsline.enrich.ner.tagger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Word clusters learned from unlabelled news text ({@code BuildClusters}) at several
 * granularities, coarse to fine: a word the tagger never saw in training shares features with
 * words used the same way. Lines are word TAB id TAB id ...; lower-cased keys.
 */
public final class WordClusters {
  public static final int LEVELS = 3;
  private static final WordClusters EMPTY = new WordClusters(new LongIntMap(16), new long[0], List.of());
  private final LongIntMap index;
  private final long[] paths;
  private final List<String> words;

  private WordClusters(LongIntMap index, long[] paths, List<String> words) {
    this.index = index;
    this.paths = paths;
    this.words = words;
  }

  /** The clustered words, most frequent in the unlabelled text first. */
  public List<String> words() {
    return words;
  }

  public static WordClusters empty() {
    return EMPTY;
  }

  /** Loads word TAB path lines from a classpath resource (gzip if it ends in .gz); empty if absent. */
  public static WordClusters load(String resource) {
    InputStream in = WordClusters.class.getResourceAsStream(resource);
    if (in == null) {
      return EMPTY;
    }
    try {
      if (resource.endsWith(".gz")) {
        in = new GZIPInputStream(in);
      }
      LongIntMap index = new LongIntMap(1 << 16);
      long[] paths = new long[1 << 16];
      List<String> words = new ArrayList<>();
      int n = 0;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          int tab = line.indexOf('\t');
          if (tab <= 0) {
            continue;
          }
          String word = line.substring(0, tab);
          String[] ids = line.substring(tab + 1).split("\t");
          if ((n + 1) * LEVELS > paths.length) {
            paths = java.util.Arrays.copyOf(paths, paths.length * 2);
          }
          for (int level = 0; level < LEVELS; level++) {
            paths[n * LEVELS + level] = FeatureHash.combine(level + 1, FeatureHash.of(ids[Math.min(level, ids.length - 1)]));
          }
          index.put(FeatureHash.ofLower(word, 0, word.length()), n);
          words.add(word);
          n++;
        }
      }
      return new WordClusters(index, java.util.Arrays.copyOf(paths, n * LEVELS), List.copyOf(words));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    return paths.length / LEVELS;
  }

  /** Writes the word's LEVELS cluster hashes at out[offset..], or zeros for an unknown word. */
  public void paths(String word, long[] out, int offset) {
    int i = paths.length == 0 ? -1 : index.get(FeatureHash.ofLower(word, 0, word.length()));
    for (int level = 0; level < LEVELS; level++) {
      out[offset + level] = i < 0 ? 0 : paths[i * LEVELS + level];
    }
  }
}
