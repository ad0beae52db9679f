package io.newsline.embedding;

import io.newsline.avro.EnrichedArticle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Sentence embeddings of articles, of the headline followed by the start of the body,
 * {@value #MAX_CHARS} characters in all: the lead is where news states what happened. The
 * {@code newsline.embedding} system property chooses the model ({@link #named}):
 *
 * <ul>
 *   <li>{@code cascade} (the default, {@value #DEFAULT}): the shipped table on every article, as
 *       {@code static}, and aggregate's join decision embeds with MiniLM ({@link #fine()}) only the
 *       articles the table leaves open (aggregate's {@code Cascade}): MiniLM's clustering quality at
 *       1.6 times its speed end to end (docs/benchmarks.md);
 *   <li>{@code minilm}: all-MiniLM-L6-v2 itself through ONNX Runtime on every article, about 13 ms
 *       per article (the default before issue 14);
 *   <li>{@code minilm:CHARS}: the same on the first CHARS characters only (cost follows the length);
 *   <li>the path of a static embedding table ({@link StaticEmbeddings}, built by the training module's
 *       {@code StaticEmbeddingFitter} or {@code StaticEmbeddingDistiller}): tens of microseconds per
 *       article, plain Java, but clustering scores a few points lower (docs/benchmarks.md);
 *   <li>{@code static}: the table shipped with newsline ({@link StaticEmbeddings#bundled}), fitted
 *       to MiniLM on news text: for backfills, where speed matters more than the last points;
 *   <li>{@code hybrid:CHARS:WEIGHT:TABLE}: MiniLM on the first CHARS characters beside the table on
 *       the whole lead, cosines mixed WEIGHT to 1 - WEIGHT.
 * </ul>
 *
 * <p>Enrich computes one embedding per article, carried on EnrichedArticle.embedding, and records
 * the model's {@link #version()} in EnrichedArticle.enricher; aggregate fills it in for records
 * enriched without one, or with one of another model (older records, replays after a change of
 * model): embeddings of different models are never compared. Aggregate's stored events record the
 * version their sums are of and are migrated when it changes (aggregate's {@code EmbeddingModels}).
 * Thread-safe.
 */
public final class SentenceEmbedder {
  public static final int MAX_CHARS = 600;
  public static final String PROPERTY = "newsline.embedding";
  /** The model when the {@code newsline.embedding} property is not set. */
  public static final String DEFAULT = "cascade";
  private static volatile SentenceEmbedder shared;
  private final Function<String, float[]> model;
  private final String version;

  SentenceEmbedder(Function<String, float[]> model, String version) {
    this.model = model;
    this.version = version;
  }

  /** A distilled static embedding table. */
  public static SentenceEmbedder distilled(StaticEmbeddings table) {
    return new SentenceEmbedder(table::embed, "static-" + table.fingerprint() + "/" + MAX_CHARS);
  }

  /** all-MiniLM-L6-v2 itself (loading it takes a second and 30 MB). */
  public static SentenceEmbedder miniLm() {
    return miniLm(MAX_CHARS);
  }

  /** all-MiniLM-L6-v2 on the first {@code chars} characters of headline and lead. */
  public static SentenceEmbedder miniLm(int chars) {
    return miniLm(MiniLmModel.LAYERS, chars);
  }

  /** all-MiniLM-L6-v2's first {@code layers} transformer layers on the first {@code chars} characters. */
  public static SentenceEmbedder miniLm(int layers, int chars) {
    return miniLm(layers, chars, true);
  }

  /**
   * {@link #miniLm(int, int)} with the model's graph as the jar ships it ({@code fused} false) or
   * with each layer's operators fused, as newsline runs it: the same vectors (the fused graph's cost
   * benchmark).
   */
  public static SentenceEmbedder miniLm(int layers, int chars, boolean fused) {
    if (chars <= 0 || chars > MAX_CHARS) {
      throw new IllegalArgumentException("MiniLM's input length must be 1 to " + MAX_CHARS + " characters, not " + chars);
    }
    MiniLmModel m = new MiniLmModel(layers, fused);
    return new SentenceEmbedder(s -> m.embed(cut(s, chars)), miniLmVersion(layers, chars));
  }

  /** The {@link #version()} of MiniLM's first {@code layers} layers on {@code chars} characters, without loading it. */
  static String miniLmVersion(int layers, int chars) {
    return "all-minilm-l6-v2-q" + (layers == MiniLmModel.LAYERS ? "" : "-layers" + layers) + "/" + chars;
  }

  /**
   * MiniLM on the first {@code chars} characters (the headline, or the start of the body) and the
   * table on the whole lead, side by side, scaled so that the cosine of two such vectors is
   * {@code weight} times MiniLM's cosine plus (1 - weight) times the table's.
   */
  public static SentenceEmbedder hybrid(int chars, double weight, StaticEmbeddings table) {
    return hybrid(new MiniLmModel()::embed, "all-minilm-l6-v2-q", chars, weight, table);
  }

  static SentenceEmbedder hybrid(Function<String, float[]> model, String modelName, int chars, double weight, StaticEmbeddings table) {
    if (!(weight > 0 && weight < 1)) {
      throw new IllegalArgumentException("the hybrid's weight must be between 0 and 1, not " + weight);
    }
    float a = (float) Math.sqrt(weight);
    float b = (float) Math.sqrt(1 - weight);
    return new SentenceEmbedder(s -> {
      float[] raw = model.apply(cut(s, chars));
      if (raw == null) {
        return null; // nothing MiniLM reads (no word piece): no embedding, as for a blank text
      }
      float[] head = unit(raw);
      float[] lead = table.embed(s);
      float[] out = new float[head.length + table.dims()];
      for (int k = 0; k < head.length; k++) {
        out[k] = a * head[k];
      }
      for (int k = 0; lead != null && k < lead.length; k++) {
        out[head.length + k] = b * lead[k];
      }
      return out;
    }, "hybrid-" + modelName + "-" + chars + "-" + weight + "-static-" + table.fingerprint() + "/" + MAX_CHARS);
  }

  /** The text cut to at most {@code chars} characters, at a word boundary when there is one. */
  static String cut(String s, int chars) {
    if (s.length() <= chars) {
      return s;
    }
    int end = chars;
    while (end > chars / 2 && !Character.isWhitespace(s.charAt(end))) {
      end--;
    }
    return s.substring(0, end > chars / 2 ? end : chars);
  }

  /** The vector scaled to unit length (all zero stays all zero). */
  public static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    float inv = n == 0 ? 0 : (float) (1 / Math.sqrt(n));
    float[] out = new float[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = v[k] * inv;
    }
    return out;
  }

  /**
   * One embedder per JVM, as the {@code newsline.embedding} property names it (by default
   * {@value #DEFAULT}): {@code cascade}, {@code minilm}, {@code minilm:CHARS}, {@code static},
   * {@code hybrid:CHARS:WEIGHT:TABLE} or the path of a table.
   */
  public static SentenceEmbedder shared() {
    SentenceEmbedder s = shared;
    if (s == null) {
      synchronized (SentenceEmbedder.class) {
        s = shared;
        if (s == null) {
          s = named(System.getProperty(PROPERTY, DEFAULT));
          shared = s;
        }
      }
    }
    return s;
  }

  /** Whether the {@code newsline.embedding} property asks for the cascade (the table, MiniLM where the join is open). */
  public static boolean cascade() {
    return "cascade".equals(System.getProperty(PROPERTY, DEFAULT));
  }

  /** One MiniLM per JVM for the cascade's open decisions, loaded on first use (the holder class's initialisation). */
  public static SentenceEmbedder fine() {
    return Fine.MODEL;
  }

  /** The {@link #version()} of {@link #fine()}, without loading it. */
  public static String fineVersion() {
    return miniLmVersion(MiniLmModel.LAYERS, MAX_CHARS);
  }

  private static final class Fine {
    static final SentenceEmbedder MODEL = miniLm();
  }

  /** The embedder a {@code newsline.embedding} value names (see {@link #shared()}). */
  public static SentenceEmbedder named(String spec) {
    String[] p = spec.split(":", 4);
    try {
      if (spec.equals("minilm")) {
        return miniLm();
      } else if (spec.equals("static") || spec.equals("cascade")) {
        return distilled(StaticEmbeddings.bundled());
      } else if (p[0].equals("minilm") && p.length == 2) {
        return miniLm(Integer.parseInt(p[1]));
      } else if (p[0].equals("hybrid") && p.length == 4) {
        return hybrid(Integer.parseInt(p[1]), Double.parseDouble(p[2]), StaticEmbeddings.file(Path.of(p[3])));
      } else if (p[0].equals("minilm") || p[0].equals("hybrid")) {
        throw new IllegalArgumentException("malformed");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PROPERTY + "=" + spec + ": expected minilm, minilm:CHARS, static, cascade, hybrid:CHARS:WEIGHT:TABLE"
          + " or the path of a table (" + e.getMessage() + ")", e);
    }
    return distilled(StaticEmbeddings.file(Path.of(spec)));
  }

  /** Model and input length, recorded in EnrichedArticle.enricher as embedding=VERSION. */
  public String version() {
    return version;
  }

  /** The text embedded: headline, then the body (without repeating a body that starts with the headline). */
  public static String input(String title, String text) {
    String body = text == null ? "" : text.strip();
    String head = title == null ? "" : title.strip();
    String s = head.isEmpty() || body.startsWith(head) ? body : body.isEmpty() ? head : head + ". " + body;
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
  }

  /** The embedding of headline and lead; null when they hold no word. */
  public float[] embed(String title, String text) {
    String s = input(title, text);
    return s.isBlank() ? null : model.apply(s);
  }

  /** The wire form for EnrichedArticle.embedding. */
  public ByteBuffer encode(String title, String text) {
    return EmbeddingCodec.encode(embed(title, text));
  }

  /** Whether the record's embedding was made by this embedder (its enricher names the version). */
  public boolean current(EnrichedArticle a) {
    return a.getEmbedding() != null && a.getEnricher() != null && a.getEnricher().contains("embedding=" + version);
  }

  /** Fills in a missing embedding, or replaces one of another model; returns the same record. */
  public EnrichedArticle fill(EnrichedArticle a) {
    if (a != null && !current(a)) {
      a.setEmbedding(encode(a.getTitle(), a.getText()));
      if (a.getEnricher() == null || !a.getEnricher().contains("embedding=")) {
        a.setEnricher((a.getEnricher() == null ? "" : a.getEnricher() + " ") + "embedding=" + version);
      } else {
        a.setEnricher(a.getEnricher().replaceAll("embedding=\\S+", "embedding=" + version));
      }
    }
    return a;
  }
}
