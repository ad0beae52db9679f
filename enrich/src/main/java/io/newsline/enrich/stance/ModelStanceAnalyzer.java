package io.newsline.enrich.stance;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Span;
import io.newsline.enrich.model.Stance;
import io.newsline.enrich.text.Sentences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stance of an article toward its most salient entities with {@link TargetStanceClassifier}: each
 * sentence that mentions the entity is classified for that mention, and the entity's score is the
 * mean of P(positive) - P(negative) over those sentences. Less salient entities, and mentions past
 * a per-entity cap, are not analysed: that bounds the cost per article. Thread-safe.
 */
public final class ModelStanceAnalyzer implements StanceAnalyzer {
  /** Entities analysed per article, by salience. */
  public static final int MAX_ENTITIES = 8;
  /** Sentences analysed per entity, title first, then in text order. */
  public static final int MAX_SENTENCES = 4;
  /** |score| from which the label is positive or negative. */
  static final double THRESHOLD = 0.2;

  private final TargetStanceClassifier classifier;

  public ModelStanceAnalyzer(TargetStanceClassifier classifier) {
    this.classifier = classifier;
  }

  /** With the shipped model. */
  public static ModelStanceAnalyzer standard() {
    return new ModelStanceAnalyzer(TargetStanceClassifier.shared());
  }

  @Override
  public String version() {
    return "target-" + TargetStanceClassifier.VERSION;
  }

  @Override
  public List<Entity> analyze(ArticleText article, List<Entity> entities) {
    Integer[] bySalience = new Integer[entities.size()];
    for (int i = 0; i < bySalience.length; i++) {
      bySalience[i] = i;
    }
    Arrays.sort(bySalience, Comparator.comparingDouble((Integer i) -> -entities.get(i).salience())
        .thenComparing(i -> i));
    boolean[] analysed = new boolean[entities.size()];
    for (int k = 0; k < Math.min(MAX_ENTITIES, bySalience.length); k++) {
      analysed[bySalience[k]] = true;
    }
    ArticleSentences sentences = new ArticleSentences(article, classifier);
    List<Entity> out = new ArrayList<>(entities.size());
    for (int i = 0; i < entities.size(); i++) {
      Entity e = entities.get(i);
      out.add(analysed[i] ? e.withStance(stance(sentences, e)) : e.withStance(Stance.NONE));
    }
    return out;
  }

  private Stance stance(ArticleSentences sentences, Entity e) {
    double sum = 0;
    int n = 0;
    List<Span> positive = new ArrayList<>();
    List<Span> negative = new ArrayList<>();
    Span previous = null;
    for (Mention m : e.mentions()) {
      if (n == MAX_SENTENCES) {
        break;
      }
      Span s = sentences.containing(m);
      if (s == null || s.equals(previous)) {
        continue; // one judgement per sentence: its first mention of the entity
      }
      previous = s;
      double[] p = classifier.probabilities(sentences.view(s), m.start() - s.start(), m.end() - s.start());
      sum += p[2] - p[0];
      n++;
      int c = TargetStanceClassifier.argmax(p);
      if (c == 0) {
        negative.add(s);
      } else if (c == 2) {
        positive.add(s);
      }
    }
    if (n == 0 || positive.isEmpty() && negative.isEmpty()) {
      return Stance.NONE;
    }
    double score = Math.round(1000 * sum / n) / 1000.0;
    if (score >= THRESHOLD && !positive.isEmpty()) {
      return new Stance(Stance.POSITIVE, score, positive);
    }
    if (score <= -THRESHOLD && !negative.isEmpty()) {
      return new Stance(Stance.NEGATIVE, score, negative);
    }
    List<Span> mixed = new ArrayList<>(positive);
    mixed.addAll(negative);
    mixed.sort(Comparator.comparing(Span::field).thenComparingInt(Span::start));
    return new Stance(Stance.NEUTRAL, score, mixed);
  }

  /** Sentence spans of title and text, split once per article; each sentence analysed once. */
  private static final class ArticleSentences {
    private final ArticleText article;
    private final TargetStanceClassifier classifier;
    private final List<int[]> title;
    private final List<int[]> text;
    private final Map<Span, SentenceView> views = new HashMap<>();

    ArticleSentences(ArticleText article, TargetStanceClassifier classifier) {
      this.article = article;
      this.classifier = classifier;
      this.title = Sentences.split(article.field(Field.TITLE));
      this.text = Sentences.split(article.text());
    }

    Span containing(Mention m) {
      List<int[]> spans = m.field() == Field.TITLE ? title : text;
      int lo = 0;
      int hi = spans.size() - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int[] s = spans.get(mid);
        if (m.end() <= s[0]) {
          hi = mid - 1;
        } else if (m.start() >= s[1]) {
          lo = mid + 1;
        } else {
          return m.start() >= s[0] && m.end() <= s[1] ? new Span(s[0], s[1], m.field()) : null;
        }
      }
      return null;
    }

    SentenceView view(Span s) {
      return views.computeIfAbsent(s, x -> classifier.sentence(article.field(x.field()).substring(x.start(), x.end())));
    }
  }
}
