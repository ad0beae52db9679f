package io.newsline.enrich;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EntityStance;
import io.newsline.avro.EventAnchors;
import io.newsline.avro.RawArticle;
import io.newsline.embedding.EmbeddingCodec;
import io.newsline.enrich.model.Anchors;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Quantity;
import io.newsline.enrich.model.Quote;
import io.newsline.enrich.model.Span;
import io.newsline.enrich.model.TimeExpression;
import java.util.ArrayList;
import java.util.List;

/** Builds the enriched-topic record of a raw article. Shared by the topology and batch mode. */
public final class EnrichedArticles {
  /** Enrichment cost grows with length; longer texts are rejected to the dead-letter topic. */
  public static final int MAX_TEXT_CHARS = 1_000_000;

  private EnrichedArticles() {}

  public static EnrichedArticle enrich(RawArticle raw, ArticleEnricher enricher) {
    validate(raw);
    ArticleText text = new ArticleText(raw.getId(), raw.getTitle(), raw.getText());
    return toAvro(raw, enricher.enrich(text, raw.getPublishedAt()), enricher.version());
  }

  /** Rejects articles the enricher must not spend time on; the exception says why. */
  public static void validate(RawArticle raw) {
    if (raw.getText() == null || raw.getText().isBlank()) {
      throw new IllegalArgumentException("article " + raw.getId() + " has no text");
    }
    if (raw.getText().length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException("article " + raw.getId() + " text of " + raw.getText().length()
          + " characters exceeds the enrichment limit of " + MAX_TEXT_CHARS);
    }
  }

  public static EnrichedArticle toAvro(RawArticle raw, Enrichment e, String version) {
    List<io.newsline.avro.Entity> entities = new ArrayList<>(e.entities().size());
    for (Entity en : e.entities()) {
      List<io.newsline.avro.Span> evidence = new ArrayList<>();
      for (Span s : en.stance().evidence()) {
        evidence.add(new io.newsline.avro.Span(s.start(), s.end(), s.field().wireName()));
      }
      List<io.newsline.avro.Mention> mentions = new ArrayList<>(en.mentions().size());
      for (Mention m : en.mentions()) {
        mentions.add(new io.newsline.avro.Mention(m.start(), m.end(), m.field().wireName(), m.text()));
      }
      entities.add(new io.newsline.avro.Entity(en.id(), en.name(), en.type().name(), en.salience(),
          new EntityStance(en.stance().label(), en.stance().score(), evidence), mentions));
    }
    List<io.newsline.avro.Quote> quotes = new ArrayList<>(e.quotes().size());
    for (Quote q : e.quotes()) {
      quotes.add(new io.newsline.avro.Quote(q.speakerId(), q.speaker(), q.text(), q.start(), q.end(), q.field().wireName()));
    }
    return EnrichedArticle.newBuilder()
        .setId(raw.getId())
        .setUrl(raw.getUrl())
        .setCanonicalUrl(raw.getCanonicalUrl())
        .setOutlet(raw.getOutlet())
        .setTitle(raw.getTitle())
        .setText(raw.getText())
        .setLanguage(raw.getLanguage())
        .setPublishedAt(raw.getPublishedAt())
        .setIngestedAt(raw.getIngestedAt())
        .setPublishedAtUntrusted(raw.getPublishedAtUntrusted())
        .setDuplicateOf(raw.getDuplicateOf())
        .setEntities(entities)
        .setQuotes(quotes)
        .setEnricher(version)
        .setEmbedding(EmbeddingCodec.encode(e.embedding()))
        .setAnchors(anchors(e.anchors()))
        .build();
  }

  private static EventAnchors anchors(Anchors a) {
    if (a == null) {
      return null;
    }
    List<io.newsline.avro.TimeExpression> times = new ArrayList<>(a.times().size());
    for (TimeExpression t : a.times()) {
      times.add(new io.newsline.avro.TimeExpression(t.text(), t.start(), t.end(), t.field().wireName(), t.value(),
          t.relative(), t.role().wireName()));
    }
    List<io.newsline.avro.Quantity> quantities = new ArrayList<>(a.quantities().size());
    for (Quantity q : a.quantities()) {
      quantities.add(new io.newsline.avro.Quantity(q.text(), q.start(), q.end(), q.field().wireName(), q.kind(), q.unit(),
          q.value(), q.role().wireName()));
    }
    return new EventAnchors(a.leadEnd(), a.referenceDate(), times, quantities);
  }
}
