package io.newsline.aggregate.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.EventState;
import io.newsline.aggregate.cluster.TimelineState;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.TimelineQuote;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {
  private static final ClusterArticle.ArticleEntity PUTIN =
      new ClusterArticle.ArticleEntity("per:vladimir_putin", "Vladimir Putin", "PERSON", 1.0, 3, "negative", -0.5);
  private static final ClusterArticle.ArticleEntity USHAKOV =
      new ClusterArticle.ArticleEntity("per:yuri_ushakov", "Yuri Ushakov", "PERSON", 0.6, 2, "neutral", 0.0);

  private static void add(EventState e, String id, String outlet, String url, long time, List<ClusterArticle.ArticleQuote> quotes) {
    ClusterArticle a = new ClusterArticle(id, "Title " + id, "Lead of " + id, outlet, url, java.time.Instant.ofEpochMilli(time), null,
        List.of(PUTIN, USHAKOV), quotes);
    e.timeline.add(a, time, 1000);
    e.articleCount++;
  }

  private static void add(EventState e, String id, String outlet, long time, List<ClusterArticle.ArticleEntity> entities) {
    ClusterArticle a = new ClusterArticle(id, id, "", outlet, null, java.time.Instant.ofEpochMilli(time), null, entities, List.of());
    e.timeline.add(a, time, 1000);
    e.articleCount++;
  }

  private static ClusterArticle.ArticleQuote ushakov(String text) {
    return new ClusterArticle.ArticleQuote("per:yuri_ushakov", "Yuri Ushakov", text);
  }

  @Test
  void quotesAreDeduplicatedAcrossOutletsThatTrimOrRepunctuateThem() {
    EventState e = new EventState();
    e.id = "ev-1";
    add(e, "a", "reuters", null, 1000, List.of(
        ushakov("Some American proposals seem more or less acceptable, but they need to be discussed"),
        ushakov("We have not yet found a compromise")));
    add(e, "b", null, "https://www.bbc.co.uk/news/123", 2000, List.of(
        ushakov("some American proposals seem more or less acceptable"),
        ushakov("We have not yet found a compromise.")));
    add(e, "c", "apnews", null, 3000, List.of(
        ushakov("Some American proposals seem, more or less, acceptable, but they need to be discussed."),
        ushakov("The conversation was useful")));
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getQuotes()).extracting(TimelineQuote::getText).containsExactly(
        "Some American proposals seem more or less acceptable, but they need to be discussed",
        "We have not yet found a compromise",
        "The conversation was useful");
    assertThat(t.getQuotes().get(0).getOutlets()).containsExactly("reuters", "bbc.co.uk", "apnews");
    assertThat(t.getQuotes().get(0).getArticleIds()).containsExactly("a", "b", "c");
    assertThat(t.getQuotes().get(0).getFirstOutlet()).isEqualTo("reuters");
    assertThat(t.getQuotes().get(1).getOutlets()).containsExactly("reuters", "bbc.co.uk");
    assertThat(t.getQuoteCount()).isEqualTo(3);
    assertThat(t.getOutletCount()).isEqualTo(3);
    assertThat(t.getArticleCount()).isEqualTo(3);
    assertThat(t.getArticles()).extracting(a -> a.getId()).containsExactly("a", "b", "c");
    assertThat(t.getTopEntities().get(0).getId()).isEqualTo("per:vladimir_putin");
    assertThat(t.getStanceByOutlet()).anyMatch(s -> s.getOutlet().equals("bbc.co.uk") && s.getNegative() == 1);
  }

  @Test
  void peopleOrganisationsAndPlacesRankBeforeNationalityAdjectives() {
    var russian = new ClusterArticle.ArticleEntity("misc:russian", "Russian", "MISC", 0.9, 6, "neutral", 0.0);
    var kremlin = new ClusterArticle.ArticleEntity("org:kremlin", "Kremlin", "ORGANIZATION", 0.5, 1, "neutral", 0.0);
    var witkoff = new ClusterArticle.ArticleEntity("per:steve_witkoff", "Steve Witkoff", "PERSON", 0.4, 1, "positive", 0.3);
    EventState e = new EventState();
    e.id = "ev-5";
    // every article says "Russian"; only one names Witkoff
    add(e, "a", "x", 1, List.of(russian, PUTIN, kremlin));
    add(e, "b", "y", 2, List.of(russian, PUTIN, witkoff));
    add(e, "c", "z", 3, List.of(russian, kremlin));
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getTopEntities()).extracting(c -> c.getId())
        .containsExactly("per:vladimir_putin", "org:kremlin", "per:steve_witkoff", "misc:russian");
    assertThat(t.getStanceByOutlet()).extracting(s -> s.getEntityId()).contains("per:steve_witkoff");
  }

  @Test
  void differentSpeakersKeepSimilarQuotesApart() {
    EventState e = new EventState();
    e.id = "ev-2";
    add(e, "a", "x", null, 1, List.of(ushakov("We want peace in Ukraine")));
    add(e, "b", "y", null, 2, List.of(
        new ClusterArticle.ArticleQuote("per:steve_witkoff", "Steve Witkoff", "We want peace in Ukraine now")));
    assertThat(TimelineBuilder.build(e).getQuotes()).hasSize(2);
  }

  @Test
  void aQuoteGivenToAnInstitutionBecomesThePersonsOnceAnOutletNamesHim() {
    EventState e = new EventState();
    e.id = "ev-4";
    add(e, "a", "x", null, 1, List.of(new ClusterArticle.ArticleQuote("org:kremlin", "Kremlin", "acceptable")));
    add(e, "b", "y", null, 2, List.of(ushakov("acceptable")));
    add(e, "c", "z", null, 3, List.of(new ClusterArticle.ArticleQuote("per:vladimir_putin", "Vladimir Putin", "acceptable")));
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getQuotes()).hasSize(2);
    assertThat(t.getQuotes().get(0).getSpeakerId()).isEqualTo("per:yuri_ushakov");
    assertThat(t.getQuotes().get(0).getOutlets()).containsExactly("x", "y");
    assertThat(t.getQuotes().get(1).getSpeakerId()).isEqualTo("per:vladimir_putin");
  }

  @Test
  void aLongPassageInsideAnotherIsOneQuoteEvenWhenAttributionDisagrees() {
    EventState e = new EventState();
    e.id = "ev-3";
    add(e, "a", "x", null, 1, List.of(new ClusterArticle.ArticleQuote("per:donald_trump", "Donald Trump",
        "over in Russia right now to see if we can get it settled,")));
    add(e, "b", "y", null, 2, List.of(new ClusterArticle.ArticleQuote("loc:moscow", "The Moscow",
        "to see if we can get it settled,")));
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getQuotes()).hasSize(1);
    assertThat(t.getQuotes().get(0).getSpeaker()).isEqualTo("Donald Trump");
    assertThat(t.getQuotes().get(0).getOutlets()).containsExactly("x", "y");
  }

  @Test
  void outletFallsBackToTheUrlHostThenUnknown() {
    assertThat(TimelineState.outlet(null, "https://www.theguardian.com/world/x")).isEqualTo("theguardian.com");
    assertThat(TimelineState.outlet(" ", null)).isEqualTo("unknown");
    assertThat(TimelineState.outlet(null, "not a url")).isEqualTo("unknown");
  }

  @Test
  void aGiantEventListsItsFirstAndLatestArticlesInBoundedSpace() throws Exception {
    EventState e = new EventState();
    e.id = "ev-5";
    int window = 50;
    for (int i = 0; i < 5000; i++) {
      List<ClusterArticle.ArticleEntity> entities = List.of(PUTIN, USHAKOV,
          new ClusterArticle.ArticleEntity("per:p" + i, "Person " + i, "PERSON", 0.1, 1, "positive", 0.5));
      ClusterArticle a = new ClusterArticle("a" + i, "Title " + i, "Text " + i, "outlet" + (i % 300), null,
          java.time.Instant.ofEpochMilli(1000L * i), null, entities, List.of(ushakov("quote number " + i + " was said"), ushakov("acceptable")));
      e.timeline.add(a, 1000L * i, window);
      e.articleCount++;
    }
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getArticleCount()).isEqualTo(5000);
    assertThat(t.getArticles()).hasSize(window + 1);
    assertThat(t.getArticles().get(0).getId()).isEqualTo("a0");
    assertThat(t.getArticles().get(window).getId()).isEqualTo("a4999");
    assertThat(t.getLabel()).isEqualTo("Title 0");
    assertThat(t.getTopEntities().get(0).getArticles()).isEqualTo(5000);
    // the repeated quote stays, with its true count; the one-off quotes are cut back to the cap
    assertThat(t.getQuotes()).hasSizeLessThanOrEqualTo(TimelineState.QUOTES * 3 / 2);
    TimelineQuote repeated = t.getQuotes().stream().filter(q -> q.getText().equals("acceptable")).findFirst().orElseThrow();
    assertThat(repeated.getArticleCount()).isEqualTo(5000);
    assertThat(repeated.getArticleIds()).hasSize(TimelineState.QUOTE_REFS);
    assertThat(t.getQuoteCount()).isEqualTo(5001);
    // distinct counts are estimates beyond 64: within 15 %
    assertThat(t.getOutletCount()).isBetween(255, 345);
    assertThat(t.getEntityCount()).isBetween(4250, 5750);
    // the record is as big as a 60-article event's, not a 5,000-article one's
    assertThat(t.toByteBuffer().remaining()).isLessThan(30_000);
  }

  @Test
  void aSmallEventIsExact() {
    EventState e = new EventState();
    e.id = "ev-6";
    for (int i = 0; i < 40; i++) {
      add(e, "a" + i, "outlet" + i, null, i, List.of(ushakov("said " + i + " things today")));
    }
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getOutletCount()).isEqualTo(40);
    assertThat(t.getEntityCount()).isEqualTo(2);
    assertThat(t.getQuoteCount()).isEqualTo(40);
  }
}
