package io.newsline.enrich.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.AnchorRole;
import io.newsline.enrich.model.Anchors;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.TimeExpression;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time expressions and identifying numbers on news sentences of the kinds ECB+ and feeds carry. */
class AnchorExtractorTest {
  private final AnchorExtractor extractor = new AnchorExtractor();

  private Anchors anchors(String title, String text, LocalDate published) {
    return extractor.extract(new ArticleText("a", title, text), published);
  }

  private static List<String> values(Anchors a) {
    return a.times().stream().map(TimeExpression::value).toList();
  }

  private static List<String> quantities(Anchors a) {
    return a.quantities().stream().map(q -> q.kind() + ":" + q.unit() + "=" + q.value()).toList();
  }

  @Test
  void writtenAndNumericDatesAreNormalised() {
    Anchors a = anchors(null, "Posted June 13, 2013. A quake on 2 Jul 2013 and another on 2013-07-03; "
        + "reports dated 11 / 30 / 09, 14/09/2013 and 08.07.2012 followed in September 2013, then in 2014.", null);
    assertThat(values(a)).containsExactly("2013-06-13", "2013-07-02", "2013-07-03", "2009-11-30", "2013-09-14", "2012-07-08",
        "2013-09", "2014");
  }

  @Test
  void relativeExpressionsResolveAgainstThePublicationDay() {
    // Monday 2 December 2013: "Saturday" is the past Saturday unless the sentence speaks of the future
    Anchors a = anchors("Storm hits coast", "The storm hit on Saturday and rain fell yesterday. Repairs will start on Friday. "
        + "Officials met last Monday and will meet again next Monday. The deadline is December 15.", LocalDate.of(2013, 12, 2));
    assertThat(values(a)).containsExactly("2013-11-30", "2013-12-01", "2013-12-06", "2013-11-25", "2013-12-09", "2013-12-15");
    assertThat(a.times()).allMatch(TimeExpression::relative);
    assertThat(a.referenceDate()).isEqualTo("2013-12-02");
  }

  @Test
  void withoutAPublicationDateADateLineAtTheTopIsTheReference() {
    Anchors a = anchors(null, "Tue Jul 2, 2013 1:28PM GMT\nA 6.1-magnitude earthquake struck Aceh on Tuesday, killing at least "
        + "five people.", null);
    assertThat(a.referenceDate()).isEqualTo("2013-07-02");
    assertThat(a.times().get(0).role()).isEqualTo(AnchorRole.DATELINE);
    assertThat(values(a)).containsExactly("2013-07-02", "2013-07-02");
    assertThat(quantities(a)).containsExactly("magnitude:magnitude=6.1", "count:people=5");
  }

  @Test
  void withoutAnyReferenceWeekdaysStayUnresolved() {
    Anchors a = anchors(null, "A woman died Wednesday night after a hit-and-run.", null);
    assertThat(a.referenceDate()).isNull();
    assertThat(values(a)).containsExactly("XXXX-WXX-3");
  }

  @Test
  void wordsThatLookLikeDatesAreNot() {
    Anchors a = anchors(null, "The team may march on. Some 2000 people and 1999 votes were counted; he scored 2008 points.", null);
    assertThat(values(a)).isEmpty();
  }

  @Test
  void identifyingNumbersAreNormalised() {
    Anchors a = anchors("AMD to buy SeaMicro for $334 million", "Anthony LaSalle, 36, hit a 66-year-old woman. The Colts won 31-24 "
        + "and Peter Capaldi is the 12th Doctor. Turnout was 93.87 percent. ATI was bought for $5.4 billion.", null);
    assertThat(quantities(a)).contains("money:usd=334000000", "age:age=36", "age:age=66", "score:score=31-24",
        "ordinal:doctor=12", "percent:percent=93.87", "money:usd=5400000000");
  }

  @Test
  void scoresAreOrderedAndRangesAreNotScores() {
    Anchors a = anchors(null, "They lost 13-20 to Kansas City. The 18-24 year olds voted.", null);
    assertThat(quantities(a)).contains("score:score=20-13").noneMatch(q -> q.endsWith("24-18"));
  }

  @Test
  void theLeadIsTheHeadlineLinesAndTheFirstSentence() {
    String text = "Quake hits Aceh\n3 July 2013\nA strong earthquake struck Indonesia on Tuesday. Rescuers arrived later.";
    Anchors a = anchors(null, text, null);
    assertThat(text.substring(0, a.leadEnd())).endsWith("on Tuesday.");
    assertThat(a.quantities()).isEmpty();
    assertThat(a.times()).extracting(TimeExpression::role).containsExactly(AnchorRole.DATELINE, AnchorRole.LEAD);
  }

  @Test
  void hostileInputNeitherThrowsNorHangs() {
    String digits = "1/".repeat(20_000) + "31 February 2013, 99/99/9999, $" + "9".repeat(400) + " billion";
    Anchors a = anchors("", digits, LocalDate.of(2020, 2, 29));
    assertThat(a.times()).noneMatch(t -> t.value().startsWith("2013-02-31"));
    assertThat(anchors(null, "", null).times()).isEmpty();
  }
}
