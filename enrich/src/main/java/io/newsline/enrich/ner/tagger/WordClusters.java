package io.newsline.enrich.ner.tagger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Hierarchical word clusters (bit-string paths, as Brown clustering gives) learned from unlabelled
 * news text. The tagger uses path prefixes of several lengths, so a word it never saw in training
 * shares features with words used the same way ("Zelenskiy" with other surnames). Lower-cased keys.
 */
public final class WordClusters {
  public static final int LEVELS = 4;
  private static final int[] PREFIXES = {4, 8, 12, 20};
  private static final WordClusters EMPTY = new WordClusters(new LongIntMap(16), new long[0]);
  private final LongIntMap index;
  private final long[] paths;

  private WordClusters(LongIntMap index, long[] paths) {
    this.index = index;
    this.paths = paths;
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
      int n = 0;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          int tab = line.indexOf('\t');
          if (tab <= 0) {
            continue;
          }
          String word = line.substring(0, tab);
          String path = line.substring(tab + 1);
          if ((n + 1) * LEVELS > paths.length) {
            paths = java.util.Arrays.copyOf(paths, paths.length * 2);
          }
          for (int level = 0; level < LEVELS; level++) {
            int len = Math.min(PREFIXES[level], path.length());
            paths[n * LEVELS + level] = FeatureHash.combine(level + 1, FeatureHash.of(path, 0, len));
          }
          index.put(FeatureHash.ofLower(word, 0, word.length()), n);
          n++;
        }
      }
      return new WordClusters(index, java.util.Arrays.copyOf(paths, n * LEVELS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    return paths.length / LEVELS;
  }

  /** Writes the word's LEVELS path-prefix hashes at out[offset..], or zeros for an unknown word. */
  public void paths(String word, long[] out, int offset) {
    int i = paths.length == 0 ? -1 : index.get(FeatureHash.ofLower(word, 0, word.length()));
    for (int level = 0; level < LEVELS; level++) {
      out[offset + level] = i < 0 ? 0 : paths[i * LEVELS + level];
    }
  }
}
