package io.newsline.enrich.ner;

import io.newsline.enrich.model.Field;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.text.Token;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A dateline line, "SEATTLE 1996-08-29" or "NICE, France 1996-08-29": the name in capitals is the
 * city where the story was filed, a place (CoNLL-2003 train and dev: 1,105 of 1,120 such lines; of
 * the rest "UNITED NATIONS", a listed organisation, 4 times, and 11 slips). The same name is often
 * the city's club in the story ("has coached Nice since 1992"), and the article's one type per name
 * made the dateline the club too. The tagger's name that is exactly the dateline's city stays a
 * place ({@link RawMention#asPlaceVotingAsTagged}) but still votes in the article's type as the
 * tagger read it: without that vote, the story's other mentions of a city the tagger took for a
 * place there ("Atlanta has traded for ...") lost it.
 */
final class Datelines {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final int MAX_WORDS = 4;

  private Datelines() {}

  /** For each sentence, the token where a dateline's city ends (0 for most). */
  static int[] cityEnds(ArticleLayout layout, Gazetteer gazetteer) {
    int[] ends = new int[layout.placed.size()];
    for (int s = 0; s < ends.length; s++) {
      Placed p = layout.placed.get(s);
      List<Token> tokens = p.tokens();
      int n = tokens.size();
      if (p.field() != Field.TEXT || n < 2 || !DATE.matcher(tokens.get(n - 1).text()).matches()) {
        continue;
      }
      int end = 0;
      while (end < n - 1 && end < MAX_WORDS && SpanRepair.isAllCapsWord(tokens.get(end).text())) {
        end++;
      }
      boolean city = end == n - 1 || end > 0 && tokens.get(end).text().equals(",");
      if (city && !gazetteer.containsOrganisation(SpanRepair.words(tokens, 0, end))) {
        ends[s] = end;
      }
    }
    return ends;
  }
}
