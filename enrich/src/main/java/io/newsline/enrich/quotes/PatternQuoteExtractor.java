package io.newsline.enrich.quotes;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * First quote extractor: text in straight or curly double quotes, attributed to the nearest person
 * mentioned in the same sentence before or after it. A fuller attribution model replaces it.
 */
public final class PatternQuoteExtractor implements QuoteExtractor {
  private static final Pattern QUOTED = Pattern.compile("[\"\u201c]([^\"\u201c\u201d\n]{2,2000})[\"\u201d]");
  private static final int WINDOW = 120;

  @Override
  public String version() {
    return "patterns-0.1";
  }

  @Override
  public List<Quote> extract(ArticleText article, List<Entity> entities) {
    List<Quote> out = new ArrayList<>();
    String s = article.text();
    Matcher m = QUOTED.matcher(s);
    while (m.find()) {
      Entity speaker = nearestPerson(entities, m.start(), m.end());
      out.add(new Quote(speaker == null ? null : speaker.id(), speaker == null ? null : speaker.name(),
          m.group(1), m.start(1), m.end(1), Field.TEXT));
    }
    return out;
  }

  private static Entity nearestPerson(List<Entity> entities, int qStart, int qEnd) {
    Entity best = null;
    int bestDistance = WINDOW;
    for (Entity e : entities) {
      if (e.type() != EntityType.PERSON) {
        continue;
      }
      for (Mention mention : e.mentions()) {
        if (mention.field() != Field.TEXT) {
          continue;
        }
        int d = mention.end() <= qStart ? qStart - mention.end() : mention.start() >= qEnd ? mention.start() - qEnd : Integer.MAX_VALUE;
        if (d < bestDistance) {
          bestDistance = d;
          best = e;
        }
      }
    }
    return best;
  }
}
