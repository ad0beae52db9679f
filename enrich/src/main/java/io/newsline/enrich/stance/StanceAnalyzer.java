package io.newsline.enrich.stance;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import java.util.List;

/**
 * Decides how an article portrays each of its entities (target-dependent sentiment). Returns the
 * entities in the same order with {@link Entity#stance()} filled in; neutral where there is no
 * evidence. Thread-safe and deterministic.
 */
public interface StanceAnalyzer {
  List<Entity> analyze(ArticleText article, List<Entity> entities);

  String version();
}
