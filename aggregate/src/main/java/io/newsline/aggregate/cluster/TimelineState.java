package io.newsline.aggregate.cluster;

import static io.newsline.common.WrittenForm.showsBetter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an event's timeline record is built from, kept up to date article by article in bounded
 * space, so that an article costs the same whether its event has five articles or five thousand:
 * the first and the latest articles, tallies of the entities, of each outlet's stance toward them
 * and of the distinct quotes, and distinct counts. The tallies keep the strongest entries and are
 * cut back when they grow half again past their cap (amortised, like the clusterer's centroids);
 * small events are exact. Deterministic (sorted maps, ties broken by key). Not thread-safe.
 */
public final class TimelineState {
  /** Entities tallied per event (the timeline shows the top 20). */
  static final int ENTITIES = 60;
  /** (entity, outlet) stance tallies kept per event. */
  static final int STANCES = 120;
  /**
   * Distinct quotes kept per event once it has more than half again as many: the most carried. A
   * few articles hold dozens of quotes, so smaller events keep every one.
   */
  public static final int QUOTES = 100;
  /** Outlets and article ids listed per quote. */
  public static final int QUOTE_REFS = 10;
  /** Stance entries on a timeline article: its most salient entities. */
  public static final int ARTICLE_STANCES = 5;
  static final int LEAD_CHARS = 300;
  static final String UNKNOWN_OUTLET = "unknown";
  private static final Comparator<Entry> BY_TIME = Comparator.comparingLong(Entry::time).thenComparing(Entry::id);

  /** The earliest article (it names the event when no article has a headline). */
  public Entry first;
  /** Headline of the earliest article that has one, with that article's time and id; null when none has. */
  public String label;
  public long labelTime;
  public String labelId;
  /** The latest articles after the first, in (time, id) order, at most the window given to {@link #add}. */
  public List<Entry> recent = new ArrayList<>();
  /** entity id -> tally. */
  public TreeMap<String, EntityTally> entities = new TreeMap<>();
  /** entity id + '\n' + outlet -> stance counts. */
  public TreeMap<String, StanceTally> stances = new TreeMap<>();
  /** Distinct quotes in order of first appearance. */
  public List<QuoteTally> quotes = new ArrayList<>();
  /** Distinct quotes seen, including those no longer kept. */
  public int quotesSeen;
  public DistinctCount outlets = new DistinctCount();
  public DistinctCount entityIds = new DistinctCount();

  /** One article on the timeline; {@code lead} is kept for the first article only. */
  public record Entry(String id, String outlet, String url, String title, String lead, long time, List<Stance> stance) {}

  /** The article's stance toward one of its entities. */
  public record Stance(String entityId, String label, double score) {}

  /** How many articles mention an entity, and how often. */
  public static final class EntityTally {
    public String name;
    public String type;
    public int articles;
    public int mentions;
  }

  /** How one outlet's articles portray one entity. */
  public static final class StanceTally {
    public int negative;
    public int neutral;
    public int positive;
    public double scoreSum;

    int total() {
      return negative + neutral + positive;
    }
  }

  /** One distinct quote: the first text seen, its speaker and who carried it. */
  public static final class QuoteTally {
    public String speakerId;
    public String speaker;
    public String text;
    public String firstOutlet;
    public long firstSeen;
    /** The first outlets and articles that carried it, at most {@value #QUOTE_REFS} each. */
    public List<String> outlets = new ArrayList<>();
    public List<String> articleIds = new ArrayList<>();
    /** Every article that carried it. */
    public int articles;
    private String norm;
    private Set<String> words;
    private String lastArticle;

    String norm() {
      if (norm == null) {
        norm = normalize(text);
      }
      return norm;
    }

    Set<String> words() {
      if (words == null) {
        words = new HashSet<>(List.of(norm().split(" ")));
      }
      return words;
    }
  }

  /** Adds an article that joined the event; the latest {@code window} articles after the first are listed. */
  public void add(ClusterArticle a, long time, int window) {
    String outlet = outlet(a.outlet(), a.url());
    List<Stance> stance = new ArrayList<>();
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      if (stance.size() == ARTICLE_STANCES) {
        break;
      }
      stance.add(new Stance(en.id(), en.stance(), en.stanceScore()));
    }
    String lead = a.text() == null ? "" : a.text().substring(0, Math.min(a.text().length(), LEAD_CHARS));
    place(new Entry(a.id(), a.outlet(), a.url(), a.title(), lead, time, List.copyOf(stance)), window);
    if (a.title() != null && !a.title().isBlank() && (label == null || time < labelTime || (time == labelTime && a.id().compareTo(labelId) < 0))) {
      label = a.title();
      labelTime = time;
      labelId = a.id();
    }
    outlets.add(outlet);
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      EntityTally t = entities.computeIfAbsent(en.id(), id -> {
        EntityTally n = new EntityTally();
        n.name = en.name();
        n.type = en.type();
        return n;
      });
      t.articles++;
      t.mentions += en.mentions();
      if (showsBetter(en.name(), t.name)) {
        t.name = en.name();
      }
      entityIds.add(en.id());
      StanceTally s = stances.computeIfAbsent(en.id() + '\n' + outlet, k -> new StanceTally());
      switch (en.stance()) {
        case "negative" -> s.negative++;
        case "positive" -> s.positive++;
        default -> s.neutral++;
      }
      s.scoreSum += en.stanceScore();
    }
    for (ClusterArticle.ArticleQuote q : a.quotes()) {
      quote(q.speakerId(), q.speaker(), q.text(), outlet, a.id(), time);
    }
    cap();
  }

  /** An article already on the timeline came again (an update): its entry is replaced; the tallies keep its first version. */
  public void replace(ClusterArticle a, long time, int window) {
    Entry old = first != null && first.id().equals(a.id()) ? first : null;
    if (old != null) {
      first = recent.isEmpty() ? null : recent.remove(0);
    } else {
      recent.removeIf(e -> e.id().equals(a.id()));
    }
    place(entry(a, time), window);
  }

  /**
   * Whether a copy of this article delivered again changes nothing here: the timeline lists it
   * exactly as it is now (the first with its lead, the others without), or no longer lists it at
   * all (a big event's window moved past it; the tallies keep every article's first version).
   */
  public boolean unchangedBy(ClusterArticle a, long time) {
    Entry e = entry(a, time);
    if (first != null && first.id().equals(a.id())) {
      return e.equals(first);
    }
    for (Entry r : recent) {
      if (r.id().equals(a.id())) {
        return withoutLead(e).equals(r);
      }
    }
    return true;
  }

  private static Entry entry(ClusterArticle a, long time) {
    String lead = a.text() == null ? "" : a.text().substring(0, Math.min(a.text().length(), LEAD_CHARS));
    List<Stance> stance = new ArrayList<>();
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      if (stance.size() == ARTICLE_STANCES) {
        break;
      }
      stance.add(new Stance(en.id(), en.stance(), en.stanceScore()));
    }
    return new Entry(a.id(), a.outlet(), a.url(), a.title(), lead, time, List.copyOf(stance));
  }

  /** Absorbs another event's timeline (a merge). */
  public void merge(TimelineState other, int window) {
    List<Entry> theirs = new ArrayList<>(other.recent);
    if (other.first != null) {
      theirs.add(0, other.first);
    }
    for (Entry e : theirs) {
      place(e, window);
    }
    if (other.label != null && (label == null || other.labelTime < labelTime
        || (other.labelTime == labelTime && other.labelId.compareTo(labelId) < 0))) {
      label = other.label;
      labelTime = other.labelTime;
      labelId = other.labelId;
    }
    other.entities.forEach((id, t) -> {
      EntityTally mine = entities.get(id);
      if (mine == null) {
        mine = new EntityTally();
        mine.name = t.name;
        mine.type = t.type;
        entities.put(id, mine);
      } else if (showsBetter(t.name, mine.name)) {
        mine.name = t.name;
      }
      mine.articles += t.articles;
      mine.mentions += t.mentions;
    });
    other.stances.forEach((k, t) -> {
      StanceTally mine = stances.computeIfAbsent(k, x -> new StanceTally());
      mine.negative += t.negative;
      mine.neutral += t.neutral;
      mine.positive += t.positive;
      mine.scoreSum += t.scoreSum;
    });
    int before = quotes.size();
    for (QuoteTally q : other.quotes) {
      QuoteTally mine = match(q.speakerId, q.norm(), q.words());
      if (mine == null) {
        quotes.add(q);
      } else {
        absorb(mine, q);
      }
    }
    quotesSeen += other.quotesSeen - (other.quotes.size() - (quotes.size() - before));
    outlets.addAll(other.outlets);
    entityIds.addAll(other.entityIds);
    cap();
  }

  /** Every article listed: the first, then the latest, in (time, id) order. */
  public List<Entry> listed() {
    List<Entry> out = new ArrayList<>(recent.size() + 1);
    if (first != null) {
      out.add(first);
    }
    out.addAll(recent);
    return out;
  }

  private void place(Entry e, int window) {
    if (first == null || BY_TIME.compare(e, first) < 0) {
      if (first != null) {
        insert(first.lead() == null ? first : withoutLead(first), window);
      }
      first = e;
    } else {
      insert(withoutLead(e), window);
    }
  }

  private static Entry withoutLead(Entry e) {
    return e.lead() == null ? e : new Entry(e.id(), e.outlet(), e.url(), e.title(), null, e.time(), e.stance());
  }

  private void insert(Entry e, int window) {
    int i = recent.size();
    while (i > 0 && BY_TIME.compare(recent.get(i - 1), e) > 0) {
      i--;
    }
    recent.add(i, e);
    while (recent.size() > Math.max(1, window)) {
      recent.remove(0);
    }
  }

  private void quote(String speakerId, String speaker, String text, String outlet, String articleId, long time) {
    String key = normalize(text);
    if (key.isEmpty()) {
      return;
    }
    QuoteTally t = match(speakerId, key, null);
    if (t == null) {
      t = new QuoteTally();
      t.speakerId = speakerId;
      t.speaker = speaker;
      t.text = text;
      t.firstOutlet = outlet;
      t.firstSeen = time;
      quotes.add(t);
      quotesSeen++;
    }
    if (!isPerson(t.speakerId) && speakerId != null && (t.speakerId == null || isPerson(speakerId))) {
      t.speakerId = speakerId;
      t.speaker = speaker;
    }
    if (time < t.firstSeen) {
      t.firstSeen = time;
      t.firstOutlet = outlet;
    }
    if (!t.outlets.contains(outlet) && t.outlets.size() < QUOTE_REFS) {
      t.outlets.add(outlet);
    }
    if (!articleId.equals(t.lastArticle)) {
      t.lastArticle = articleId;
      t.articles++;
      if (t.articleIds.size() < QUOTE_REFS && !t.articleIds.contains(articleId)) {
        t.articleIds.add(articleId);
      }
    }
  }

  private static void absorb(QuoteTally mine, QuoteTally q) {
    if (!isPerson(mine.speakerId) && q.speakerId != null && (mine.speakerId == null || isPerson(q.speakerId))) {
      mine.speakerId = q.speakerId;
      mine.speaker = q.speaker;
    }
    if (q.firstSeen < mine.firstSeen) {
      mine.firstSeen = q.firstSeen;
      mine.firstOutlet = q.firstOutlet;
    }
    for (String o : q.outlets) {
      if (!mine.outlets.contains(o) && mine.outlets.size() < QUOTE_REFS) {
        mine.outlets.add(o);
      }
    }
    for (String id : q.articleIds) {
      if (!mine.articleIds.contains(id) && mine.articleIds.size() < QUOTE_REFS) {
        mine.articleIds.add(id);
      }
    }
    mine.articles += q.articles;
  }

  /**
   * The kept quote these words are, if any. Outlets trim, extend and re-punctuate the same words, so
   * two quotes are one when their normalised words are equal, when the shorter (at least
   * {@value #MIN_CONTAINED_WORDS} words) is contained in the longer, or when their word sets overlap
   * by at least {@value #SAME_QUOTE_JACCARD} (Jaccard); and their speakers do not contradict each
   * other (see {@link #speakersAgree}); a passage of at least
   * {@value #MIN_CONTAINED_WORDS_ANY_SPEAKER} words inside another is the same quote whatever the
   * speakers (one attribution is wrong).
   */
  private QuoteTally match(String speakerId, String key, Set<String> words) {
    Set<String> w = words;
    for (QuoteTally c : quotes) {
      if (speakersAgree(c.speakerId, speakerId) && c.norm().equals(key)) {
        return c;
      }
      if (w == null) {
        w = new HashSet<>(List.of(key.split(" ")));
      }
      if ((speakersAgree(c.speakerId, speakerId) && sameWords(key, w, c.norm(), c.words())) || longContainment(key, c.norm())) {
        return c;
      }
    }
    return null;
  }

  /** Cuts the tallies back to their strongest entries once they pass half again their caps. */
  private void cap() {
    if (entities.size() > ENTITIES * 3 / 2) {
      List<Map.Entry<String, EntityTally>> ranked = new ArrayList<>(entities.entrySet());
      ranked.sort(Comparator.comparing((Map.Entry<String, EntityTally> e) -> -e.getValue().articles)
          .thenComparing(e -> -e.getValue().mentions).thenComparing(Map.Entry::getKey));
      TreeMap<String, EntityTally> kept = new TreeMap<>();
      ranked.subList(0, ENTITIES).forEach(e -> kept.put(e.getKey(), e.getValue()));
      entities = kept;
    }
    if (stances.size() > STANCES * 3 / 2) {
      List<Map.Entry<String, StanceTally>> ranked = new ArrayList<>(stances.entrySet());
      ranked.sort(Comparator.comparing((Map.Entry<String, StanceTally> e) -> -e.getValue().total()).thenComparing(Map.Entry::getKey));
      TreeMap<String, StanceTally> kept = new TreeMap<>();
      ranked.subList(0, STANCES).forEach(e -> kept.put(e.getKey(), e.getValue()));
      stances = kept;
    }
    if (quotes.size() > QUOTES * 3 / 2) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < quotes.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparing((Integer i) -> -quotes.get(i).articles).thenComparing(i -> i));
      Set<Integer> keep = new HashSet<>(order.subList(0, QUOTES));
      List<QuoteTally> kept = new ArrayList<>();
      for (int i = 0; i < quotes.size(); i++) {
        if (keep.contains(i)) {
          kept.add(quotes.get(i));
        }
      }
      quotes = kept;
    }
  }

  /** The article's outlet; else the host of its URL (without www.); else unknown. */
  public static String outlet(String outlet, String url) {
    if (outlet != null && !outlet.isBlank()) {
      return outlet;
    }
    if (url != null) {
      try {
        String host = java.net.URI.create(url.strip()).getHost();
        if (host != null && !host.isBlank()) {
          String h = host.toLowerCase(Locale.ROOT);
          return h.startsWith("www.") ? h.substring(4) : h;
        }
      } catch (IllegalArgumentException e) {
        // not a URL: fall through
      }
    }
    return UNKNOWN_OUTLET;
  }

  /**
   * Two attributions of the same words contradict only when both name different people, or both
   * name different institutions: an institution ("the Kremlin said") speaks through a person, so it
   * agrees with any person, and an unresolved speaker agrees with anyone.
   */
  static boolean speakersAgree(String a, String b) {
    return a == null || b == null || a.equals(b) || isPerson(a) != isPerson(b);
  }

  private static boolean isPerson(String speakerId) {
    return speakerId != null && speakerId.startsWith("per:");
  }

  static final int MIN_CONTAINED_WORDS = 4;
  static final double SAME_QUOTE_JACCARD = 0.8;
  static final int MIN_CONTAINED_WORDS_ANY_SPEAKER = 6;

  /** A long passage inside another is the same quote even when speaker attribution disagrees (one of them is wrong). */
  static boolean longContainment(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return words(shorter) >= MIN_CONTAINED_WORDS_ANY_SPEAKER && containsWords(longer, shorter);
  }

  static boolean sameWords(String a, Set<String> wa, String b, Set<String> wb) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    if (words(shorter) >= MIN_CONTAINED_WORDS && containsWords(longer, shorter)) {
      return true;
    }
    int inter = 0;
    for (String x : wa) {
      if (wb.contains(x)) {
        inter++;
      }
    }
    int union = wa.size() + wb.size() - inter;
    return union > 0 && inter / (double) union >= SAME_QUOTE_JACCARD;
  }

  /**
   * {@code s.split(" ").length}, without splitting: every new quote is compared with every kept one
   * (up to {@value #QUOTES} and half again), so this runs thousands of times per article in a big event.
   */
  static int words(String s) {
    if (s.isEmpty()) {
      return 1;
    }
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--; // split drops trailing empty strings
    }
    if (end == 0) {
      return 0;
    }
    int n = 1;
    for (int i = 0; i < end; i++) {
      if (s.charAt(i) == ' ') {
        n++;
      }
    }
    return n;
  }

  /** {@code (" " + longer + " ").contains(" " + shorter + " ")}: shorter as whole words of longer, without building either. */
  static boolean containsWords(String longer, String shorter) {
    int n = shorter.length();
    if (n == 0) {
      return (" " + longer + " ").contains("  "); // the empty string: two spaces in a row
    }
    for (int i = longer.indexOf(shorter); i >= 0; i = longer.indexOf(shorter, i + 1)) {
      if ((i == 0 || longer.charAt(i - 1) == ' ') && (i + n == longer.length() || longer.charAt(i + n) == ' ')) {
        return true;
      }
    }
    return false;
  }

  static String normalize(String quote) {
    return quote.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
