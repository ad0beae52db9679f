package io.newsline.aggregate.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.EventState;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.TimelineQuote;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {
  private static final ClusterArticle.ArticleEntity PUTIN =
      new ClusterArticle.ArticleEntity("per:vladimir_putin", "Vladimir Putin", "PERSON", 1.0, 3, "negative", -0.5);
  private static final ClusterArticle.ArticleEntity USHAKOV =
      new ClusterArticle.ArticleEntity("per:yuri_ushakov", "Yuri Ushakov", "PERSON", 0.6, 2, "neutral", 0.0);

  private static EventState.ArticleSummary summary(String id, String outlet, String url, long time, List<ClusterArticle.ArticleQuote> quotes) {
    return new EventState.ArticleSummary(id, outlet, url, "Title " + id, "Lead of " + id, time, List.of(PUTIN, USHAKOV), quotes);
  }

  private static ClusterArticle.ArticleQuote ushakov(String text) {
    return new ClusterArticle.ArticleQuote("per:yuri_ushakov", "Yuri Ushakov", text);
  }

  @Test
  void quotesAreDeduplicatedAcrossOutletsThatTrimOrRepunctuateThem() {
    EventState e = new EventState();
    e.id = "ev-1";
    e.articleCount = 3;
    e.articles.add(summary("a", "reuters", null, 1000, List.of(
        ushakov("Some American proposals seem more or less acceptable, but they need to be discussed"),
        ushakov("We have not yet found a compromise"))));
    e.articles.add(summary("b", null, "https://www.bbc.co.uk/news/123", 2000, List.of(
        ushakov("some American proposals seem more or less acceptable"),
        ushakov("We have not yet found a compromise."))));
    e.articles.add(summary("c", "apnews", null, 3000, List.of(
        ushakov("Some American proposals seem, more or less, acceptable, but they need to be discussed."),
        ushakov("The conversation was useful"))));
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
    e.articles.add(new EventState.ArticleSummary("a", "x", null, "A", "", 1, List.of(russian, PUTIN, kremlin), List.of()));
    e.articles.add(new EventState.ArticleSummary("b", "y", null, "B", "", 2, List.of(russian, PUTIN, witkoff), List.of()));
    e.articles.add(new EventState.ArticleSummary("c", "z", null, "C", "", 3, List.of(russian, kremlin), List.of()));
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getTopEntities()).extracting(c -> c.getId())
        .containsExactly("per:vladimir_putin", "org:kremlin", "per:steve_witkoff", "misc:russian");
    assertThat(t.getStanceByOutlet()).extracting(s -> s.getEntityId()).contains("per:steve_witkoff");
  }

  @Test
  void differentSpeakersKeepSimilarQuotesApart() {
    EventState e = new EventState();
    e.id = "ev-2";
    e.articles.add(summary("a", "x", null, 1, List.of(ushakov("We want peace in Ukraine"))));
    e.articles.add(summary("b", "y", null, 2, List.of(
        new ClusterArticle.ArticleQuote("per:steve_witkoff", "Steve Witkoff", "We want peace in Ukraine now"))));
    assertThat(TimelineBuilder.build(e).getQuotes()).hasSize(2);
  }

  @Test
  void aQuoteGivenToAnInstitutionBecomesThePersonsOnceAnOutletNamesHim() {
    EventState e = new EventState();
    e.id = "ev-4";
    e.articles.add(summary("a", "x", null, 1, List.of(new ClusterArticle.ArticleQuote("org:kremlin", "Kremlin", "acceptable"))));
    e.articles.add(summary("b", "y", null, 2, List.of(ushakov("acceptable"))));
    e.articles.add(summary("c", "z", null, 3, List.of(new ClusterArticle.ArticleQuote("per:vladimir_putin", "Vladimir Putin", "acceptable"))));
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
    e.articles.add(summary("a", "x", null, 1, List.of(new ClusterArticle.ArticleQuote("per:donald_trump", "Donald Trump",
        "over in Russia right now to see if we can get it settled,"))));
    e.articles.add(summary("b", "y", null, 2, List.of(new ClusterArticle.ArticleQuote("loc:moscow", "The Moscow",
        "to see if we can get it settled,"))));
    EventTimeline t = TimelineBuilder.build(e);
    assertThat(t.getQuotes()).hasSize(1);
    assertThat(t.getQuotes().get(0).getSpeaker()).isEqualTo("Donald Trump");
    assertThat(t.getQuotes().get(0).getOutlets()).containsExactly("x", "y");
  }

  @Test
  void outletFallsBackToTheUrlHostThenUnknown() {
    assertThat(TimelineBuilder.outlet(summary("a", null, "https://www.theguardian.com/world/x", 1, List.of()))).isEqualTo("theguardian.com");
    assertThat(TimelineBuilder.outlet(summary("a", " ", null, 1, List.of()))).isEqualTo("unknown");
    assertThat(TimelineBuilder.outlet(summary("a", null, "not a url", 1, List.of()))).isEqualTo("unknown");
  }
}
