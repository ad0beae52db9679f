package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventAnchors;
import io.newsline.avro.TimeExpression;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterArticlesTest {
  private static EnrichedArticle article(TimeExpression... times) {
    return EnrichedArticle.newBuilder()
        .setId("a")
        .setTitle(null)
        .setText("A strong earthquake struck on Tuesday. Officials recalled the quake of 2004 on a Sunday.")
        .setIngestedAt(Instant.EPOCH)
        .setEntities(List.of())
        .setQuotes(List.of())
        .setEnricher("test")
        .setAnchors(new EventAnchors(38, null, List.of(times), List.of()))
        .build();
  }

  @Test
  void theLeadsDayOfTheWeekIsAnAnchorTheBodysIsNot() {
    ArticleAnchors a = ClusterArticles.anchors(article(
        new TimeExpression("on Tuesday", 27, 37, "text", "XXXX-WXX-2", true, "lead"),
        new TimeExpression("2004", 61, 65, "text", "2004", false, "body"),
        new TimeExpression("a Sunday", 69, 77, "text", "XXXX-WXX-7", true, "body")));
    assertThat(a.lead()).contains("w:", "w:2").doesNotContain("w:7");
    assertThat(a.all()).noneMatch(k -> k.startsWith("w:"));
  }

  @Test
  void aWeekdayComesFromAWeekdayOrAFullDateButNotFromAMonthOrAYear() {
    assertThat(ClusterArticles.weekday("XXXX-WXX-2")).isEqualTo(2);
    assertThat(ClusterArticles.weekday("2013-09-17")).isEqualTo(2); // a Tuesday
    assertThat(ClusterArticles.weekday("2013-09")).isZero();
    assertThat(ClusterArticles.weekday("2013")).isZero();
    assertThat(ClusterArticles.weekday("XXXX-09-17")).isZero(); // a day without a year has no weekday
    assertThat(ClusterArticles.weekday("2013-02-30")).isZero();
  }

  @Test
  void aYearIsAnAnchorWhenWrittenNotWhenInferredFromTheReferenceDate() {
    ArticleAnchors a = ClusterArticles.anchors(article(
        new TimeExpression("Sep 18, 2013", 0, 12, "text", "2013-09-18", false, "dateline"),
        new TimeExpression("on Friday", 27, 36, "text", "2014-01-03", true, "lead")));
    assertThat(a.lead()).contains("d:2013", "w:5").doesNotContain("y:2014");
    assertThat(a.all()).contains("y:2013", "m:2013").doesNotContain("y:2014", "m:2014");
  }

  @Test
  void theDateLinesYearIsWhenTheArticleWasWrittenNotAYearItsLeadNames() {
    ArticleAnchors a = ClusterArticles.anchors(article(
        new TimeExpression("May 24, 2005", 0, 12, "text", "2005-05-24", false, "dateline"),
        new TimeExpression("2003", 27, 31, "text", "2003", false, "lead")));
    assertThat(a.lead()).contains("d:2005", "y:2003").doesNotContain("y:2005");
    assertThat(a.all()).contains("y:2005", "y:2003", "m:2005");
  }

  @Test
  void aDateLineIsThePublicationDayNotTheEventsDay() {
    ArticleAnchors a = ClusterArticles.anchors(article(
        new TimeExpression("Sep 18, 2013", 0, 12, "text", "2013-09-18", false, "dateline")));
    assertThat(a.lead()).noneMatch(k -> k.startsWith("w:"));
  }
}
