package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Mention;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The five raw sample articles (page boilerplate included) about one event. */
class SeedArticlesTest {
  private static final List<String> FURNITURE = List.of("Skip to content", "Advertisement", "CTA Image", "info_icon",
      "Subscribe to our free newsletter", "Follow us on Google News", "More from Elena Kowalski", "More in Russia",
      "This article was rewritten by JournosNews.com", "JournosNews.com maintains", "Stay informed with JournosNews.com",
      "EU/NATO institutional expert", "Members are reading", "Photo: AP", "Nine specialized AI personas");
  private static final List<ArticleText> SEEDS = new ArrayList<>();
  private static final List<List<Entity>> ENTITIES = new ArrayList<>();

  @BeforeAll
  static void extract() throws IOException {
    try (Stream<Path> files = Files.list(TestFiles.samples())) {
      // The articles are NNN_hash.txt; other files (an index) are not articles.
      for (Path p : files.filter(f -> f.getFileName().toString().matches("\\d+_.*\\.txt")).sorted().toList()) {
        ArticleText a = new ArticleText(p.getFileName().toString(), null, Files.readString(p, StandardCharsets.UTF_8));
        SEEDS.add(a);
        ENTITIES.add(PerceptronEntityExtractor.shared().extract(a));
      }
    }
    assertThat(SEEDS).hasSize(5);
  }

  private static String lineOf(String text, int offset) {
    int from = text.lastIndexOf('\n', offset - 1) + 1;
    int to = text.indexOf('\n', offset);
    return text.substring(from, to < 0 ? text.length() : to);
  }

  @Test
  void noEntityComesFromPageFurniture() {
    for (int i = 0; i < SEEDS.size(); i++) {
      for (Entity e : ENTITIES.get(i)) {
        for (Mention m : e.mentions()) {
          String line = lineOf(SEEDS.get(i).text(), m.start());
          assertThat(FURNITURE).as(e.id() + " from line: " + line).noneMatch(line::contains);
        }
      }
      assertThat(ENTITIES.get(i)).extracting(Entity::id)
          .noneMatch(id -> id.contains("journosnews") || id.contains("google") || id.contains("bluesky")
              || id.contains("kowalski") || id.contains("adsense") || id.contains("facebook"));
    }
  }

  @Test
  void eachPersonAndPlaceHasOneIdAcrossAllFive() {
    Map<String, Set<String>> idsByName = new TreeMap<>();
    for (List<Entity> es : ENTITIES) {
      for (Entity e : es) {
        if (e.type() == EntityType.PERSON || e.type() == EntityType.LOCATION) {
          for (Mention m : e.mentions()) {
            idsByName.computeIfAbsent(KnownEntities.key(m.text()), k -> new TreeSet<>()).add(e.id());
          }
        }
      }
    }
    idsByName.forEach((name, ids) -> assertThat(ids).as(name).hasSize(1));
    assertThat(ids("Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy",
        "Volodymyr Zelenskyy")).containsExactly("per:volodymyr_zelensky");
    assertThat(ids("Putin", "Vladimir Putin")).containsExactly("per:vladimir_putin");
    assertThat(ids("U.S.", "US", "United States")).containsExactly("loc:united_states");
    assertThat(ids("Kremlin")).containsExactly("org:kremlin");
    assertThat(ids("Moscow")).containsExactly("loc:moscow");
    assertThat(ids("Kyiv")).containsExactly("loc:kyiv");
    assertThat(ids("Trump", "Donald Trump")).containsExactly("per:donald_trump");
    assertThat(ids("Ushakov", "Yuri Ushakov")).containsExactly("per:yuri_ushakov");
    assertThat(ids("Witkoff", "Steve Witkoff")).containsExactly("per:steve_witkoff");
    // "post-Geneva" talks are about Geneva; "U.S.-led" is no second United States.
    assertThat(ids("Geneva")).containsExactly("loc:geneva");
    for (List<Entity> es : ENTITIES) {
      assertThat(es).extracting(Entity::id).noneMatch(id -> id.contains("post_") || id.endsWith("_led")
          || id.endsWith("_backed") || id.endsWith("_aligned"));
    }
  }

  @Test
  void theEventsMainActorsAreFoundInEveryArticle() {
    for (List<Entity> es : ENTITIES) {
      assertThat(es).extracting(Entity::id).contains("per:vladimir_putin", "loc:moscow", "org:kremlin", "loc:ukraine");
    }
  }

  /** Ids of every entity with a mention written as one of the names. */
  private static Set<String> ids(String... names) {
    Set<String> wanted = new TreeSet<>();
    for (String n : names) {
      wanted.add(KnownEntities.key(n));
    }
    Set<String> ids = new TreeSet<>();
    for (List<Entity> es : ENTITIES) {
      for (Entity e : es) {
        if (e.mentions().stream().anyMatch(m -> wanted.contains(KnownEntities.key(m.text())))) {
          ids.add(e.id());
        }
      }
    }
    return ids;
  }
}
