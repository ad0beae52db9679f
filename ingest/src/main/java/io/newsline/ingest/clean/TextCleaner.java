package io.newsline.ingest.clean;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes page boilerplate from plain article text, line by line: navigation ("Skip to content"),
 * ads ("Advertisement"), membership and newsletter prompts, share and follow widgets, bylines and
 * section teasers, image captions, repeated headlines. Article paragraphs are kept verbatim.
 */
public final class TextCleaner {
  private static final List<Pattern> BOILERPLATE =
      compile(
          "skip to (main )?content",
          "advertisement",
          "advertisements?",
          "sponsored( content)?",
          "(become a|join as a) member.*",
          "members are reading:.*",
          "subscribe( now)?( to .*)?",
          "sign up( for| to) .*newsletter.*",
          ".*\\bnewsletter\\b.*(subscribe|sign up|unlock).*",
          "(subscribe|sign up).*",
          "share( this( article)?)?( on .*)?",
          "(share|follow us|follow) on (facebook|twitter|x|linkedin|whatsapp|telegram|google news).*",
          "follow us.*",
          "published at:?.*",
          "(updated|published|posted)( on| at)?:? [\\p{L}\\d ,.:]{0,40}\\d{4}( \\d.*)?",
          "(more (in|from) .*|see all|read more|related( articles)?|recommended( for you)?)",
          "(ai generated illustration|photo|image|file photo|representative image)( related to)?:.*",
          "cta image",
          "info_icon",
          "summary( of this article)?",
          "exclusive analysis continues:?",
          "source transparency",
          "support our work",
          "contribute",
          "how this analysis was produced",
          "×|x|close",
          "(by|written by) [\\p{Lu}][\\p{L}.'-]+( [\\p{Lu}][\\p{L}.'-]+){0,3}",
          "(copyright|©).*",
          "all rights reserved.*",
          "(click|tap) here.*",
          "listen to (this )?article.*",
          "\\d+ min(ute)?s? read",
          "comments?( \\(\\d+\\))?",
          "print|email|whatsapp|facebook|twitter|linkedin|telegram|reddit");

  /** Prompts and teasers that only appear as whole short lines; longer lines are real paragraphs. */
  private static final int MAX_PROMPT_LENGTH = 160;

  private static final Set<String> PROMO_WORDS =
      Set.of("subscribe", "newsletter", "unlock", "membership", "donate", "contribution",
          "contribute", "follow us", "sign up", "trusted source", "real-time updates");

  /** Cleans text; when {@code findTitle}, a leading headline-like line becomes the title. */
  public CleanText clean(String raw, boolean findTitle) {
    String normalized = normalize(raw);
    List<String> kept = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String line : normalized.split("\n")) {
      String l = line.strip().replaceAll("[ \\t\\u00a0]+", " ");
      if (l.isEmpty() || isBoilerplate(l)) {
        continue;
      }
      // repeated lines (headline printed twice, teaser blocks) keep their first occurrence only
      if (!seen.add(l.toLowerCase(Locale.ROOT))) {
        continue;
      }
      kept.add(stripBullet(l));
    }
    if (kept.isEmpty()) {
      // a text made only of "boilerplate" is a short text the patterns misread, not a page to drop
      return new CleanText(null, normalized.strip());
    }
    String title = null;
    if (findTitle && !kept.isEmpty() && isHeadline(kept.get(0))) {
      title = kept.remove(0);
      String t = title.toLowerCase(Locale.ROOT);
      kept.removeIf(x -> x.toLowerCase(Locale.ROOT).equals(t));
    }
    return new CleanText(title, String.join("\n", kept));
  }

  /** A headline as delivered, on one line with single spaces. */
  public static String normalizeTitle(String title) {
    String t = normalize(title).replaceAll("\\s+", " ").strip();
    return t.isEmpty() ? null : t;
  }

  /** Whole-text normalisation: line endings, NUL and control characters, Unicode NFC. */
  static String normalize(String raw) {
    String s = java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFC);
    s = s.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
        sb.append(c == '\ufeff' ? ' ' : c);
      }
    }
    return sb.toString();
  }

  public static boolean isBoilerplate(String line) {
    String l = line.strip().toLowerCase(Locale.ROOT);
    for (Pattern p : BOILERPLATE) {
      if (p.matcher(l).matches()) {
        return true;
      }
    }
    if (l.length() <= MAX_PROMPT_LENGTH) {
      for (String w : PROMO_WORDS) {
        if (l.contains(w) && (l.contains(" our ") || l.startsWith(w) || l.contains(" we ") || l.startsWith("we "))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String stripBullet(String l) {
    return l.replaceFirst("^[\\u2022\\u25cf\\u25aa\\-*]\\s+", "");
  }

  /** A headline: short, no final full stop, starts with a capital, several words. */
  static boolean isHeadline(String l) {
    int words = l.split(" ").length;
    return l.length() <= 200
        && words >= 3
        && Character.isUpperCase(l.codePointAt(0))
        && !l.endsWith(".")
        && !l.endsWith(":");
  }

  private static List<Pattern> compile(String... regexes) {
    List<Pattern> out = new ArrayList<>();
    for (String r : regexes) {
      out.add(Pattern.compile(r));
    }
    return List.copyOf(out);
  }
}
