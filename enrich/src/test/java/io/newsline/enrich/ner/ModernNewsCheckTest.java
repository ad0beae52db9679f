package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Regression guard on the hand-written modern-news check set (ner/modern-news-check.txt): strict
 * document-level F1 over people, organisations and places, and within-document alias splits,
 * counted as tools/score_entities.py counts them (which reports the figures per split).
 */
class ModernNewsCheckTest {
  private static final Pattern MARK = Pattern.compile("\\[\\[([^|\\]]+)\\|([a-z]+:[a-z0-9_]+)]]");
  private static final Set<EntityType> SCORED = Set.of(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION);

  /** A gold mention: field, span, gold entity id. */
  private record Gold(Field field, int start, int end, String entity) {}

  private record Doc(String title, String text, List<Gold> gold) {}

  @Test
  void documentLevelF1AndAliasSplits() throws IOException {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int splits = 0;
    for (Doc doc : read()) {
      Map<String, String> goldAt = new HashMap<>();
      Map<String, EntityType> goldType = new HashMap<>();
      for (Gold g : doc.gold()) {
        EntityType t = type(g.entity());
        if (SCORED.contains(t)) {
          goldAt.put(g.field() + ":" + g.start() + ":" + g.end(), g.entity());
          goldType.put(g.entity(), t);
        }
      }
      Map<String, Set<String>> foundBy = new HashMap<>();
      for (Entity e : PerceptronEntityExtractor.shared().extract(new ArticleText("m", doc.title(), doc.text()))) {
        if (!SCORED.contains(e.type())) {
          continue;
        }
        Set<String> holds = new HashSet<>();
        for (Mention m : e.mentions()) {
          String gid = goldAt.get(m.field() + ":" + m.start() + ":" + m.end());
          if (gid != null && goldType.get(gid) == e.type()) {
            holds.add(gid);
            foundBy.computeIfAbsent(gid, k -> new HashSet<>()).add(e.id());
          }
        }
        fp += holds.isEmpty() ? 1 : 0;
      }
      for (String gid : goldType.keySet()) {
        Set<String> ids = foundBy.getOrDefault(gid, Set.of());
        tp += ids.isEmpty() ? 0 : 1;
        fn += ids.isEmpty() ? 1 : 0;
        splits += Math.max(0, ids.size() - 1);
      }
    }
    double p = tp / (double) (tp + fp);
    double r = tp / (double) (tp + fn);
    double f1 = 2 * p * r / (p + r);
    System.out.printf("modern-news check: document-level F1=%.3f P=%.3f R=%.3f, alias splits=%d%n", f1, p, r, splits);
    assertThat(f1).isGreaterThanOrEqualTo(0.88);
    assertThat(splits).isLessThanOrEqualTo(2);
  }

  private static EntityType type(String id) {
    return switch (id.substring(0, id.indexOf(':'))) {
      case "per" -> EntityType.PERSON;
      case "org" -> EntityType.ORGANIZATION;
      case "loc" -> EntityType.LOCATION;
      default -> EntityType.MISC;
    };
  }

  /** The documents of the check set, markup removed, gold offsets as Java String indices. */
  private static List<Doc> read() throws IOException {
    String all;
    try (InputStream in = ModernNewsCheckTest.class.getResourceAsStream("/ner/modern-news-check.txt")) {
      all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Doc> docs = new ArrayList<>();
    for (String block : all.split("\n## ")) {
      int title = block.indexOf("\n# title\n");
      int text = block.indexOf("\n# text\n");
      if (title < 0 || text < 0) {
        continue;
      }
      List<Gold> gold = new ArrayList<>();
      String t = plain(block.substring(title + 9, text).strip(), Field.TITLE, gold);
      String x = plain(block.substring(text + 8).strip(), Field.TEXT, gold);
      docs.add(new Doc(t, x, gold));
    }
    assertThat(docs).hasSizeGreaterThanOrEqualTo(30);
    return docs;
  }

  private static String plain(String marked, Field field, List<Gold> gold) {
    StringBuilder out = new StringBuilder();
    Matcher m = MARK.matcher(marked);
    int pos = 0;
    while (m.find()) {
      out.append(marked, pos, m.start());
      gold.add(new Gold(field, out.length(), out.length() + m.group(1).length(), m.group(2)));
      out.append(m.group(1));
      pos = m.end();
    }
    return out.append(marked.substring(pos)).toString();
  }
}
