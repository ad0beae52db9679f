package io.newsline.ingest.clean;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pass over a line's words: distinct promotional phrases (looked up by their first word),
 * first- and second-person pronouns, author-bio cues, quotation marks. Every article line goes
 * through this, so it avoids regexes and per-phrase scans.
 */
final class LineScan {
  /** Phrases of prompts and publisher notes; chosen to be rare in reporting, yet one alone proves nothing. */
  private static final List<String> PROMO_PHRASES =
      List.of("subscribe to", "subscribe now", "subscribe today", "newsletter", "sign up", "become a member",
          "full access", "unlock", "donate", "your contribution", "your support", "support our work",
          "support our journalism", "support independent", "support us", "follow us", "stay informed",
          "trusted source", "real-time updates", "editorial independence", "fact-checked", "rewritten by",
          "independently reviewed", "necessarily reflect", "do not reflect the views", "all rights reserved",
          "download our app", "download the app", "turn on notifications", "push notifications", "in your inbox",
          "to your inbox", "sponsored by", "adsense", "google news", "this article was", "this story was",
          "this content was", "originally published", "ai-powered", "ai personas", "our journalism",
          "our reporting", "our newsroom", "our editors", "human editors", "discover our", "read our",
          "click here", "tap here", "share this", "for more news", "got a tip", "send us", "contact us",
          "whatsapp channel", "telegram channel", "join our", "thanks for reading", "thank you for reading",
          "terms of use", "privacy policy", "free trial", "paywall", "independent journalism",
          "quality journalism");

  private static final Set<String> WE_WORDS =
      Set.of("we", "we're", "we’re", "we've", "we’ve", "our", "ours", "us", "ourselves");
  private static final Set<String> YOU_WORDS =
      Set.of("you", "your", "you're", "you’re", "you've", "you’ve", "yours", "yourself");
  /** A bio needs "I'm" or "I" and one of these (the BIO pattern then decides). */
  private static final Set<String> BIO_WORDS =
      Set.of("journalist", "reporter", "writer", "editor", "correspondent", "analyst", "columnist", "author", "analyze",
          "analyse", "cover", "write", "report", "specialize", "specialise");
  private static final WordTable WORD_TABLE = new WordTable(words());

  int promo;
  boolean we;
  boolean you;
  boolean bioCue;
  boolean quoted;

  static LineScan of(String l) {
    LineScan s = new LineScan();
    boolean[] seenPhrases = null;
    boolean iAm = false;
    boolean profession = false;
    int n = l.length();
    int i = 0;
    while (i < n) {
      char c = l.charAt(i);
      if (c == '"' || c == '“' || c == '”' || c == '«' || c == '»' || c == '„'
          || ((c == '\'' || c == '‘') && (i == 0 || " :(".indexOf(l.charAt(i - 1)) >= 0))) {
        s.quoted = true;
      }
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      int start = i;
      int hash = 0;
      while (i < n && (isWordChar(l.charAt(i)) || l.charAt(i) == '\'' || l.charAt(i) == '’')) {
        hash = 31 * hash + l.charAt(i);
        i++;
      }
      Word word = WORD_TABLE.get(l, start, i, hash);
      if (word == null) {
        continue;
      }
      if (word.phrases.length > 0) {
        for (int p : word.phrases) {
          if (l.startsWith(PROMO_PHRASES.get(p), start)) {
            if (seenPhrases == null) {
              seenPhrases = new boolean[PROMO_PHRASES.size()];
            }
            if (!seenPhrases[p]) {
              seenPhrases[p] = true;
              s.promo++;
            }
          }
        }
      }
      s.we |= word.we;
      s.you |= word.you;
      iAm |= word.iAm;
      profession |= word.bio;
    }
    s.bioCue = iAm && profession;
    return s;
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') : Character.isLetterOrDigit(c);
  }

  /**
   * The words of {@link #words()} in an open-addressing table keyed by String.hashCode, looked up
   * by a region of the line: no substring per word.
   */
  private static final class WordTable {
    private final String[] keys;
    private final Word[] values;
    private final int mask;

    WordTable(Map<String, Word> words) {
      int cap = Integer.highestOneBit(words.size() * 4);
      keys = new String[cap];
      values = new Word[cap];
      mask = cap - 1;
      words.forEach((k, v) -> {
        int i = spread(k.hashCode()) & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = v;
      });
    }

    Word get(String s, int start, int end, int hash) {
      int len = end - start;
      for (int i = spread(hash) & mask; keys[i] != null; i = (i + 1) & mask) {
        String k = keys[i];
        if (k.length() == len && k.hashCode() == hash && s.regionMatches(start, k, 0, len)) {
          return values[i];
        }
      }
      return null;
    }

    private static int spread(int h) {
      return h ^ (h >>> 16) * 0x45d9f3b;
    }
  }

  /** What a word can signal: the promotional phrases it starts, a pronoun, a bio cue. */
  private record Word(int[] phrases, boolean we, boolean you, boolean iAm, boolean bio) {}

  /** Every word that matters to the scan, so each word of a line costs one lookup. */
  private static Map<String, Word> words() {
    Map<String, int[]> phrases = new HashMap<>();
    for (int i = 0; i < PROMO_PHRASES.size(); i++) {
      String first = PROMO_PHRASES.get(i).split("[^\\p{L}\\p{N}'’]", 2)[0];
      int[] old = phrases.getOrDefault(first, new int[0]);
      int[] now = Arrays.copyOf(old, old.length + 1);
      now[old.length] = i;
      phrases.put(first, now);
    }
    Set<String> all = new java.util.HashSet<>(phrases.keySet());
    all.addAll(WE_WORDS);
    all.addAll(YOU_WORDS);
    all.addAll(BIO_WORDS);
    all.addAll(Set.of("i", "i'm", "i’m"));
    Map<String, Word> m = new HashMap<>();
    for (String w : all) {
      m.put(w, new Word(phrases.getOrDefault(w, new int[0]), WE_WORDS.contains(w), YOU_WORDS.contains(w),
          w.equals("i") || w.equals("i'm") || w.equals("i’m"), BIO_WORDS.contains(w)));
    }
    return Map.copyOf(m);
  }
}
