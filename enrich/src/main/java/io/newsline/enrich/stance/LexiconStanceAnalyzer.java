package io.newsline.enrich.stance;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Span;
import io.newsline.enrich.model.Stance;
import io.newsline.enrich.text.Sentences;
import io.newsline.enrich.text.Token;
import io.newsline.enrich.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** First stance analyser: polar words in the sentences that mention the entity. A model replaces it. */
public final class LexiconStanceAnalyzer implements StanceAnalyzer {
  private static final Set<String> POSITIVE =
      Set.of("praised", "welcomed", "success", "constructive", "productive", "support", "backed",
          "agreed", "progress", "hope", "win", "won", "strong", "useful", "better", "peace");
  private static final Set<String> NEGATIVE =
      Set.of("accused", "blamed", "refuses", "rejected", "criticised", "criticized", "threatened",
          "failed", "aggression", "attack", "attacks", "killed", "warned", "sabotaging", "corruption",
          "unacceptable", "war", "crisis", "resigned", "raided", "condemned", "hostile");

  @Override
  public String version() {
    return "lexicon-0.1";
  }

  @Override
  public List<Entity> analyze(ArticleText article, List<Entity> entities) {
    List<Entity> out = new ArrayList<>(entities.size());
    for (Entity e : entities) {
      out.add(e.withStance(stance(article, e)));
    }
    return out;
  }

  private Stance stance(ArticleText article, Entity e) {
    double sum = 0;
    List<Span> evidence = new ArrayList<>();
    for (Field f : Field.values()) {
      String s = article.field(f);
      for (int[] sent : Sentences.split(s)) {
        if (!mentioned(e, f, sent)) {
          continue;
        }
        int polarity = 0;
        for (Token t : Tokenizer.tokenize(s.substring(sent[0], sent[1]))) {
          String w = t.text().toLowerCase(Locale.ROOT);
          polarity += POSITIVE.contains(w) ? 1 : NEGATIVE.contains(w) ? -1 : 0;
        }
        if (polarity != 0) {
          sum += Math.signum(polarity);
          evidence.add(new Span(sent[0], sent[1], f));
        }
      }
    }
    if (evidence.isEmpty()) {
      return Stance.NONE;
    }
    double score = Math.round(1000 * sum / evidence.size()) / 1000.0;
    String label = score > 0.2 ? Stance.POSITIVE : score < -0.2 ? Stance.NEGATIVE : Stance.NEUTRAL;
    return new Stance(label, score, evidence);
  }

  private static boolean mentioned(Entity e, Field f, int[] sentence) {
    for (Mention m : e.mentions()) {
      if (m.field() == f && m.start() >= sentence[0] && m.end() <= sentence[1]) {
        return true;
      }
    }
    return false;
  }
}
