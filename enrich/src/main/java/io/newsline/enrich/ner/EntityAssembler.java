package io.newsline.enrich.ner;

import static io.newsline.common.WrittenForm.inCapitals;

import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Stance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups an article's mentions into canonical entities. Within the article: one type per name
 * (majority vote; curated names take their curated type); a part of a person's full name used
 * alone joins that person ("Putin" and "Vladimir Putin", "Anwar" and "Anwar Ibrahim", "Sheikh
 * Hasina" and "Sheikh Hasina Wazed"), as does a nickname in quotes after the name; an acronym
 * joins the organisation whose initials it spells ("PTI", "Pakistan Tehreek-e-Insaf"), and an
 * organisation's first word alone joins it ("Samsung", "Samsung Electronics"). Across articles:
 * ids come from {@link CanonicalIds} and depend only on names. Salience weighs title, lead and
 * frequency.
 */
final class EntityAssembler {
  private static final double TITLE_WEIGHT = 3.0;
  private static final double LEAD_WEIGHT = 2.0;
  private static final double BODY_WEIGHT = 1.0;
  /** Words an acronym skips: "Securities and Exchange Commission" is SEC. */
  private static final Set<String> ACRONYM_SKIPS = Set.of("of", "and", "the", "for", "&", "on", "in", "e", "de", "la");
  /**
   * Longer spans are no names: a run of letters without spaces from a hostile or broken page
   * ("AAAA..." 100,000 times) would otherwise become an entity that every reader must print. The
   * longest real names are under 100 characters ("International Bank for Reconstruction and
   * Development" is 52).
   */
  static final int MAX_NAME_CHARS = 150;

  private EntityAssembler() {}

  static List<Entity> assemble(List<RawMention> found) {
    return assemble(found, Map.of());
  }

  /**
   * Groups the mentions; nicknames maps the folded key of a nickname written in quotes after a
   * person's name, or of a short name in brackets after a name, to that name ("Prachanda" to
   * "Pushpa Kamal Dahal", "Bersatu" to "Parti Pribumi Bersatu Malaysia").
   */
  static List<Entity> assemble(List<RawMention> found, Map<String, String> nicknames) {
    List<RawMention> mentions = unifyTypes(found.stream().filter(m -> m.text().length() <= MAX_NAME_CHARS).toList());
    String[] personIds = personIds(mentions, nicknames);
    String[] organisationIds = organisationIds(mentions, nicknames);
    Map<String, String> ids = new HashMap<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < mentions.size(); i++) {
      RawMention m = mentions.get(i);
      String id;
      if (personIds[i] != null) {
        id = personIds[i];
      } else if (organisationIds[i] != null) {
        id = organisationIds[i];
        m = m.type() == EntityType.ORGANIZATION ? m : m.withType(EntityType.ORGANIZATION);
      } else {
        RawMention x = m;
        id = x.ownType() ? CanonicalIds.idAsTyped(x.type(), x.text())
            : ids.computeIfAbsent(x.type().ordinal() + x.text(), k -> CanonicalIds.id(x.type(), x.text()));
      }
      RawMention y = m;
      groups.computeIfAbsent(id, k -> new Group(k, y.type())).add(m);
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
   * A name's words as written (split at spaces), each folded, without a closing Jr./Sr./III:
   * "Edwards-Thomas" is one word, "Ferdinand Marcos Jr." two.
   */
  static String[] words(String text) {
    String[] raw = text.strip().split("\\s+");
    List<String> out = new ArrayList<>(raw.length);
    for (String w : raw) {
      String k = KnownEntities.key(w);
      if (!k.isEmpty()) {
        out.add(k);
      }
    }
    while (out.size() > 1 && KnownEntities.SUFFIXES.contains(out.get(out.size() - 1))) {
      out.remove(out.size() - 1);
    }
    return out.toArray(new String[0]);
  }

  /**
   * The people of an article: their full names (two or more words, not part of a longer name of
   * the article), and for each part of a full name that may be used alone ({@link #parts}) the
   * full names it may stand for, in order of appearance; the last parts are surnames.
   */
  private static final class People {
    final Set<String> full = new LinkedHashSet<>();
    final Map<String, Set<String>> byPart = new HashMap<>();
    final Set<String> surnames = new HashSet<>();

    People(List<RawMention> mentions) {
      Map<String, String[]> names = new LinkedHashMap<>();
      for (RawMention m : mentions) {
        if (m.type() == EntityType.PERSON) {
          names.putIfAbsent(m.key(), words(m.text()));
        }
      }
      Set<String> parts = new HashSet<>();
      for (String[] w : names.values()) {
        for (int len = 1; len < w.length; len++) {
          parts.add(join(w, 0, len));
          parts.add(join(w, w.length - len, w.length));
        }
      }
      for (Map.Entry<String, String[]> e : names.entrySet()) {
        String[] w = e.getValue();
        if (w.length < 2 || parts.contains(e.getKey())) {
          continue;
        }
        full.add(e.getKey());
        for (String part : parts(w)) {
          byPart.computeIfAbsent(part, k -> new LinkedHashSet<>()).add(e.getKey());
        }
        for (int len = 1; len < w.length; len++) {
          surnames.add(join(w, w.length - len, w.length));
        }
      }
    }
  }

  /** Connecting words inside names, never a name used alone: "bin", "al", "de", "van". */
  private static final Set<String> PARTICLES = Set.of("bin", "binti", "bint", "ibn", "abu", "abd", "al", "el",
      "ul", "ur", "ud", "de", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "der", "den", "ter",
      "le", "la", "du", "e", "y", "st");

  /**
   * The parts of a full name that may stand for it alone: every proper first and last part
   * ("anwar", "ibrahim", "sheikh hasina"), and a single middle word of three or more letters
   * ("mulyani" of "Sri Mulyani Indrawati", "bhutto" of "Bilawal Bhutto Zardari").
   */
  private static List<String> parts(String[] w) {
    List<String> out = new ArrayList<>();
    for (int len = 1; len < w.length; len++) {
      out.add(join(w, 0, len));
      out.add(join(w, w.length - len, w.length));
    }
    for (int k = 1; k < w.length - 1; k++) {
      if (w[k].length() >= 3 && !PARTICLES.contains(w[k]) && Character.isLetter(w[k].charAt(w[k].length() - 1))) {
        out.add(w[k]);
      }
    }
    return out;
  }

  private static String join(String[] w, int from, int to) {
    return String.join(" ", java.util.Arrays.asList(w).subList(from, to));
  }

  /**
   * One type per folded name: curated names take their curated type, others the majority of their
   * mentions (a title's counting half; the first mention wins ties; a mention whose line decides its
   * type does not change, and votes only as its {@link RawMention#vote} says); a name closed by a legal form, or written so elsewhere, is an
   * organisation; a part of a person's full name in the article becomes that
   * person (a last part whatever it was tagged; a first part unless tagged a place).
   */
  static List<RawMention> unifyTypes(List<RawMention> mentions) {
    Map<String, EnumMap<EntityType, Integer>> votes = new HashMap<>();
    Map<String, EntityType> first = new HashMap<>();
    for (RawMention m : mentions) {
      EntityType as = m.ownType() ? m.vote() : m.type();
      if (as == null) {
        continue;
      }
      String key = m.key();
      // A headline's capitals say less about a name's type than running text.
      int vote = m.field() == Field.TITLE ? 1 : 2;
      votes.computeIfAbsent(key, k -> new EnumMap<>(EntityType.class)).merge(as, vote, Integer::sum);
      first.putIfAbsent(key, as);
    }
    People people = new People(mentions);
    Set<String> companies = companyNames(mentions);
    Map<String, EntityType> decided = new HashMap<>();
    for (Map.Entry<String, EnumMap<EntityType, Integer>> e : votes.entrySet()) {
      String key = e.getKey();
      EntityType best = first.get(key);
      for (Map.Entry<EntityType, Integer> v : e.getValue().entrySet()) {
        if (v.getValue() > e.getValue().get(best)) {
          best = v.getKey();
        }
      }
      if (people.surnames.contains(key) || people.byPart.containsKey(key) && best != EntityType.LOCATION) {
        best = EntityType.PERSON;
      } else if (best != EntityType.ORGANIZATION && (companies.contains(key) || endsInLegalForm(key))) {
        best = EntityType.ORGANIZATION;
      }
      decided.put(key, best);
    }
    List<RawMention> out = new ArrayList<>(mentions.size());
    for (RawMention m : mentions) {
      if (m.ownType()) {
        out.add(m);
        continue;
      }
      EntityType t = decided.get(m.key());
      KnownEntities.Known known = KnownEntities.get().lookupKey(m.key());
      if (known != null) {
        t = known.type();
      }
      out.add(t == m.type() ? m : m.withType(t));
    }
    return out;
  }

  /** Legal forms that close a company's name: "Kekkila Oy", "Cargill Inc", "Acme Corp". */
  static final Set<String> LEGAL_FORMS = Set.of("inc", "corp", "co", "ltd", "llc", "plc", "lp", "llp",
      "oy", "oyj", "ab", "asa", "ag", "gmbh", "kg", "sa", "sas", "spa", "srl", "nv", "bv", "bhd", "pte",
      "pty", "kk", "tbk");

  /** A folded name of two or more words closed by a legal form: only a company's name ends so. */
  private static boolean endsInLegalForm(String key) {
    int space = key.lastIndexOf(' ');
    return space > 0 && LEGAL_FORMS.contains(key.substring(space + 1));
  }

  /**
   * Folded names that the article also writes as an organisation with only a legal form after
   * them ("Kekkila" beside "Kekkila Oy", "Cargill" beside "Cargill Inc", "Arthur Yates" beside
   * "Arthur Yates and Co"): the company written short, whatever the tagger made of it (an unknown
   * company is often typed a person or a place).
   */
  private static Set<String> companyNames(List<RawMention> mentions) {
    Set<String> out = new HashSet<>();
    for (RawMention m : mentions) {
      if (m.type() != EntityType.ORGANIZATION) {
        continue;
      }
      String[] w = words(m.text());
      int end = w.length;
      while (end > 1 && LEGAL_FORMS.contains(w[end - 1])) {
        end--;
      }
      if (end > 1 && end < w.length && w[end - 1].equals("and")) {
        end--;
      }
      if (end < w.length) {
        out.add(join(w, 0, end));
      }
    }
    return out;
  }

  /**
   * Ids of the article's people, per mention (null for others). A full name has its surname id
   * ({@link CanonicalIds#id}), or its full-name id when two people of the article share that id;
   * a part of full names goes to the one of them named most recently before it (else the first);
   * a nickname goes to the name it followed.
   */
  static String[] personIds(List<RawMention> mentions, Map<String, String> nicknames) {
    People people = new People(mentions);
    Map<String, String> textOf = new HashMap<>();
    Map<String, Set<String>> fullBySurnameId = new HashMap<>();
    for (RawMention m : mentions) {
      if (m.type() == EntityType.PERSON && people.full.contains(m.key()) && textOf.putIfAbsent(m.key(), m.text()) == null) {
        fullBySurnameId.computeIfAbsent(CanonicalIds.id(EntityType.PERSON, m.text()), k -> new HashSet<>())
            .add(CanonicalIds.fullNameId(m.text()));
      }
    }
    Map<String, String> fullIds = new HashMap<>();
    for (Map.Entry<String, String> e : textOf.entrySet()) {
      String id = CanonicalIds.id(EntityType.PERSON, e.getValue());
      fullIds.put(e.getKey(), fullBySurnameId.get(id).size() > 1 ? CanonicalIds.fullNameId(e.getValue()) : id);
    }
    String[] ids = new String[mentions.size()];
    Map<String, String> lastNamed = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      RawMention m = mentions.get(i);
      if (m.type() != EntityType.PERSON) {
        continue;
      }
      String key = m.key();
      String nicknameOf = nicknames.get(key);
      if (nicknameOf != null && !people.full.contains(key)) {
        key = KnownEntities.key(nicknameOf);
      }
      String full = fullIds.get(key);
      if (full != null) {
        ids[i] = full;
        for (String part : parts(words(textOf.get(key)))) {
          lastNamed.put(part, full);
        }
        continue;
      }
      Set<String> candidates = people.byPart.get(key);
      if (candidates == null) {
        ids[i] = CanonicalIds.id(EntityType.PERSON, m.text());
        continue;
      }
      Set<String> distinct = new LinkedHashSet<>();
      for (String c : candidates) {
        distinct.add(fullIds.get(c));
      }
      ids[i] = distinct.size() == 1 ? distinct.iterator().next()
          : lastNamed.getOrDefault(key, distinct.iterator().next());
    }
    return ids;
  }

  /**
   * Ids of organisations written short, per mention (null for the rest): a short name given in
   * brackets after the full name (shortNames: folded short name to full name), an acronym of
   * capitals spelling the initials of exactly one longer organisation name in the article, or a
   * single word (tagged an organisation) that opens exactly one longer organisation name, shares
   * that organisation's id. A curated id wins; otherwise a short name's or acronym's id is its
   * own, as later articles tend to use it alone.
   */
  static String[] organisationIds(List<RawMention> mentions, Map<String, String> shortNames) {
    Map<String, String> longNames = new LinkedHashMap<>();
    for (RawMention m : mentions) {
      if (m.type() == EntityType.ORGANIZATION && m.text().indexOf(' ') > 0) {
        longNames.putIfAbsent(m.key(), m.text());
      }
    }
    String[] ids = new String[mentions.size()];
    if (longNames.isEmpty()) {
      return ids;
    }
    Map<String, Set<String>> byInitials = new HashMap<>();
    Map<String, Set<String>> byFirstWord = new HashMap<>();
    for (Map.Entry<String, String> e : longNames.entrySet()) {
      String initials = initials(e.getValue());
      if (initials.length() >= 2) {
        byInitials.computeIfAbsent(initials, k -> new LinkedHashSet<>()).add(e.getKey());
      }
      byFirstWord.computeIfAbsent(words(e.getValue())[0], k -> new LinkedHashSet<>()).add(e.getKey());
    }
    Map<String, String> linked = new HashMap<>();
    for (RawMention m : mentions) {
      String text = m.text();
      if (text.indexOf(' ') >= 0 || linked.containsKey(m.key()) || m.type() == EntityType.PERSON) {
        continue;
      }
      // A short name given in brackets is the organisation wherever used, whatever the tagger typed
      // it there ("ND" of "New Democracy (ND)" as MISC): only organisations' short names are kept.
      String bracketed = shortNames.get(m.key());
      Set<String> longer = bracketed != null && longNames.containsKey(KnownEntities.key(bracketed))
          ? Set.of(KnownEntities.key(bracketed)) : isAcronym(text) ? byInitials.get(text)
          : m.type() == EntityType.ORGANIZATION ? byFirstWord.get(m.key()) : null;
      if (longer == null || longer.size() != 1) {
        continue;
      }
      String longText = longNames.get(longer.iterator().next());
      String shortId = CanonicalIds.id(EntityType.ORGANIZATION, text);
      String longId = CanonicalIds.id(EntityType.ORGANIZATION, longText);
      boolean longCurated = KnownEntities.get().lookup(longText) != null;
      boolean shortCurated = KnownEntities.get().lookup(text) != null;
      String id = longCurated && !shortCurated ? longId : shortCurated || isAcronym(text) || bracketed != null ? shortId : longId;
      linked.put(m.key(), id);
      linked.put(KnownEntities.key(longText), id);
    }
    for (int i = 0; i < ids.length; i++) {
      RawMention m = mentions.get(i);
      // A place whose line decides its type keeps the place's id: "NICE" of a dateline is not the club.
      if (m.type() != EntityType.PERSON && !(m.ownType() && m.type() != EntityType.ORGANIZATION)) {
        ids[i] = linked.get(m.key());
      }
    }
    return ids;
  }

  /** Two to six capitals (an ampersand allowed): "SEC", "PTI", "CFPB". */
  private static boolean isAcronym(String s) {
    if (s.length() < 2 || s.length() > 6) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isUpperCase(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Capital initials of a name's words and hyphen parts, skipping small words: "PTI", "SEC". */
  static String initials(String name) {
    StringBuilder b = new StringBuilder();
    for (String w : name.split("[\\s\\-]+")) {
      if (w.isEmpty() || ACRONYM_SKIPS.contains(w.toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      char c = w.charAt(0);
      if (!Character.isUpperCase(c)) {
        return "";
      }
      b.append(c);
    }
    return b.toString();
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

    /**
     * The curated name, else the longest written form (full names over surnames), then one not in
     * capitals (a dateline's "SANTIAGO" or a headline's capitals beside running text's "Santiago"),
     * then the most frequent, then the first.
     */
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
        if (best == null || words(s) > words(best)
            || words(s) == words(best) && (inCapitals(best) && !inCapitals(s)
                || inCapitals(best) == inCapitals(s) && e.getValue() > counts.get(best))) {
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
