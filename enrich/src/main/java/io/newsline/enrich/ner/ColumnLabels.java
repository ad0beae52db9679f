package io.newsline.enrich.ner;

import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A word in capitals written twice in one line of capitals (or without a lower-case letter) is
 * the label of a table's columns, not a name: "MATURITY SER A SER B SER A SER B", "MTH / MTH PVS
 * YR-AGO". In CoNLL-2003 train and dev none of the 82 such words is a name of one word, while the
 * tagger takes short ones in capitals for organisations elsewhere in the article ("$22,040,000
 * SER." above the table), and a name found once is added where it repeats: a name of one word that
 * is a column's label is untagged in the whole article. A repeated word inside a longer name, as a
 * competition's ("LEAGUE" 18 times, MISC), is left alone. Works on the labels of the whole article.
 */
final class ColumnLabels {
  private ColumnLabels() {}

  /** Untags, in place, every name of one word that is a column's label somewhere in the article. */
  static void apply(ArticleLayout layout, List<int[]> labels) {
    Set<String> columns = new HashSet<>();
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      if (p.kind() != LineKind.ALL_CAPS && hasLowerCase(p)) {
        continue;
      }
      for (int i = 0; i < p.tokens().size(); i++) {
        String w = p.tokens().get(i).text();
        if (PressDigest.isCapitalWord(w) && isRepeated(p, i)) {
          columns.add(w);
        }
      }
    }
    if (columns.isEmpty()) {
      return;
    }
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      for (int i = 0; i < y.length; i++) {
        if (isSingle(y[i]) && columns.contains(layout.placed.get(s).tokens().get(i).text())) {
          y[i] = Labels.O;
        }
      }
    }
  }

  private static boolean isSingle(int label) {
    return label != Labels.O && Labels.part(label) == 3;
  }

  private static boolean hasLowerCase(Placed p) {
    for (var t : p.tokens()) {
      for (int k = 0; k < t.text().length(); k++) {
        if (Character.isLowerCase(t.text().charAt(k))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isRepeated(Placed p, int i) {
    String w = p.tokens().get(i).text();
    for (int k = 0; k < p.tokens().size(); k++) {
      if (k != i && p.tokens().get(k).text().equals(w)) {
        return true;
      }
    }
    return false;
  }
}
