package io.newsline.aggregate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import io.newsline.avro.EntityStance;
import io.newsline.avro.EventAnchors;
import io.newsline.avro.Mention;
import io.newsline.avro.Quantity;
import io.newsline.avro.Quote;
import io.newsline.avro.TimeExpression;
import io.newsline.common.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Development: a labelled clustering set (a shared dataset's gold file) with its enrichment as
 * {@code newsline batch} wrote it (enriched.jsonl: entities, anchors, embedding), read into the
 * clusterer's view through the same {@link ClusterArticles#from} the topology uses.
 *
 * @param name short name for reports
 * @param articles in input order
 */
record LabelledSet(String name, List<Labelled> articles) {
  /**
   * An article with its gold cluster and its group: the unit of cross-validation (an ECB+ topic
   * holds two look-alike events and must stay on one side of a split; elsewhere the cluster itself).
   */
  record Labelled(ClusterArticle article, String cluster, String group) {}

  /** Reads NAME=GOLD.jsonl,ENRICHED.jsonl. */
  static LabelledSet parse(String spec) throws IOException {
    String[] nameFiles = spec.split("=", 2);
    String[] files = nameFiles[1].split(",");
    return read(nameFiles[0], Path.of(files[0]), Path.of(files[1]));
  }

  static LabelledSet read(String name, Path gold, Path enriched) throws IOException {
    Map<String, JsonNode> byId = new HashMap<>();
    for (String line : Files.readAllLines(enriched)) {
      if (!line.isBlank()) {
        JsonNode n = Json.parse(line);
        byId.put(n.get("id").asText(), n);
      }
    }
    List<Labelled> out = new ArrayList<>();
    for (String line : Files.readAllLines(gold)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode g = Json.parse(line);
      String id = g.get("id").asText();
      JsonNode e = byId.get(id);
      if (e == null) {
        throw new IllegalArgumentException(enriched + " has no article " + id + ": run newsline batch on " + gold);
      }
      Instant published = g.hasNonNull("published_at") ? Instant.parse(g.get("published_at").asText()) : null;
      String cluster = g.get("cluster").asText();
      String group = g.hasNonNull("topic") ? "topic-" + g.get("topic").asText() : cluster;
      out.add(new Labelled(ClusterArticles.from(avro(e, published)), cluster, group));
    }
    return new LabelledSet(name, out);
  }

  /** The EnrichedArticle record of an enriched.jsonl line. */
  static EnrichedArticle avro(JsonNode n, Instant published) {
    List<Entity> entities = new ArrayList<>();
    for (JsonNode en : n.path("entities")) {
      List<Mention> mentions = new ArrayList<>();
      for (JsonNode m : en.path("mentions")) {
        mentions.add(new Mention(m.get("start").asInt(), m.get("end").asInt(), m.get("field").asText(), m.get("text").asText()));
      }
      JsonNode st = en.path("stance");
      entities.add(new Entity(en.get("id").asText(), en.get("name").asText(), en.get("type").asText(),
          en.get("salience").asDouble(), new EntityStance(st.path("label").asText("neutral"), st.path("score").asDouble(), List.of()),
          mentions));
    }
    List<Quote> quotes = new ArrayList<>();
    for (JsonNode q : n.path("quotes")) {
      quotes.add(new Quote(Json.text(q, "speaker_id"), Json.text(q, "speaker"), q.get("text").asText(), q.get("start").asInt(),
          q.get("end").asInt(), q.get("field").asText()));
    }
    return EnrichedArticle.newBuilder()
        .setId(n.get("id").asText())
        .setTitle(Json.text(n, "title"))
        .setText(n.get("text").asText())
        .setPublishedAt(published)
        .setIngestedAt(published != null ? published : Instant.EPOCH)
        .setEntities(entities)
        .setQuotes(quotes)
        .setEnricher("enriched.jsonl")
        .setEmbedding(n.hasNonNull("embedding") ? ByteBuffer.wrap(Base64.getDecoder().decode(n.get("embedding").asText())) : null)
        .setAnchors(n.hasNonNull("anchors") ? anchors(n.get("anchors")) : null)
        .build();
  }

  private static EventAnchors anchors(JsonNode a) {
    List<TimeExpression> times = new ArrayList<>();
    for (JsonNode t : a.path("times")) {
      times.add(new TimeExpression(t.get("text").asText(), t.get("start").asInt(), t.get("end").asInt(), t.get("field").asText(),
          t.get("value").asText(), t.get("relative").asBoolean(), t.get("role").asText()));
    }
    List<Quantity> quantities = new ArrayList<>();
    for (JsonNode q : a.path("quantities")) {
      quantities.add(new Quantity(q.get("text").asText(), q.get("start").asInt(), q.get("end").asInt(), q.get("field").asText(),
          q.get("kind").asText(), q.get("unit").asText(), q.get("value").asText(), q.get("role").asText()));
    }
    return new EventAnchors(a.get("lead_end").asInt(), Json.text(a, "reference_date"), times, quantities);
  }
}
