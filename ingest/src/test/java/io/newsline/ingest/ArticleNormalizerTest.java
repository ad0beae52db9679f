package io.newsline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.RawArticle;
import io.newsline.common.PublicationTime;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
import io.newsline.ingest.source.SampleArticles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleNormalizerTest {
  private static final Instant NOW = Instant.parse("2025-12-03T12:00:00Z");
  private final ArticleNormalizer normalizer = new ArticleNormalizer(new TextCleaner(), new Deduplicator());

  @Test
  void theFiveSeedsAreFiveOriginals() {
    for (IncomingArticle seed : SampleArticles.load()) {
      RawArticle a = normalizer.normalize(seed, NOW);
      assertThat(a.getDuplicateOf()).as(seed.source()).isNull();
    }
  }

  @Test
  void aSyndicatedCopyIsLinkedToTheOriginal() {
    String text = seed(4);
    RawArticle original = normalizer.normalize(article("https://outlet-a.example/moscow-talks", null, text), NOW);
    RawArticle copy = normalizer.normalize(article("https://outlet-b.example/world/12345", "Envoys leave Moscow empty-handed",
        "From our partners at Outlet A.\n" + text + "\nThis story was originally published by Outlet A and is republished with permission."), NOW);

    assertThat(copy.getId()).isNotEqualTo(original.getId());
    assertThat(copy.getDuplicateOf()).isEqualTo(original.getId());
    assertThat(copy.getDuplicateKind()).isEqualTo("near");
    assertThat(copy.getText()).contains("Yermak"); // kept, not dropped
  }

  @Test
  void aLightRewriteIsANearDuplicate() {
    String text = seed(3);
    RawArticle original = normalizer.normalize(article("https://outlet-a.example/a", null, text), NOW);
    RawArticle rewrite = normalizer.normalize(article("https://outlet-c.example/b", null, lightlyRewritten(text)), NOW);
    assertThat(rewrite.getDuplicateOf()).isEqualTo(original.getId());
    assertThat(rewrite.getDuplicateKind()).isEqualTo("near");
  }

  @Test
  void exactDuplicatesByUrlAndByContent() {
    RawArticle a = normalizer.normalize(article("https://outlet-a.example/a", null, seed(2)), NOW);
    RawArticle sameCanonical = normalizer.normalize(new IncomingArticle("feed", "f", null, "https://mirror.example/a", null, null,
        "Short different text of the mirror page, long enough to count as text.", null, false, null, null,
        "https://www.outlet-a.example/a/?utm_source=x"), NOW);
    RawArticle sameContent = normalizer.normalize(article("https://outlet-d.example/z", null, "  " + seed(2).toUpperCase() + "\n"), NOW);

    assertThat(sameCanonical.getDuplicateOf()).isEqualTo(a.getId());
    assertThat(sameCanonical.getDuplicateKind()).isEqualTo("url");
    assertThat(sameContent.getDuplicateOf()).isEqualTo(a.getId());
    assertThat(sameContent.getDuplicateKind()).isEqualTo("content");
  }

  @Test
  void theSamePageDeliveredAgainIsTheSameArticleNotADuplicate() {
    RawArticle first = normalizer.normalize(article("https://outlet-a.example/a?utm_source=rss", null, seed(1)), NOW);
    RawArticle again = normalizer.normalize(article("https://www.outlet-a.example/a", null, seed(1)), NOW);
    RawArticle updated = normalizer.normalize(article("https://outlet-a.example/a", null, seed(1) + "\nUpdate: talks resume on Friday."), NOW);

    assertThat(again.getId()).isEqualTo(first.getId());
    assertThat(again.getDuplicateOf()).isNull();
    assertThat(updated.getId()).isEqualTo(first.getId());
    assertThat(updated.getDuplicateOf()).isNull();
  }

  @Test
  void noSourceCanReplaceAnotherSourcesRecord() {
    String url = "https://outlet-a.example/world/talks";
    RawArticle fromFeed = normalizer.normalize(article(url, "Talks end", seed(1)), NOW);
    String forged = "Forged text a push client wants to put in the feed's place, long enough to count as an article.";
    RawArticle pushedSameUrl = normalizer.normalize(new IncomingArticle("push", "push:10.0.0.9", null, url, null, null, forged, null, false), NOW);
    RawArticle pushedSameId = normalizer.normalize(new IncomingArticle("push", "push:10.0.0.9", fromFeed.getId(), null, null, null,
        forged + " Again.", null, false), NOW);
    RawArticle droppedInFolder = normalizer.normalize(new IncomingArticle("folder", "/in/x.json", fromFeed.getId(), url, null, null,
        forged + " Once more.", null, false), NOW);
    RawArticle otherFeed = normalizer.normalize(new IncomingArticle("feed", "https://evil.example/rss", null, url, null, null,
        forged + " From a feed.", null, false), NOW);

    // every record has its own key: the feed's record stays the feed's
    assertThat(List.of(fromFeed.getId(), pushedSameUrl.getId(), pushedSameId.getId(), droppedInFolder.getId(), otherFeed.getId()))
        .doesNotHaveDuplicates();
    assertThat(pushedSameUrl.getDuplicateOf()).isEqualTo(fromFeed.getId()); // linked, not overwriting
    assertThat(pushedSameUrl.getDuplicateKind()).isEqualTo("url");
    assertThat(otherFeed.getDuplicateOf()).isEqualTo(fromFeed.getId());
    // the same source delivering again still updates its own record, with a deterministic id
    RawArticle feedAgain = normalizer.normalize(article(url + "?utm_source=rss", "Talks end", seed(1) + "\nUpdate: talks resume."), NOW);
    assertThat(feedAgain.getId()).isEqualTo(fromFeed.getId());
    assertThat(feedAgain.getDuplicateOf()).isNull();
    RawArticle pushedAgain = normalizer.normalize(new IncomingArticle("push", "push:10.0.0.7", fromFeed.getId(), null, null, null,
        forged + " Corrected.", null, false), NOW);
    assertThat(pushedAgain.getId()).isEqualTo(pushedSameId.getId());
    assertThat(new ArticleNormalizer(new TextCleaner(), new Deduplicator()).normalize(article(url, "Talks end", seed(1)), NOW).getId())
        .isEqualTo(fromFeed.getId());
  }

  @Test
  void oneLineArticlesSurviveWithTitleAndText() {
    RawArticle a = normalizer.normalize(new IncomingArticle("jsonl", "x:1", "h1", null, null,
        "Big Bank Hank, US rapper and Sugarhill Gang founder member, dies at 57",
        "Big Bank Hank, US rapper and Sugarhill Gang founder member, dies at 57", null, false), NOW);
    assertThat(a.getText()).isEqualTo("Big Bank Hank, US rapper and Sugarhill Gang founder member, dies at 57");
    RawArticle b = normalizer.normalize(IncomingArticle.plainText("jsonl", "x:2", "Posted in: Celebrity News Posted: December 3, 2014 Axl Rose Dead? ..."), NOW);
    assertThat(b.getText()).isEqualTo("Posted in: Celebrity News Posted: December 3, 2014 Axl Rose Dead? ...");
  }

  @Test
  void controlCharactersLeaveOneLineFieldsAndSeparateWordsInTheText() {
    // an outlet with a terminal escape sequence reached `local`'s summary on the operator's terminal as it came
    RawArticle a = normalizer.normalize(new IncomingArticle("push", "p", "c1", null, "Evil\u001b]0;owned\u0007 \u001b[2JNews\n",
        "Harbour \u001b[31mclosed", "Oslo harbour closed.\fPage two: the fleet waits\u000bat anchor.", null, false,
        "Jane\u0000 Doe\r\nX-Injected: yes", null, null), NOW);
    assertThat(a.getOutlet()).isEqualTo("Evil]0;owned [2JNews");
    assertThat(a.getTitle()).isEqualTo("Harbour [31mclosed");
    assertThat(a.getByline()).isEqualTo("Jane Doe X-Injected: yes");
    assertThat(a.getText()).isEqualTo("Oslo harbour closed.\nPage two: the fleet waits\nat anchor.");
    assertThat(normalizer.normalize(new IncomingArticle("push", "p", "c2", "https://news.example/a", "\u0007\u200b ", null,
        "Text of the second article.", null, false), NOW).getOutlet()).isEqualTo("news.example");
  }

  @Test
  void htmlIsExtractedWithItsMetadata() {
    String html = "<html lang='fr'><head><title>Titre | Site</title><link rel=canonical href='https://site.example/canon'>"
        + "<meta name=author content='Marie Curie'></head><body><nav>Menu Accueil</nav><article><p>Un paragraphe assez long pour compter, avec des virgules, et du texte.</p>"
        + "<p>Advertisement</p></article></body></html>";
    RawArticle a = normalizer.normalize(new IncomingArticle("push", "p", null, "https://site.example/page", null, null, html, null, true), NOW);
    assertThat(a.getTitle()).isEqualTo("Titre");
    assertThat(a.getText()).isEqualTo("Un paragraphe assez long pour compter, avec des virgules, et du texte.");
    assertThat(a.getByline()).isEqualTo("Marie Curie");
    assertThat(a.getLanguage()).isEqualTo("fr");
    assertThat(a.getCanonicalUrl()).isEqualTo("https://site.example/canon");
    assertThat(a.getOutlet()).isEqualTo("site.example");
  }

  @Test
  void emptyAndOversizedInputIsRejectedWithAReason() {
    assertThatThrownBy(() -> normalizer.normalize(IncomingArticle.plainText("push", "p", "  \n "), NOW))
        .isInstanceOf(RejectedInputException.class).hasMessageContaining("no text");
    assertThatThrownBy(() -> normalizer.normalize(IncomingArticle.plainText("push", "p", "x".repeat(ArticleNormalizer.MAX_INPUT_CHARS + 1)), NOW))
        .isInstanceOf(RejectedInputException.class).hasMessageContaining("exceeds the limit");
  }

  @Test
  void deliveredFieldsHaveLengthLimitsAndPageFieldsAreCut() {
    String text = seed(0);
    Map<String, IncomingArticle> tooLong = Map.of(
        "id of 257 characters", new IncomingArticle("push", "p", "i".repeat(257), null, null, null, text, null, false),
        "url of 4097 characters", new IncomingArticle("push", "p", null, "https://x.example/" + "u".repeat(4079), null, null, text, null, false),
        "title of 1001 characters", new IncomingArticle("push", "p", null, null, null, "t".repeat(1001), text, null, false),
        "byline of 501 characters", new IncomingArticle("push", "p", null, null, null, null, text, null, false, "b".repeat(501), null, null),
        "outlet of 201 characters", new IncomingArticle("push", "p", null, null, "o".repeat(201), null, text, null, false));
    tooLong.forEach((message, in) -> assertThatThrownBy(() -> normalizer.normalize(in, NOW)).as(message)
        .isInstanceOf(RejectedInputException.class).hasMessageStartingWith(message).hasMessageEndingWith("exceeds the limit of " + limitIn(message)));
    RawArticle ok = normalizer.normalize(new IncomingArticle("push", "p", "i".repeat(256), "https://x.example/" + "u".repeat(4078), null,
        "t".repeat(1000), text, null, false), NOW);
    assertThat(ok.getTitle()).hasSize(1000);

    String words = "A headline that goes on and on ".repeat(400);
    String html = "<html lang='" + "x".repeat(100) + "'><head><title>" + words + "</title><link rel=canonical href='https://s.example/"
        + "c".repeat(5000) + "'><meta name=author content='" + words + "'></head><body><article><p>" + text + "</p></article></body></html>";
    RawArticle page = normalizer.normalize(new IncomingArticle("push", "p", null, null, null, null, html, null, true), NOW);
    assertThat(page.getTitle()).hasSizeLessThanOrEqualTo(ArticleNormalizer.MAX_TITLE_CHARS).startsWith("A headline that goes on").endsWith(" A…");
    assertThat(page.getByline()).hasSizeLessThanOrEqualTo(ArticleNormalizer.MAX_BYLINE_CHARS);
    assertThat(page.getCanonicalUrl()).isNull(); // not a URL anyone would use
    assertThat(page.getLanguage()).isNull();
  }

  @Test
  void urlsAreHttpOrTheArticleIsRejectedAndAPagesOwnIsDropped() {
    // a "javascript:" url was published as given: the topics are read by dashboards other than ours
    String text = seed(0);
    for (String bad : List.of("javascript:alert(1)", "file:///etc/passwd", "/relative/path", "data:text/html,x")) {
      assertThatThrownBy(() -> normalizer.normalize(new IncomingArticle("push", "p", null, bad, null, null, text, null, false), NOW))
          .as(bad).isInstanceOf(RejectedInputException.class).hasMessageStartingWith("url must be an http(s) URL, not '")
          .extracting(e -> ((RejectedInputException) e).reason()).isEqualTo(IngestError.INVALID_URL);
    }
    assertThatThrownBy(() -> normalizer.normalize(new IncomingArticle("push", "p", null, null, null, null, text, null, false, null, null,
        "javascript:x"), NOW)).hasMessageStartingWith("canonical_url must be an http(s) URL");
    assertThat(normalizer.normalize(new IncomingArticle("push", "p", null, "HTTPS://X.example/a", null, null, text, null, false), NOW)
        .getUrl()).isEqualTo("HTTPS://X.example/a");
    String html = "<html><head><link rel=canonical href='javascript:alert(1)'></head><body><article><p>" + text + "</p></article></body></html>";
    assertThat(normalizer.normalize(new IncomingArticle("push", "p", null, null, null, null, html, null, true), NOW).getCanonicalUrl()).isNull();
  }

  /** The limit a "field of N characters" message names: N - 1. */
  private static int limitIn(String message) {
    return Integer.parseInt(message.replaceAll("\\D", "")) - 1;
  }

  @Test
  void errorMessagesQuoteHostileValuesShortly() {
    String huge = "9".repeat(1_000_000);
    assertThatThrownBy(() -> io.newsline.ingest.source.ArticleJson.parse("{\"text\": \"t\", \"published_at\": \"" + huge + "x\"}", "push", "p"))
        .isInstanceOf(RejectedInputException.class)
        .hasMessageStartingWith("published_at '999")
        .hasMessageContaining("…' (1000001 characters) is not an ISO-8601 time")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    assertThat(new RejectedInputException("x".repeat(50_000)).getMessage()).hasSizeLessThanOrEqualTo(Messages.MAX_MESSAGE_CHARS)
        .endsWith("(message of 50000 characters cut)");
  }

  @Test
  void aDateLaterThanIngestionPlusTheSkewIsUnknownAndKeptForInspection() {
    RawArticle future = normalizer.normalize(dated("f1", Instant.parse("3000-01-01T00:00:00Z")), NOW);
    assertThat(future.getPublishedAt()).isNull();
    assertThat(future.getPublishedAtUntrusted()).isEqualTo("3000-01-01T00:00:00Z");
    assertThat(future.getIngestedAt()).isEqualTo(NOW);

    RawArticle skewed = normalizer.normalize(dated("f2", NOW.plus(Duration.ofMinutes(59))), NOW);
    assertThat(skewed.getPublishedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(59)));
    assertThat(skewed.getPublishedAtUntrusted()).isNull();

    ArticleNormalizer strict = new ArticleNormalizer(new TextCleaner(), new Deduplicator(), Duration.ofMinutes(5));
    assertThat(strict.normalize(dated("f3", NOW.plus(Duration.ofMinutes(6))), NOW).getPublishedAt()).isNull();
  }

  @Test
  void aDateNoTimestampCanHoldIsUnknownInsteadOfFailingLater() {
    // before 1970 too: Kafka refuses negative record timestamps (aggregate dead-lettered "0000-12-31T23:59:59.999Z",
    // epoch milliseconds -62135596800001 from a push, with "Timestamp may not be negative")
    for (String text : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z", "1969-12-31T23:59:59Z")) {
      Instant parsed = Dates.parse(text);
      assertThat(parsed).as(text).isNotNull();
      RawArticle a = normalizer.normalize(dated("r" + text.charAt(0), parsed), NOW);
      assertThat(a.getPublishedAt()).as(text).isNull();
      assertThat(a.getPublishedAtUntrusted()).isEqualTo(parsed.toString());
    }
  }

  @Test
  void aTimeBefore1971IsAMissingDateNotThePublicationTime() {
    // "published_at": 0 was trusted as 1970-01-01, and epoch seconds given as milliseconds as January 1970
    for (Instant claimed : List.of(Instant.EPOCH, Instant.ofEpochMilli(1), Instant.ofEpochMilli(1_733_580_000L), Instant.parse("1970-12-31T23:59:59Z"))) {
      RawArticle a = normalizer.normalize(dated("e" + claimed.toEpochMilli(), claimed), NOW);
      assertThat(a.getPublishedAt()).as(claimed.toString()).isNull();
      assertThat(a.getPublishedAtUntrusted()).isEqualTo(claimed.toString());
    }
    Instant earliest = Instant.parse("1971-01-01T00:00:00Z");
    assertThat(normalizer.normalize(dated("e1971", earliest), NOW).getPublishedAt()).isEqualTo(earliest);
    assertThat(PublicationTime.check(Instant.EPOCH, NOW, Duration.ZERO)).isEqualTo(PublicationTime.Verdict.OUT_OF_RANGE);
  }

  @Test
  void anArticleWithoutAPublicationTimeKeepsItsDateLine() {
    String text = "Posted: May 24, 2005\nThe Philadelphia 76ers fired coach Jim O'Brien on Monday and named Maurice Cheeks.";
    RawArticle undated = normalizer.normalize(new IncomingArticle("push", "p", "u1", null, null, "Sixers fire O'Brien", text, null, false), NOW);
    assertThat(undated.getText()).startsWith("Posted: May 24, 2005\n");
    assertThat(undated.getPublishedAt()).isNull(); // evidence for enrich's anchors, not a time the clocks run on
    RawArticle dated = normalizer.normalize(new IncomingArticle("push", "p", "d1", null, null, "Sixers fire O'Brien", text,
        Instant.parse("2005-05-24T12:00:00Z"), false), NOW);
    assertThat(dated.getText()).doesNotContain("May 24, 2005");
  }

  private static IncomingArticle dated(String id, Instant publishedAt) {
    return new IncomingArticle("push", "p", id, null, null, "Title " + id,
        "A text long enough to be an article about " + id + ", with a few words more.", publishedAt, false);
  }

  static String seed(int i) {
    return new TextCleaner().clean(SampleArticles.load().get(i).text(), true).text();
  }

  static IncomingArticle article(String url, String title, String text) {
    return new IncomingArticle("feed", "https://feeds.example/rss", null, url, null, title, text, null, false);
  }

  /** Every 12th word changed, one paragraph dropped, sentences otherwise the same: a light rewrite. */
  static String lightlyRewritten(String text) {
    List<String> paragraphs = new ArrayList<>(List.of(text.split("\n")));
    paragraphs.remove(paragraphs.size() / 2);
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (String p : paragraphs) {
      for (String w : p.split(" ")) {
        out.append(++n % 12 == 0 ? "reportedly" : w).append(' ');
      }
      out.append('\n');
    }
    return out.toString().strip();
  }
}
