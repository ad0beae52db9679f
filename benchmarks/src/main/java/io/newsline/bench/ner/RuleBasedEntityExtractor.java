package io.newsline.bench.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Stance;
import io.newsline.enrich.ner.CanonicalIds;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A first, rule-based extractor: runs of capitalised words, typed by country names, organisation
 * cue words and person titles. Real but simple; a trained tagger replaces it.
 */
public final class RuleBasedEntityExtractor implements EntityExtractor {
  private static final Set<String> STOP =
      Set.of("the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "if", "as", "it", "he",
          "she", "they", "we", "i", "this", "that", "these", "those", "while", "when", "after",
          "before", "despite", "with", "by", "from", "to", "of", "his", "her", "their", "its", "our",
          "what", "why", "how", "who", "yet", "still", "one", "two", "three", "five", "some");
  private static final Set<String> ORG_CUES =
      Set.of("kremlin", "nato", "house", "ministry", "council", "union", "party", "agency", "bank",
          "fund", "inc", "corp", "reuters", "cnn", "bbc", "committee", "commission", "parliament",
          "government", "army", "forces", "news", "times", "post", "university", "company", "group");
  private static final Set<String> PERSON_CUES =
      Set.of("president", "minister", "envoy", "aide", "adviser", "advisor", "secretary", "mr",
          "mrs", "ms", "dr", "chancellor", "spokesman", "spokesperson", "senator", "leader");
  private static final Set<String> PLACES = places();

  @Override
  public String version() {
    return "rules-0.1";
  }

  @Override
  public List<Entity> extract(ArticleText article) {
    Map<String, Builder> byId = new LinkedHashMap<>();
    List<Candidate> cands = new ArrayList<>();
    for (Field f : Field.values()) {
      cands.addAll(candidates(article.field(f), f));
    }
    // Long person names first, so "Putin" joins "Vladimir Putin" within the article.
    Map<String, String> surnameToId = new LinkedHashMap<>();
    for (Candidate c : cands) {
      if (c.type == EntityType.PERSON && c.name.contains(" ")) {
        String id = CanonicalIds.id(c.type, c.name);
        String last = CanonicalIds.fold(c.name.substring(c.name.lastIndexOf(' ') + 1));
        surnameToId.putIfAbsent(last, id);
        byId.computeIfAbsent(id, k -> new Builder(k, c.name, c.type));
      }
    }
    int leadEnd = Math.min(article.text().length(), 400);
    for (Candidate c : cands) {
      String single = CanonicalIds.fold(c.name);
      String id = !c.name.contains(" ") && surnameToId.containsKey(single)
          ? surnameToId.get(single) : CanonicalIds.id(c.type, c.name);
      Builder b = byId.computeIfAbsent(id, k -> new Builder(k, c.name, c.type));
      b.mentions.add(c.mention);
      b.weight += c.mention.field() == Field.TITLE ? 3 : c.mention.start() < leadEnd ? 2 : 1;
    }
    double max = byId.values().stream().mapToDouble(b -> b.weight).max().orElse(1);
    List<Entity> out = new ArrayList<>();
    for (Builder b : byId.values()) {
      if (!b.mentions.isEmpty()) {
        out.add(new Entity(b.id, b.name, b.type, Math.round(1000 * b.weight / max) / 1000.0, Stance.NONE, b.mentions));
      }
    }
    out.sort((x, y) -> x.salience() != y.salience() ? Double.compare(y.salience(), x.salience()) : x.id().compareTo(y.id()));
    return out;
  }

  private List<Candidate> candidates(String s, Field field) {
    List<Candidate> out = new ArrayList<>();
    List<Token> toks = Tokenizer.tokenize(s);
    int i = 0;
    while (i < toks.size()) {
      Token t = toks.get(i);
      if (!isNameWord(t)) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < toks.size() && isNameWord(toks.get(j)) && adjacent(s, toks.get(j - 1), toks.get(j))) {
        j++;
      }
      int start = t.start();
      int end = toks.get(j - 1).end();
      String name = s.substring(start, end);
      if (!STOP.contains(name.toLowerCase(Locale.ROOT))) {
        String prev = i > 0 ? toks.get(i - 1).text().toLowerCase(Locale.ROOT) : "";
        out.add(new Candidate(name, type(name, prev, j - i), new Mention(start, end, field, name)));
      }
      i = j;
    }
    return out;
  }

  private static boolean adjacent(String s, Token a, Token b) {
    return b.start() - a.end() == 1 && s.charAt(a.end()) == ' ';
  }

  private static boolean isNameWord(Token t) {
    return t.isCapitalized() && t.text().length() > 1 && !t.text().startsWith("'")
        && Character.isLetter(t.text().charAt(0));
  }

  private static EntityType type(String name, String previous, int words) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (PLACES.contains(CanonicalIds.fold(name))) {
      return EntityType.LOCATION;
    }
    for (String w : lower.split(" ")) {
      if (ORG_CUES.contains(w)) {
        return EntityType.ORGANIZATION;
      }
    }
    if (name.equals(name.toUpperCase(Locale.ROOT))) {
      return EntityType.ORGANIZATION;
    }
    if (PERSON_CUES.contains(previous) || words >= 2) {
      return EntityType.PERSON;
    }
    return EntityType.MISC;
  }

  private static Set<String> places() {
    Set<String> p = new HashSet<>();
    for (String cc : Locale.getISOCountries()) {
      p.add(CanonicalIds.fold(new Locale("", cc).getDisplayCountry(Locale.ENGLISH)));
    }
    for (String c : List.of("moscow", "kyiv", "washington", "brussels", "london", "paris", "berlin",
        "beijing", "dublin", "geneva", "istanbul", "crimea", "donbas", "donetsk", "luhansk", "kursk",
        "pokrovsk", "kherson", "zaporizhzhia", "florida", "europe", "asia", "africa", "black sea",
        "red square", "united states", "u.s.", "us", "ireland", "new york", "tokyo", "rome", "madrid")) {
      p.add(CanonicalIds.fold(c));
    }
    return p;
  }

  private record Candidate(String name, EntityType type, Mention mention) {}

  private static final class Builder {
    final String id;
    final String name;
    final EntityType type;
    final List<Mention> mentions = new ArrayList<>();
    double weight;

    Builder(String id, String name, EntityType type) {
      this.id = id;
      this.name = name;
      this.type = type;
    }
  }
}
