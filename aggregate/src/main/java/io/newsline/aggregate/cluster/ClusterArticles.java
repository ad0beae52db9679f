package io.newsline.aggregate.cluster;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import io.newsline.avro.EventAnchors;
import io.newsline.avro.Mention;
import io.newsline.avro.Quote;
import io.newsline.avro.TimeExpression;
import io.newsline.embedding.EmbeddingCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
        a.getDuplicateOf(), entities, quotes, EmbeddingCodec.decode(a.getEmbedding()), anchors(a));
  }

  /** The anchor keys of an article (see {@link ArticleAnchors}); NONE when enrich extracted none. */
  static ArticleAnchors anchors(EnrichedArticle a) {
    EventAnchors an = a.getAnchors();
    if (an == null) {
      return ArticleAnchors.NONE;
    }
    TreeSet<String> lead = new TreeSet<>();
    TreeSet<String> all = new TreeSet<>();
    for (Entity e : a.getEntities()) {
      String head = head(e.getId());
      if (head == null) {
        continue;
      }
      all.add("h:" + head);
      String role = switch (e.getType()) {
        case "PERSON" -> "p:";
        case "LOCATION" -> "l:";
        case "ORGANIZATION" -> "o:";
        default -> null;
      };
      if (role != null) {
        for (Mention m : e.getMentions()) {
          if (m.getField().equals("title") || m.getStart() < an.getLeadEnd()) {
            lead.add(role + head);
            break;
          }
        }
      }
    }
    for (TimeExpression t : an.getTimes()) {
      String v = t.getValue();
      if (v.length() >= 4 && Character.isDigit(v.charAt(0))) { // a year, month or day of a known year
        String year = "y:" + v.substring(0, 4);
        all.add(year);
        if (!t.getRole().equals("body")) {
          lead.add(year);
        }
      }
    }
    String latest = all.floor("y:9999"); // the latest year the article mentions: how recent it is
    if (latest != null && latest.startsWith("y:")) {
      all.add("m:" + latest.substring(2));
    }
    return new ArticleAnchors(new ArrayList<>(lead), new ArrayList<>(all));
  }

  /**
   * The last word of an entity's canonical name ("per:matt_smith" is "smith", "loc:aoraki_mount_cook"
   * "cook"): articles name the same person or place in full or in part and the tagger's type varies
   * ("Aceh" a person in one article, a place in another), so anchors compare heads. Null for MISC
   * (nationalities, events, products: not who or where).
   */
  static String head(String entityId) {
    if (entityId.startsWith("misc:")) {
      return null;
    }
    String name = entityId.substring(entityId.indexOf(':') + 1);
    String h = name.substring(name.lastIndexOf('_') + 1);
    return h.isEmpty() ? null : h;
  }

}
