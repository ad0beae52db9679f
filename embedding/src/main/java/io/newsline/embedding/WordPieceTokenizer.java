package io.newsline.embedding;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * BERT's uncased tokenizer, as all-MiniLM-L6-v2 ships it (HuggingFace BertNormalizer,
 * BertPreTokenizer and WordPiece): control characters dropped, CJK ideographs split apart, lower
 * case, accents stripped, words split at whitespace and at every punctuation character, then each
 * word cut into the longest vocabulary pieces from the left ("##" marks a continuation); a word
 * that cannot be cut, or is longer than {@value #MAX_WORD_CHARS} characters, is one unknown token.
 * Immutable, thread-safe.
 */
public final class WordPieceTokenizer {
  static final int MAX_WORD_CHARS = 100;
  private final Map<String, Integer> vocabulary;
  private final Map<String, Integer> continuations;
  private final int unknown;

  /** @param tokens the vocabulary, token id = index; must hold "[UNK]" */
  public WordPieceTokenizer(List<String> tokens) {
    this.vocabulary = new HashMap<>(tokens.size() * 2);
    this.continuations = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (t.startsWith("##")) {
        continuations.put(t.substring(2), i);
      } else {
        vocabulary.put(t, i);
      }
    }
    Integer unk = vocabulary.get("[UNK]");
    if (unk == null) {
      throw new IllegalArgumentException("the vocabulary has no [UNK] token");
    }
    this.unknown = unk;
  }

  public int unknownId() {
    return unknown;
  }

  /** Calls {@code sink} with the id of every token of the text, in order. */
  public void tokenize(String text, IntConsumer sink) {
    String s = normalize(text);
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ') {
        i++;
      } else if (isPunctuation(c)) {
        Integer id = vocabulary.get(String.valueOf(c));
        sink.accept(id == null ? unknown : id);
        i++;
      } else {
        int start = i;
        while (i < n && s.charAt(i) != ' ' && !isPunctuation(s.charAt(i))) {
          i++;
        }
        pieces(s, start, i, sink);
      }
    }
  }

  /** Greedy longest-match-first WordPiece of s[start, end). */
  private void pieces(String s, int start, int end, IntConsumer sink) {
    if (end - start > MAX_WORD_CHARS) {
      sink.accept(unknown);
      return;
    }
    Integer whole = vocabulary.get(s.substring(start, end));
    if (whole != null) {
      sink.accept(whole);
      return;
    }
    int[] ids = new int[end - start];
    int count = 0;
    int from = start;
    while (from < end) {
      Integer found = null;
      int to = end;
      Map<String, Integer> table = from == start ? vocabulary : continuations;
      while (to > from) {
        found = table.get(s.substring(from, to));
        if (found != null) {
          break;
        }
        to--;
      }
      if (found == null) {
        sink.accept(unknown);
        return;
      }
      ids[count++] = found;
      from = to;
    }
    for (int k = 0; k < count; k++) {
      sink.accept(ids[k]);
    }
  }

  /** Lower case, accents stripped, control characters dropped, whitespace as single spaces, CJK ideographs spaced apart. */
  static String normalize(String text) {
    boolean ascii = true;
    for (int i = 0; i < text.length() && ascii; i++) {
      ascii = text.charAt(i) < 0x80;
    }
    String s = ascii ? text : Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0 || cp == 0xFFFD) {
        continue;
      }
      int type = Character.getType(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        out.append(' ');
      } else if (type == Character.CONTROL || type == Character.FORMAT) {
        continue;
      } else if (type == Character.NON_SPACING_MARK) {
        continue; // accent stripped (the text is in NFD)
      } else if (isCjk(cp)) {
        out.append(' ').appendCodePoint(cp).append(' ');
      } else {
        out.appendCodePoint(Character.toLowerCase(cp));
      }
    }
    return out.toString();
  }

  static boolean isPunctuation(char c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      return true;
    }
    if (c < 0x80) {
      return false;
    }
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
        || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION;
  }

  private static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
