package io.newsline.aggregate.cluster;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import io.newsline.avro.EventAnchors;
import io.newsline.avro.Mention;
import io.newsline.avro.Quote;
import io.newsline.avro.TimeExpression;
import io.newsline.embedding.EmbeddingCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
      int weekday = t.getRole().equals("lead") ? weekday(v) : 0;
      if (weekday > 0) {
        lead.add(WEEKDAYS);
        lead.add(WEEKDAYS + weekday);
      }
      // a year, month or day of a year the article writes out; a year inferred from the reference
      // date ("on Tuesday" in an article of 2 January) says nothing the publication time does not,
      // and around New Year it would set the later articles of one story apart
      if (!t.getRelative() && v.length() >= 4 && Character.isDigit(v.charAt(0))) {
        String year = v.substring(0, 4);
        all.add("y:" + year);
        switch (t.getRole()) {
          case "lead" -> lead.add("y:" + year);
          case "dateline" -> lead.add(DATED + year); // when the article was written, not a year its lead names
          default -> { }
        }
      }
    }
    String latest = all.floor("y:9999"); // the latest year the article mentions: how recent it is
    if (latest != null && latest.startsWith("y:")) {
      all.add("m:" + latest.substring(2));
    }
    return new ArticleAnchors(new ArrayList<>(lead), new ArrayList<>(all));
  }

  /** The lead key of the year of the article's date line ({@code d:2013}). */
  static final String DATED = "d:";

  /** The lead key every article whose lead names a day carries; {@code w:1} .. {@code w:7} the days, Monday to Sunday. */
  static final String WEEKDAYS = "w:";

  /**
   * The day of the week a lead's time expression names, 1 (Monday) to 7, else 0: a weekday
   * ("on Tuesday", XXXX-WXX-2) or a full date ("September 17, 2013"). Articles about one event
   * name the day it happened; a look-alike happened on another day, and without a publication
   * date the weekday is all that tells them apart.
   */
  static int weekday(String value) {
    if (value.startsWith("XXXX-WXX-") && value.length() == 10) {
      return Math.max(0, Math.min(7, value.charAt(9) - '0'));
    }
    if (value.length() == 10 && Character.isDigit(value.charAt(0)) && value.charAt(4) == '-' && value.charAt(7) == '-') {
      try {
        return LocalDate.parse(value).getDayOfWeek().getValue();
      } catch (DateTimeParseException e) {
        return 0;
      }
    }
    return 0;
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
