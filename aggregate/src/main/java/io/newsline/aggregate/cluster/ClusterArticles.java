package io.newsline.aggregate.cluster;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import io.newsline.avro.Quote;
import io.newsline.embedding.EmbeddingCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps an enriched-topic record to the clustering view. */
public final class ClusterArticles {
  private ClusterArticles() {}

  public static ClusterArticle from(EnrichedArticle a) {
    List<ClusterArticle.ArticleEntity> entities = new ArrayList<>(a.getEntities().size());
    for (Entity e : a.getEntities()) {
      entities.add(new ClusterArticle.ArticleEntity(e.getId(), e.getName(), e.getType(), e.getSalience(),
          e.getMentions().size(), e.getStance().getLabel(), e.getStance().getScore()));
    }
    List<ClusterArticle.ArticleQuote> quotes = new ArrayList<>(a.getQuotes().size());
    for (Quote q : a.getQuotes()) {
      quotes.add(new ClusterArticle.ArticleQuote(q.getSpeakerId(), q.getSpeaker(), q.getText()));
    }
    Instant time = a.getPublishedAt() != null ? a.getPublishedAt() : a.getIngestedAt();
    return new ClusterArticle(a.getId(), a.getTitle(), a.getText(), a.getOutlet(), a.getUrl(), time,
        a.getDuplicateOf(), entities, quotes, EmbeddingCodec.decode(a.getEmbedding()));
  }
}
