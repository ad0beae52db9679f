package io.newsline.enrich.ner;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises page furniture that must not yield entities: menus, "Advertisement", newsletter and
 * membership prompts, share and follow widgets, bylines, image credits and publisher disclaimers.
 * Works on whole lines of the article text; the rest of the line's article is tagged as usual.
 */
public final class Boilerplate {
  /** Lines that are furniture as a whole (matched against the trimmed, lower-cased line). */
  private static final Pattern WHOLE_LINE = Pattern.compile(
      "(advertisement|advertising|advert|sponsored( content)?|skip to( main)? content|skip navigation"
          + "|see all|see more|read more|read next|load more|show more|more stories|related( articles| stories| coverage)?"
          + "|more (in|from|on|about) .{1,60}|share( this( article| story)?)?( on .{1,40})?|share via .{1,40}"
          + "|follow( us)?( on .{1,80})?|tweet|email|print|copy link|comments?|menu|search|home|log ?in|sign ?in"
          + "|subscribe.*|sign up.*|register.*|contribute|donate|support (our|us).{0,40}|become a (member|subscriber|supporter).*"
          + "|members are reading.*|exclusive analysis continues.*|cta image|info_icon|image|photo|video|watch|listen"
          + "|source transparency|how this (analysis|article|story) was produced|summary|summary of this article|key points"
          + "|published( at| on)?:?.{0,40}|updated( at| on)?:?.{0,40}|last updated.{0,40}|posted.{0,40}"
          + "|(photo|image|picture|illustration|video|file photo|credit|source)s?( credit)?:.*"
          + "|ai generated illustration.*|(written|reported|edited|produced) by .{1,80}"
          + "|[\\p{L} .'-]{2,40} (reporting|writing|editing) by .*|\\W*|×|x|\\d+ (min|minute)s? read"
          + "|listen to (this|the) (article|story).*|advertisement \\W*|copyright.*|©.*|all rights reserved.*)");

  /** Phrases that mark a line as furniture wherever they appear in it (plain substrings: fast). */
  private static final String[] ANYWHERE = {
    "newsletter", "subscribe to", "sign up for", "sign up to", "follow us", "share on facebook", "share on x",
    "share on twitter", "share on whatsapp", "share on linkedin", "all rights reserved", "cookie", "privacy policy",
    "terms of use", "terms of service", "rewritten by", "editorial independence", "necessarily reflect the views",
    "for real-time updates", "your trusted source", "ai-powered journalist", "ai personas", "click here",
    "download our app", "download the app", "get the app", "your contribution helps", "support our work",
    "we believe you deserve", "journalism that's both", "photo: ", "photos: ", "image: ", "images: ",
    "picture: ", "video: ", "illustration: ", "photo credit: ", "image credit: ", "; editing by",
    "this article was generated", "this article was produced", "this article was rewritten",
    "this article has been generated", "this article has been produced", "this article has been rewritten"
  };

  /** ANYWHERE by first character (all ASCII), so that a line is read once rather than once per phrase. */
  private static final char[][][] ANYWHERE_BY_FIRST = byFirst(ANYWHERE);

  /** A byline: "By" and a capitalised name of up to four words, maybe ", Outlet" or "and Name". */
  private static final Pattern BYLINE = Pattern.compile(
      "(?i:by)\\s+\\p{Lu}[\\p{L}.'-]*(\\s+\\p{Lu}[\\p{L}.'-]*){0,3}"
          + "((,|\\s+and|\\s+&)\\s+\\p{Lu}[\\p{L}.'-]*(\\s+\\p{Lu}[\\p{L}.'-]*){0,3})*\\s*");

  private Boilerplate() {}

  /** Is this line (one paragraph of the text) page furniture rather than article prose? */
  public static boolean isBoilerplate(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return true;
    }
    if (s.length() <= 100 && BYLINE.matcher(s).matches()) {
      return true;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.length() <= 160 && WHOLE_LINE.matcher(lower).matches()) {
      return true;
    }
    if (lower.length() > 600) {
      return false;
    }
    return containsAny(lower.toCharArray(), ANYWHERE_BY_FIRST);
  }

  /** Whether any of the phrases occurs in s: what a contains() per phrase says, in one pass over s. */
  private static boolean containsAny(char[] s, char[][][] byFirst) {
    for (int i = 0; i < s.length; i++) {
      char c = s[i];
      char[][] phrases = c < byFirst.length ? byFirst[c] : null;
      if (phrases == null) {
        continue;
      }
      for (char[] p : phrases) {
        if (i + p.length <= s.length && startsWith(s, i, p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(char[] s, int at, char[] p) {
    for (int k = 1; k < p.length; k++) {
      if (s[at + k] != p[k]) {
        return false;
      }
    }
    return true;
  }

  private static char[][][] byFirst(String[] phrases) {
    char[][][] out = new char[128][][];
    for (String p : phrases) {
      char c = p.charAt(0);
      if (c >= 128) {
        throw new IllegalArgumentException("phrase must start with an ASCII character: " + p);
      }
      char[][] before = out[c] == null ? new char[0][] : out[c];
      char[][] grown = java.util.Arrays.copyOf(before, before.length + 1);
      grown[before.length] = p.toCharArray();
      out[c] = grown;
    }
    return out;
  }
}
