package io.newsline.enrich.ner.tagger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * How a capitalised word was typed across unlabelled news ({@code BuildTypePriors}: the tagger's
 * own verdicts over 11,657 unlabelled texts of 2010s news, counted per word): mostly a person, an organisation,
 * a place, MISC or no name, and how surely. A word of unseen news is judged by all the contexts it
 * had there, not by one sentence's. Lines: word TAB counts of PER ORG LOC MISC O.
 */
public final class TypePriors {
  public static final String RESOURCE = "/ner/type_priors.tsv.gz";
  /** Fewer capitalised occurrences than this say nothing. */
  public static final int MIN_COUNT = 3;
  private static final TypePriors NONE = new TypePriors(new LongIntMap(16));
  private final LongIntMap codes;

  private TypePriors(LongIntMap codes) {
    this.codes = codes;
  }

  public static TypePriors none() {
    return NONE;
  }

  /** The priors of the classpath resource, or none if it is absent. */
  public static TypePriors load() {
    InputStream in = TypePriors.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      return NONE;
    }
    LongIntMap codes = new LongIntMap(1 << 15);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split("\t");
        if (f.length != 6) {
          continue;
        }
        int[] c = new int[5];
        for (int i = 0; i < 5; i++) {
          c[i] = Integer.parseInt(f[i + 1]);
        }
        int code = code(c);
        if (code >= 0) {
          codes.put(FeatureHash.ofLower(f[0], 0, f[0].length()), code);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TypePriors(codes);
  }

  /**
   * The prior of counts PER ORG LOC MISC O as one small number: the majority label, how large
   * its share is (at least 0.9, 0.6, less) and whether the word was seen often; -1 if too rare.
   */
  static int code(int[] c) {
    int n = 0;
    int best = 0;
    for (int i = 0; i < c.length; i++) {
      n += c[i];
      if (c[i] > c[best]) {
        best = i;
      }
    }
    if (n < MIN_COUNT) {
      return -1;
    }
    double share = (double) c[best] / n;
    int sure = share >= 0.9 ? 2 : share >= 0.6 ? 1 : 0;
    return best * 6 + sure * 2 + (n >= 20 ? 1 : 0);
  }

  /** The prior code of a capitalised word (by its lower-case hash), or -1. */
  public int code(long lowerHash) {
    return codes.get(lowerHash);
  }

  public int size() {
    return codes.size();
  }
}
