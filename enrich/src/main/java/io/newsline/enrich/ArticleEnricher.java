package io.newsline.enrich;

import io.newsline.embedding.SentenceEmbedder;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Quote;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import io.newsline.enrich.quotes.AttributedQuoteExtractor;
import io.newsline.enrich.quotes.QuoteExtractor;
import io.newsline.enrich.stance.ModelStanceAnalyzer;
import io.newsline.enrich.stance.StanceAnalyzer;
import java.util.List;

/**
 * The enrichment of one article: entities, then stance toward each, then quotes attributed to
 * them, and the sentence embedding aggregate clusters with. Plain Java, no Kafka: the enrich
 * topology and batch mode both call it. Thread-safe.
 */
public final class ArticleEnricher {
  private final EntityExtractor entities;
  private final StanceAnalyzer stance;
  private final QuoteExtractor quotes;
  private final SentenceEmbedder embedder;
  private final String version;

  /** An enricher without embeddings. */
  public ArticleEnricher(EntityExtractor entities, StanceAnalyzer stance, QuoteExtractor quotes) {
    this(entities, stance, quotes, null);
  }

  /** @param embedder sentence embeddings of headline and lead; null to leave them out */
  public ArticleEnricher(EntityExtractor entities, StanceAnalyzer stance, QuoteExtractor quotes, SentenceEmbedder embedder) {
    this.entities = entities;
    this.stance = stance;
    this.quotes = quotes;
    this.embedder = embedder;
    this.version = "newsline-enrich ner=" + entities.version() + " stance=" + stance.version()
        + " quotes=" + quotes.version() + (embedder == null ? "" : " embedding=" + SentenceEmbedder.VERSION);
  }

  /** The default models, with sentence embeddings. */
  public static ArticleEnricher standard() {
    return new ArticleEnricher(PerceptronEntityExtractor.shared(), ModelStanceAnalyzer.standard(),
        new AttributedQuoteExtractor(), SentenceEmbedder.shared());
  }

  public Enrichment enrich(ArticleText article) {
    List<Entity> found = entities.extract(article);
    List<Entity> withStance = stance.analyze(article, found);
    List<Quote> said = quotes.extract(article, withStance);
    float[] embedding = embedder == null ? null : embedder.embed(article.title(), article.text());
    return new Enrichment(withStance, said, embedding);
  }

  /** Names and versions of the models, recorded on each enriched article. */
  public String version() {
    return version;
  }
}
