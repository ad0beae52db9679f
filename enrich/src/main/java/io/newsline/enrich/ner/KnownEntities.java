package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Curated aliases: names that must share one canonical id and type whatever the tagger or the
 * article says (U.S. / US / United States / America; EU / European Union; Kyiv / Kiev), and
 * well-known people, whose surname alone ("Putin") resolves to the full name when the surname
 * is unambiguous in the list. Loaded once from ner/aliases.tsv and ner/gazetteer/person.txt.
 */
public final class KnownEntities {
  /** A curated entity. */
  public record Known(EntityType type, String id, String name) {}

  private static final Set<String> PARTICLES = Set.of("von", "van", "der", "den", "de", "da", "del",
      "della", "di", "du", "le", "la", "al", "el", "bin", "ibn", "ben", "dos", "das", "ter", "ten");
  static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");
  private static final KnownEntities INSTANCE = load();
  private final Map<String, Known> byKey = new HashMap<>();

  private KnownEntities() {}

  public static KnownEntities get() {
    return INSTANCE;
  }

  /** The curated entity a name refers to, or null. */
  public Known lookup(String name) {
    return byKey.get(key(name));
  }

  /** The curated entity of an already folded key ({@link #key}), or null. */
  Known lookupKey(String key) {
    return byKey.get(key);
  }

  /** The folded canonical name for an already basic-folded name, or null if not curated. */
  String canonicalFold(String basic) {
    Known k = byKey.get(keyOfBasic(basic));
    return k == null ? null : k.id().substring(k.id().indexOf(':') + 1).replace('_', ' ');
  }

  static String key(String name) {
    return keyOfBasic(CanonicalIds.basic(name));
  }

  private static String keyOfBasic(String basic) {
    StringBuilder b = new StringBuilder();
    for (String w : basic.split(" ")) {
      String f = CanonicalIds.foldWord(w);
      if (!f.isEmpty()) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(f);
      }
    }
    return b.toString();
  }

  /** A curated name as an id key, spelled as curated: "Andriy Yermak" gives andriy_yermak. */
  static String readableKey(String name) {
    StringBuilder b = new StringBuilder();
    for (String w : CanonicalIds.basic(name).split(" ")) {
      StringBuilder word = new StringBuilder();
      for (int i = 0; i < w.length(); i++) {
        char c = w.charAt(i);
        if (Character.isLetterOrDigit(c) || c == '&') {
          word.append(c);
        }
      }
      if (word.length() > 0) {
        if (b.length() > 0) {
          b.append('_');
        }
        b.append(word);
      }
    }
    return b.toString();
  }

  /**
   * The surname part of a folded person name: the last word with any particles before it
   * ("von der leyen"), ignoring Jr./Sr./III.
   */
  static String surname(String folded) {
    String[] w = folded.split(" ");
    int end = w.length;
    while (end > 1 && SUFFIXES.contains(w[end - 1])) {
      end--;
    }
    int start = end - 1;
    while (start > 0 && PARTICLES.contains(w[start - 1])) {
      start--;
    }
    return String.join(" ", List.of(w).subList(start, end));
  }

  private static KnownEntities load() {
    KnownEntities k = new KnownEntities();
    for (String line : lines("/ner/aliases.tsv")) {
      String[] cols = line.split("\t");
      EntityType type = EntityType.valueOf(cols[0]);
      String name = cols[1];
      Known known = new Known(type, CanonicalIds.prefix(type) + ":" + readableKey(name), name);
      k.byKey.putIfAbsent(key(name), known);
      if (cols.length > 2) {
        for (String alias : cols[2].split("\\|")) {
          k.byKey.putIfAbsent(key(alias.strip()), known);
        }
      }
    }
    // Well-known people: the full name, and the surname alone when only one listed person has it.
    Map<String, Set<String>> idsBySurname = new HashMap<>();
    Map<String, Known> bySurname = new HashMap<>();
    for (String name : lines("/ner/gazetteer/person.txt")) {
      String key = key(name);
      Known known = k.byKey.get(key);
      if (known == null) {
        if (!key.contains(" ")) {
          continue;
        }
        known = new Known(EntityType.PERSON, "per:" + readableKey(name), name);
        k.byKey.put(key, known);
      }
      if (known.type() != EntityType.PERSON) {
        continue;
      }
      String last = surname(key);
      idsBySurname.computeIfAbsent(last, x -> new HashSet<>()).add(known.id());
      bySurname.putIfAbsent(last, known);
    }
    // A surname alone resolves only when it is distinctive: one listed person has it, and it is
    // neither a given name ("Paul") nor a common surname ("Adams"); otherwise "Adams" in a
    // football report would become a curated politician.
    Set<String> common = new HashSet<>();
    for (String line : lines("/ner/common_surnames.txt")) {
      common.addAll(List.of(line.split("\\s+")));
    }
    for (String name : lines("/ner/gazetteer/first_name.txt")) {
      common.add(key(name));
    }
    for (Map.Entry<String, Set<String>> e : idsBySurname.entrySet()) {
      if (e.getValue().size() == 1 && e.getKey().length() > 2 && !common.contains(e.getKey())) {
        k.byKey.putIfAbsent(e.getKey(), bySurname.get(e.getKey()));
      }
    }
    return k;
  }

  private static List<String> lines(String resource) {
    InputStream in = KnownEntities.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
