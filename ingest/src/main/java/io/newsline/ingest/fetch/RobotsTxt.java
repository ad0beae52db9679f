package io.newsline.ingest.fetch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed robots.txt (RFC 9309): the group for our product token, else the "*" group; Allow and
 * Disallow with * and $ patterns, the longest matching rule wins and Allow wins ties; Crawl-delay
 * when given. Immutable.
 */
public final class RobotsTxt {
  /** Everything allowed: no robots.txt (404), or an empty one. */
  public static final RobotsTxt ALLOW_ALL = new RobotsTxt(List.of(), null);
  /** Nothing allowed: the host's robots.txt could not be read (5xx, timeout), so we must assume the worst. */
  public static final RobotsTxt DISALLOW_ALL = new RobotsTxt(List.of(new Rule(false, "/")), null);
  private static final int MAX_LINES = 10_000;
  /**
   * Longer patterns are cut (Disallow: it then disallows a little more) or dropped (Allow: it must
   * not allow more than the site meant). Real rules are short; this bounds the work per rule.
   */
  static final int MAX_PATTERN_CHARS = 1024;

  private final List<Rule> rules;
  private final Duration crawlDelay;
  private final long ruleChars;

  private RobotsTxt(List<Rule> rules, Duration crawlDelay) {
    this.rules = rules;
    this.crawlDelay = crawlDelay;
    this.ruleChars = rules.stream().mapToLong(r -> r.pattern.length() + 32L).sum();
  }

  /** A rule: its pattern's length decides which rule wins, its compiled form does the matching. */
  record Rule(boolean allow, String pattern, Pattern compiled) {
    Rule(boolean allow, String pattern) {
      this(allow, pattern, Pattern.of(pattern));
    }
  }

  public static RobotsTxt parse(String text, String productToken) {
    String token = productToken.toLowerCase(Locale.ROOT);
    List<Rule> ours = new ArrayList<>();
    List<Rule> star = new ArrayList<>();
    Duration oursDelay = null;
    Duration starDelay = null;
    boolean foundOurs = false;
    List<String> agents = new ArrayList<>();
    boolean inRules = false;
    String[] lines = text.split("\r\n|\r|\n");
    for (int i = 0; i < lines.length && i < MAX_LINES; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (key.equals("user-agent")) {
        if (inRules) {
          agents.clear();
          inRules = false;
        }
        agents.add(value.toLowerCase(Locale.ROOT));
        continue;
      }
      if (!key.equals("allow") && !key.equals("disallow") && !key.equals("crawl-delay")) {
        continue;
      }
      inRules = true;
      boolean forUs = agents.stream().anyMatch(a -> !a.equals("*") && (a.equals(token) || token.startsWith(a)));
      boolean forStar = agents.contains("*");
      foundOurs |= forUs;
      if (key.equals("crawl-delay")) {
        Duration d = seconds(value);
        if (forUs) {
          oursDelay = d;
        }
        if (forStar) {
          starDelay = d;
        }
        continue;
      }
      if (value.isEmpty()) {
        continue; // "Disallow:" allows everything
      }
      boolean allow = key.equals("allow");
      if (value.length() > MAX_PATTERN_CHARS) {
        if (allow) {
          continue;
        }
        value = value.substring(0, MAX_PATTERN_CHARS);
      }
      Rule r = new Rule(allow, value);
      if (forUs) {
        ours.add(r);
      }
      if (forStar) {
        star.add(r);
      }
    }
    return foundOurs ? new RobotsTxt(List.copyOf(ours), oursDelay) : new RobotsTxt(List.copyOf(star), starDelay);
  }

  /** Whether the path (with query) may be fetched. */
  public boolean allows(String pathAndQuery) {
    String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
    Rule best = null;
    int bestLength = -1;
    for (Rule r : rules) {
      if (r.compiled.matches(path)) {
        int len = r.pattern.length();
        if (len > bestLength || (len == bestLength && r.allow)) {
          best = r;
          bestLength = len;
        }
      }
    }
    return best == null || best.allow;
  }

  /** The size of the rules, for bounding a cache of them: pattern characters plus a little per rule. */
  public long ruleChars() {
    return ruleChars;
  }

  /** The Crawl-delay for us, or null. */
  public Duration crawlDelay() {
    return crawlDelay;
  }

  /** Robots pattern match: * is any sequence, a final $ anchors the end, otherwise a prefix match. */
  static boolean matches(String pattern, String path) {
    return Pattern.of(pattern).matches(path);
  }

  /**
   * A compiled pattern: the literal pieces between the stars. The first piece must start the path,
   * an anchored last piece must end it, and every other piece is found leftmost after the previous
   * one (with KMP): taking the leftmost occurrence never loses a match, so there is no backtracking
   * and a match costs time linear in the path and the pattern, however many stars it has.
   */
  record Pattern(String[] pieces, int[][] failure, boolean anchored, boolean hasStar) {
    static Pattern of(String pattern) {
      boolean anchored = pattern.endsWith("$");
      String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
      String[] pieces = p.split("\\*", -1);
      int[][] failure = new int[pieces.length][];
      for (int i = 0; i < pieces.length; i++) {
        failure[i] = failure(pieces[i]);
      }
      return new Pattern(pieces, failure, anchored, pieces.length > 1);
    }

    boolean matches(String s) {
      String first = pieces[0];
      if (!s.startsWith(first)) {
        return false;
      }
      if (!hasStar) {
        return !anchored || s.length() == first.length();
      }
      int pos = first.length();
      int last = pieces.length - 1;
      for (int i = 1; i < last; i++) {
        int at = indexOf(s, pos, pieces[i], failure[i]);
        if (at < 0) {
          return false;
        }
        pos = at + pieces[i].length();
      }
      String end = pieces[last];
      if (anchored) {
        return s.length() - end.length() >= pos && s.endsWith(end);
      }
      return end.isEmpty() || indexOf(s, pos, end, failure[last]) >= 0;
    }

    /** KMP failure function of a piece. */
    private static int[] failure(String w) {
      int[] f = new int[w.length()];
      for (int i = 1, k = 0; i < w.length(); i++) {
        while (k > 0 && w.charAt(i) != w.charAt(k)) {
          k = f[k - 1];
        }
        if (w.charAt(i) == w.charAt(k)) {
          k++;
        }
        f[i] = k;
      }
      return f;
    }

    /** First occurrence of w in s at or after from, in O(remaining length of s + length of w). */
    private static int indexOf(String s, int from, String w, int[] f) {
      if (w.isEmpty()) {
        return from;
      }
      for (int i = from, k = 0; i < s.length(); i++) {
        while (k > 0 && s.charAt(i) != w.charAt(k)) {
          k = f[k - 1];
        }
        if (s.charAt(i) == w.charAt(k)) {
          k++;
          if (k == w.length()) {
            return i - k + 1;
          }
        }
      }
      return -1;
    }
  }

  private static Duration seconds(String v) {
    try {
      double s = Double.parseDouble(v);
      return s < 0 ? null : Duration.ofMillis((long) (s * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
