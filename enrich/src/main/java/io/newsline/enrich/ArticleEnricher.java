package io.newsline.enrich;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Quote;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import io.newsline.enrich.quotes.PatternQuoteExtractor;
import io.newsline.enrich.quotes.QuoteExtractor;
import io.newsline.enrich.stance.LexiconStanceAnalyzer;
import io.newsline.enrich.stance.StanceAnalyzer;
import java.util.List;

/**
 * The enrichment of one article: entities, then stance toward each, then quotes attributed to
 * them. Plain Java, no Kafka: the enrich topology and batch mode both call it. Thread-safe.
 */
public final class ArticleEnricher {
  private final EntityExtractor entities;
  private final StanceAnalyzer stance;
  private final QuoteExtractor quotes;
  private final String version;

  public ArticleEnricher(EntityExtractor entities, StanceAnalyzer stance, QuoteExtractor quotes) {
    this.entities = entities;
    this.stance = stance;
    this.quotes = quotes;
    this.version = "newsline-enrich ner=" + entities.version() + " stance=" + stance.version()
        + " quotes=" + quotes.version();
  }

  /** The default models. */
  public static ArticleEnricher standard() {
    return new ArticleEnricher(
        PerceptronEntityExtractor.shared(), new LexiconStanceAnalyzer(), new PatternQuoteExtractor());
  }

  public Enrichment enrich(ArticleText article) {
    List<Entity> found = entities.extract(article);
    List<Entity> withStance = stance.analyze(article, found);
    List<Quote> said = quotes.extract(article, withStance);
    return new Enrichment(withStance, said);
  }

  /** Names and versions of the models, recorded on each enriched article. */
  public String version() {
    return version;
  }
}
