package io.newsline.enrich;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
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
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The enriched.jsonl line of an article: the batch-mode view of an enriched article (entities,
 * quotes, anchors, and the embedding as base64 of its wire bytes, as EnrichedArticle.embedding).
 */
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
    ByteBuffer embedding = EmbeddingCodec.encode(e.embedding());
    if (embedding != null) {
      o.put("embedding", Base64.getEncoder().encodeToString(embedding.array()));
    }
    Anchors a = e.anchors();
    if (a != null) {
      ObjectNode an = o.putObject("anchors");
      an.put("lead_end", a.leadEnd());
      an.put("reference_date", a.referenceDate());
      ArrayNode ts = an.putArray("times");
      for (TimeExpression t : a.times()) {
        ts.addObject().put("text", t.text()).put("start", t.start()).put("end", t.end()).put("field", t.field().wireName())
            .put("value", t.value()).put("relative", t.relative()).put("role", t.role().wireName());
      }
      ArrayNode qn = an.putArray("quantities");
      for (Quantity q : a.quantities()) {
        qn.addObject().put("text", q.text()).put("start", q.start()).put("end", q.end()).put("field", q.field().wireName())
            .put("kind", q.kind()).put("unit", q.unit()).put("value", q.value()).put("role", q.role().wireName());
      }
    }
    return o;
  }
}
