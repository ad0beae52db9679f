package io.newsline.enrich.ner.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.enrich.EnrichedJson;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.NerResources;
import io.newsline.enrich.ner.tagger.TaggerModel;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the extractor over a docs.jsonl file ({"id","title"?,"text",...} per line, whole text as the text
 * field, as `newsline batch --no-clean` does) and writes enriched.jsonl lines for score_ner.py.
 *
 * <pre>java -cp ... io.newsline.enrich.ner.train.EvalConll IN.docs.jsonl OUT.jsonl [MODEL.bin.gz]</pre>
 *
 * MODEL replaces the bundled tagger model (e.g. one trained on part of train for the held-out proxy).
 */
public final class EvalConll {
  private EvalConll() {}

  public static void main(String[] args) throws Exception {
    EntityExtractor extractor = args.length > 2 ? withModel(Path.of(args[2])) : PerceptronEntityExtractor.shared();
    long t0 = System.nanoTime();
    int docs = 0;
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode doc = Json.parse(line);
        JsonNode title = doc.get("title");
        ArticleText article = new ArticleText(doc.get("id").asText(),
            title == null || title.isNull() ? null : title.asText(), doc.get("text").asText());
        Enrichment e = new Enrichment(extractor.extract(article), List.of());
        out.write(Json.write(EnrichedJson.of(article, e)));
        out.write('\n');
        docs++;
      }
    }
    System.err.printf("%d documents in %.2f s%n", docs, (System.nanoTime() - t0) / 1e9);
  }

  private static EntityExtractor withModel(Path model) throws java.io.IOException {
    try (java.io.InputStream in = Files.newInputStream(model)) {
      return new PerceptronEntityExtractor(TaggerModel.read(in), Gazetteer.load(), NerResources.clusters());
    }
  }
}
