package io.newsline.enrich;

import io.newsline.embedding.SentenceEmbedder;
import io.newsline.enrich.anchors.AnchorExtractor;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The enrichment of one article: entities, then stance toward each, then quotes attributed to
 * them, the event anchors (time expressions, numbers) and the sentence embedding aggregate
 * clusters with. Plain Java, no Kafka: the enrich
 * topology and batch mode both call it. Thread-safe.
 */
public final class ArticleEnricher {
  private final EntityExtractor entities;
  private final StanceAnalyzer stance;
  private final QuoteExtractor quotes;
  private final SentenceEmbedder embedder;
  private final AnchorExtractor anchors = new AnchorExtractor();
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
        + " quotes=" + quotes.version() + " anchors=" + AnchorExtractor.VERSION + (embedder == null ? "" : " embedding=" + embedder.version());
  }

  /** The default models, with sentence embeddings. */
  public static ArticleEnricher standard() {
    return new ArticleEnricher(PerceptronEntityExtractor.shared(), ModelStanceAnalyzer.standard(),
        new AttributedQuoteExtractor(), SentenceEmbedder.shared());
  }

  /** Enriches an article whose publication time is unknown. */
  public Enrichment enrich(ArticleText article) {
    return enrich(article, null);
  }

  /**
   * @param publishedAt when the article was published, or null when unknown: relative time
   *     expressions ("on Saturday") are resolved against its day (UTC)
   */
  public Enrichment enrich(ArticleText article, Instant publishedAt) {
    List<Entity> found = entities.extract(article);
    List<Entity> withStance = stance.analyze(article, found);
    List<Quote> said = quotes.extract(article, withStance);
    float[] embedding = embedder == null ? null : embedder.embed(article.title(), article.text());
    LocalDate day = publishedAt == null ? null : LocalDate.ofInstant(publishedAt, ZoneOffset.UTC);
    return new Enrichment(withStance, said, embedding, anchors.extract(article, day));
  }

  /** Names and versions of the models, recorded on each enriched article. */
  public String version() {
    return version;
  }
}
