package io.newsline.enrich.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import java.util.List;

/**
 * Finds the people, organisations and places of an article, groups their mentions into one
 * canonical entity each (with an id that is stable across articles) and orders them by salience.
 * Stance is left neutral; {@link io.newsline.enrich.stance.StanceAnalyzer} fills it in.
 * Implementations are thread-safe and deterministic.
 */
public interface EntityExtractor {
  List<Entity> extract(ArticleText article);

  /** Name and version of the model, recorded on every enriched article. */
  String version();
}
