package io.newsline.enrich.ner.tagger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Where the NER model, clusters and gazetteers live on the classpath. */
public final class NerResources {
  public static final String MODEL = "/ner/model.bin.gz";
  public static final String CLUSTERS = "/ner/clusters.tsv.gz";

  private NerResources() {}

  public static WordClusters clusters() {
    return WordClusters.load(CLUSTERS);
  }

  public static TaggerModel model() {
    try (InputStream in = NerResources.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException("NER model resource " + MODEL + " is missing: see docs/ner.md to rebuild it");
      }
      return TaggerModel.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
