package io.newsline.enrich.stance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Prior word polarity from the VADER lexicon (valence -4..+4, scaled to -1..+1). Gives the model a
 * signal for polar words that never occur in the training sentences. Immutable, thread-safe.
 */
public final class PolarityLexicon {
  private static final String RESOURCE = "/stance/vader_lexicon.tsv";
  private final Map<String, Float> valence;

  private PolarityLexicon(Map<String, Float> valence) {
    this.valence = valence;
  }

  /** The lexicon shipped with the model. */
  public static PolarityLexicon load() {
    try (InputStream in = PolarityLexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Map<String, Float> m = new HashMap<>(16_384);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          m.put(line.substring(0, tab), Float.parseFloat(line.substring(tab + 1)) / 4f);
        }
      }
      return new PolarityLexicon(Map.copyOf(m));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every word with a valence. */
  public java.util.Set<String> words() {
    return valence.keySet();
  }

  /** Valence of a lower-case word in -1..+1, 0 when unknown. */
  public float valence(String word) {
    Float v = valence.get(word);
    return v == null ? 0f : v;
  }
}
