package io.newsline.enrich.ner;

import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Stance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups an article's mentions into canonical entities. Within the article: one type per name
 * (majority vote; curated names take their curated type), a surname alone joins the full name it belongs
 * to ("Putin", "Putin's" join "Vladimir Putin"). Across articles: ids come from
 * {@link CanonicalIds} and depend only on names. Salience weighs title, lead and frequency.
 */
final class EntityAssembler {
  private static final double TITLE_WEIGHT = 3.0;
  private static final double LEAD_WEIGHT = 2.0;
  private static final double BODY_WEIGHT = 1.0;

  private EntityAssembler() {}

  static List<Entity> assemble(List<RawMention> found) {
    List<RawMention> mentions = unifyTypes(found);
    String[] personIds = personIds(mentions);
    Map<String, String> ids = new HashMap<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < mentions.size(); i++) {
      RawMention m = mentions.get(i);
      String id = personIds[i] != null ? personIds[i]
          : ids.computeIfAbsent(m.type().ordinal() + m.text(), k -> CanonicalIds.id(m.type(), m.text()));
      groups.computeIfAbsent(id, k -> new Group(k, m.type())).add(m);
    }
    double max = 0;
    for (Group g : groups.values()) {
      max = Math.max(max, g.weight);
    }
    List<Entity> out = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      double salience = Math.round(1000 * g.weight / max) / 1000.0;
      out.add(new Entity(g.id, g.name(), g.type, salience, Stance.NONE, g.sortedMentions()));
    }
    out.sort(Comparator.comparingDouble(Entity::salience).reversed().thenComparing(Entity::id));
    return out;
  }

  /**
   * One type per folded name: curated names take their curated type, others the majority of their
   * mentions (first mention wins ties); a single word that is the surname of a person named in
   * full in the article becomes that person.
   */
  static List<RawMention> unifyTypes(List<RawMention> mentions) {
    Map<String, EnumMap<EntityType, Integer>> votes = new HashMap<>();
    Map<String, EntityType> first = new HashMap<>();
    Map<String, Boolean> surnames = new HashMap<>();
    for (RawMention m : mentions) {
      String key = m.key();
      votes.computeIfAbsent(key, k -> new EnumMap<>(EntityType.class)).merge(m.type(), 1, Integer::sum);
      first.putIfAbsent(key, m.type());
      if (m.type() == EntityType.PERSON && key.indexOf(' ') > 0) {
        surnames.put(KnownEntities.surname(key), true);
      }
    }
    Map<String, EntityType> decided = new HashMap<>();
    for (Map.Entry<String, EnumMap<EntityType, Integer>> e : votes.entrySet()) {
      String key = e.getKey();
      EntityType best = first.get(key);
      for (Map.Entry<EntityType, Integer> v : e.getValue().entrySet()) {
        if (v.getValue() > e.getValue().get(best)) {
          best = v.getKey();
        }
      }
      if (key.indexOf(' ') < 0 && surnames.containsKey(key)) {
        best = EntityType.PERSON;
      }
      decided.put(key, best);
    }
    List<RawMention> out = new ArrayList<>(mentions.size());
    for (RawMention m : mentions) {
      EntityType t = decided.get(m.key());
      KnownEntities.Known known = KnownEntities.get().lookupKey(m.key());
      if (known != null) {
        t = known.type();
      }
      out.add(t == m.type() ? m : m.withType(t));
    }
    return out;
  }

  /**
   * Ids of the article's people, per mention (null for others). Normally the surname id; when two
   * people of the article share a surname, each full name gets a full-name id and a bare surname
   * goes to the one named most recently before it.
   */
  static String[] personIds(List<RawMention> mentions) {
    Map<String, Map<String, String>> peopleBySurname = new HashMap<>();
    for (RawMention m : mentions) {
      String key = m.key();
      if (m.type() == EntityType.PERSON && key.indexOf(' ') > 0) {
        peopleBySurname.computeIfAbsent(KnownEntities.surname(key), k -> new LinkedHashMap<>())
            .putIfAbsent(CanonicalIds.fullNameId(m.text()), m.text());
      }
    }
    String[] ids = new String[mentions.size()];
    Map<String, String> lastNamed = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      RawMention m = mentions.get(i);
      if (m.type() != EntityType.PERSON) {
        continue;
      }
      String key = m.key();
      boolean full = key.indexOf(' ') > 0;
      String surname = full ? KnownEntities.surname(key) : key;
      Map<String, String> people = peopleBySurname.getOrDefault(surname, Map.of());
      boolean shared = people.size() > 1;
      if (full) {
        ids[i] = shared ? CanonicalIds.fullNameId(m.text()) : CanonicalIds.id(EntityType.PERSON, m.text());
        lastNamed.put(surname, ids[i]);
      } else if (people.isEmpty()) {
        ids[i] = CanonicalIds.id(EntityType.PERSON, m.text());
      } else if (shared) {
        ids[i] = lastNamed.getOrDefault(surname, people.keySet().iterator().next());
      } else {
        ids[i] = CanonicalIds.id(EntityType.PERSON, people.values().iterator().next());
      }
    }
    return ids;
  }

  private static final class Group {
    final String id;
    final EntityType type;
    final List<RawMention> mentions = new ArrayList<>();
    double weight;

    Group(String id, EntityType type) {
      this.id = id;
      this.type = type;
    }

    void add(RawMention m) {
      mentions.add(m);
      weight += m.field() == Field.TITLE ? TITLE_WEIGHT : m.lead() ? LEAD_WEIGHT : BODY_WEIGHT;
    }

    /** The curated name, else the longest written form (full names over surnames), most frequent first. */
    String name() {
      KnownEntities.Known known = KnownEntities.get().lookupKey(mentions.get(0).key());
      if (known != null && known.id().equals(id)) {
        return known.name();
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (RawMention m : mentions) {
        counts.merge(m.text(), 1, Integer::sum);
      }
      String best = null;
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        String s = e.getKey();
        if (best == null || words(s) > words(best) || words(s) == words(best) && e.getValue() > counts.get(best)) {
          best = s;
        }
      }
      return best;
    }

    private static int words(String s) {
      return s.split("\\s+").length;
    }

    List<Mention> sortedMentions() {
      List<Mention> out = new ArrayList<>(mentions.size());
      for (RawMention m : mentions) {
        out.add(new Mention(m.start(), m.end(), m.field(), m.text()));
      }
      out.sort(Comparator.comparing(Mention::field).thenComparingInt(Mention::start));
      return out;
    }
  }
}
