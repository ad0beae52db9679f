package io.newsline.enrich;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Quote;
import io.newsline.enrich.model.Span;

/** The enriched.jsonl line of an article: the batch-mode view of an enriched article. */
public final class EnrichedJson {
  private EnrichedJson() {}

  public static ObjectNode of(ArticleText article, Enrichment e) {
    ObjectNode o = Json.object();
    o.put("id", article.id());
    o.put("title", article.title());
    o.put("text", article.text());
    ArrayNode ents = o.putArray("entities");
    for (Entity en : e.entities()) {
      ObjectNode x = ents.addObject();
      x.put("id", en.id());
      x.put("name", en.name());
      x.put("type", en.type().name());
      x.put("salience", en.salience());
      ObjectNode st = x.putObject("stance");
      st.put("label", en.stance().label());
      st.put("score", en.stance().score());
      ArrayNode ev = st.putArray("evidence");
      for (Span s : en.stance().evidence()) {
        ev.addObject().put("start", s.start()).put("end", s.end()).put("field", s.field().wireName());
      }
      ArrayNode ms = x.putArray("mentions");
      for (Mention m : en.mentions()) {
        ms.addObject().put("start", m.start()).put("end", m.end()).put("field", m.field().wireName())
            .put("text", m.text());
      }
    }
    ArrayNode qs = o.putArray("quotes");
    for (Quote q : e.quotes()) {
      qs.addObject().put("speaker_id", q.speakerId()).put("speaker", q.speaker()).put("text", q.text())
          .put("start", q.start()).put("end", q.end()).put("field", q.field().wireName());
    }
    return o;
  }
}
