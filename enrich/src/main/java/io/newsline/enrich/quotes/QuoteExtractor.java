package io.newsline.enrich.quotes;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Quote;
import java.util.List;

/** Finds direct quotes and attributes them to speakers among the article's entities. */
public interface QuoteExtractor {
  List<Quote> extract(ArticleText article, List<Entity> entities);

  String version();
}
