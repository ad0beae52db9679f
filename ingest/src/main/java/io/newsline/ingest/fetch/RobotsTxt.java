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

  private final List<Rule> rules;
  private final Duration crawlDelay;

  private RobotsTxt(List<Rule> rules, Duration crawlDelay) {
    this.rules = rules;
    this.crawlDelay = crawlDelay;
  }

  record Rule(boolean allow, String pattern) {}

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
      Rule r = new Rule(key.equals("allow"), value);
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
      if (matches(r.pattern, path)) {
        int len = r.pattern.length();
        if (len > bestLength || (len == bestLength && r.allow)) {
          best = r;
          bestLength = len;
        }
      }
    }
    return best == null || best.allow;
  }

  /** The Crawl-delay for us, or null. */
  public Duration crawlDelay() {
    return crawlDelay;
  }

  /** Robots pattern match: * is any sequence, a final $ anchors the end, otherwise a prefix match. */
  static boolean matches(String pattern, String path) {
    boolean anchored = pattern.endsWith("$");
    String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
    return match(p, 0, path, 0, anchored);
  }

  private static boolean match(String p, int pi, String s, int si, boolean anchored) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (match(p, pi, s, k, anchored)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return !anchored || si == s.length();
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
