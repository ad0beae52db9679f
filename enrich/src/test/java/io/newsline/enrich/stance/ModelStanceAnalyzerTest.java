package io.newsline.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Span;
import io.newsline.enrich.model.Stance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ModelStanceAnalyzerTest {
  private static final ModelStanceAnalyzer ANALYZER = ModelStanceAnalyzer.standard();
  private static final String TEXT =
      "Critics accused Smith of corruption and of lying to voters. Smith arrived in Paris on Tuesday. "
          + "Prosecutors charged Smith with fraud after a damning audit. Jones was not mentioned elsewhere.";

  @Test
  void negativePortrayalWithEvidenceSentences() {
    ArticleText a = new ArticleText("a", "Smith faces fraud charges", TEXT);
    Entity smith = analyze(a, entity(a, "per:smith", "Smith", 1.0)).get(0);
    Stance s = smith.stance();
    assertThat(s.label()).isEqualTo(Stance.NEGATIVE);
    assertThat(s.score()).isBetween(-1.0, -0.2);
    assertThat(s.evidence()).isNotEmpty();
    for (Span e : s.evidence()) {
      String sentence = a.field(e.field()).substring(e.start(), e.end());
      assertThat(sentence).contains("Smith");
    }
  }

  @Test
  void noMentionSentencesMeansNeutralWithoutEvidence() {
    ArticleText a = new ArticleText("a", null, "Nothing happened here.");
    Entity ghost = new Entity("per:ghost", "Ghost", EntityType.PERSON, 1.0, Stance.NONE, List.of());
    assertThat(analyze(a, ghost).get(0).stance()).isEqualTo(Stance.NONE);
  }

  @Test
  void onlyTheMostSalientEntitiesAreAnalysed() {
    ArticleText a = new ArticleText("a", null, TEXT);
    List<Entity> many = new ArrayList<>();
    for (int i = 0; i < ModelStanceAnalyzer.MAX_ENTITIES + 2; i++) {
      many.add(entity(a, "per:smith_" + i, "Smith", 1.0 - i * 0.01));
    }
    List<Entity> out = ANALYZER.analyze(a, many);
    assertThat(out).hasSize(many.size());
    assertThat(out.get(0).stance().label()).isEqualTo(Stance.NEGATIVE);
    assertThat(out.get(out.size() - 1).stance()).isEqualTo(Stance.NONE);
    assertThat(out).extracting(Entity::id).containsExactlyElementsOf(many.stream().map(Entity::id).toList());
  }

  @Test
  void sameResultsFromManyThreads() throws Exception {
    ArticleText a = new ArticleText("a", "Smith faces fraud charges", TEXT);
    Entity smith = entity(a, "per:smith", "Smith", 1.0);
    List<Entity> expected = analyze(a, smith);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Entity>>> runs = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        runs.add(pool.submit(() -> analyze(a, smith)));
      }
      for (Future<List<Entity>> r : runs) {
        assertThat(r.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static List<Entity> analyze(ArticleText a, Entity e) {
    return ANALYZER.analyze(a, List.of(e));
  }

  private static Entity entity(ArticleText a, String id, String name, double salience) {
    List<Mention> mentions = new ArrayList<>();
    for (Field f : Field.values()) {
      String s = a.field(f);
      for (int i = s.indexOf(name); i >= 0; i = s.indexOf(name, i + 1)) {
        mentions.add(new Mention(i, i + name.length(), f, name));
      }
    }
    return new Entity(id, name, EntityType.PERSON, salience, Stance.NONE, mentions);
  }
}
