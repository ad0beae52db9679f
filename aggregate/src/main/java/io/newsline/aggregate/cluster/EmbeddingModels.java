package io.newsline.aggregate.cluster;

import io.newsline.embedding.SentenceEmbedder;
import io.newsline.embedding.StaticEmbeddings;
import java.util.Objects;

/**
 * The sentence-embedding models of the clustering, by {@code SentenceEmbedder.version()}: the
 * articles' own embedding, summed in {@link EventState#embedding}, and with the cascade its fine
 * model ({@link #FINE}, the one every fine sum is of), summed in {@link EventState#fineEmbedding}.
 *
 * <p>Events record their model ({@link EventState#embeddingModel}), so that an event stored under
 * another (issue 14's change of the default from MiniLM to the cascade, or any change of
 * {@code newsline.embedding}) is migrated when it is restored, never compared across models: a sum
 * of a model still in use moves to where that model is summed now (the MiniLM sum of a
 * {@code minilm} event becomes the cascade's fine sum, and back), and a sum of a model no longer in
 * use is dropped; the articles that join from then on rebuild it. Until a migrated event has a sum
 * of the articles' model again, the cascade decides on MiniLM against it ({@link EventClusterer}).
 *
 * @param model the articles' embedding
 * @param cascade whether the cascade sums its fine model's vectors too
 */
public record EmbeddingModels(String model, boolean cascade) {
  /** The cascade's fine model: MiniLM on the whole lead. */
  static final String FINE = SentenceEmbedder.fineVersion();
  /** MiniLM's dimensions: a sum this long in a state stored before models were recorded is MiniLM's. */
  static final int MINILM_DIMS = 384;

  public EmbeddingModels {
    Objects.requireNonNull(model, "model");
  }

  /** The models the {@code newsline.embedding} property names (loads the articles' embedder). */
  public static EmbeddingModels current() {
    return new EmbeddingModels(SentenceEmbedder.shared().version(), SentenceEmbedder.cascade());
  }

  /** The model of the fine sums; null without a cascade. */
  public String fine() {
    return cascade ? FINE : null;
  }

  /**
   * Brings a restored event to these models and records them in it; true when a sum moved or was
   * dropped (a migration), false when the event was of these models already.
   */
  boolean migrate(EventState e) {
    String was = e.embeddingModel != null ? e.embeddingModel : e.embedding == null ? model : legacy(e.embedding.length);
    boolean hasFine = e.fineEmbedding != null || e.fineEmbeddedArticles > 0;
    e.embeddingModel = model;
    if (model.equals(was) && (cascade || !hasFine)) {
      return false;
    }
    String fine = fine();
    String fineWas = hasFine ? FINE : null;
    float[] sum = e.embedding;
    int summed = e.embeddedArticles;
    float[] fineSum = e.fineEmbedding;
    int fineSummed = e.fineEmbeddedArticles;
    e.embedding = model.equals(was) ? sum : model.equals(fineWas) ? fineSum : null;
    e.embeddedArticles = model.equals(was) ? summed : model.equals(fineWas) ? fineSummed : 0;
    e.fineEmbedding = fine == null ? null : fine.equals(fineWas) ? fineSum : fine.equals(was) ? sum : null;
    e.fineEmbeddedArticles = fine == null ? 0 : fine.equals(fineWas) ? fineSummed : fine.equals(was) ? summed : 0;
    e.embeddingNorm = -1;
    e.fineEmbeddingNorm = -1;
    return true;
  }

  /**
   * The model of a sum stored before models were recorded, told by its length: MiniLM's (the
   * default then, and the cascade's fine model) or the shipped table's (static and the cascade);
   * null for any other (a table or hybrid of one's own: dropped, not guessed).
   */
  static String legacy(int dims) {
    return dims == MINILM_DIMS ? FINE : dims == Bundled.DIMS ? Bundled.VERSION : null;
  }

  /** The shipped table's dimensions and version, loaded on first use (only events stored before models were recorded need them). */
  private static final class Bundled {
    static final int DIMS;
    static final String VERSION;

    static {
      StaticEmbeddings table = StaticEmbeddings.bundled();
      DIMS = table.dims();
      VERSION = SentenceEmbedder.distilled(table).version();
    }
  }
}
