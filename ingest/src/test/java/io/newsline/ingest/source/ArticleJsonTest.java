package io.newsline.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.RejectedInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleJsonTest {
  private static IncomingArticle parse(String json) {
    return ArticleJson.parse(json, "push", "test");
  }

  @Test
  void readsEveryFieldOfAWellFormedArticle() {
    IncomingArticle a = parse("{\"id\": \"a-1\", \"title\": \"Talks end\", \"text\": \"Talks ended.\", \"url\": \"https://x.example/a\","
        + " \"outlet\": \"X\", \"published_at\": \"2025-12-03T08:00:00Z\", \"byline\": \"A. Writer\", \"language\": \"en\"}");
    assertThat(a.id()).isEqualTo("a-1");
    assertThat(a.title()).isEqualTo("Talks end");
    assertThat(a.text()).isEqualTo("Talks ended.");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2025-12-03T08:00:00Z"));
  }

  @Test
  void aHeadlineFieldIsTheTitleNotAnUnknownFieldDropped() {
    assertThat(parse("{\"headline\": \"Quake hits Chile\", \"text\": \"A quake.\"}").title()).isEqualTo("Quake hits Chile");
    assertThat(parse("{\"title\": \"Same\", \"headline\": \"Same\", \"text\": \"A quake.\"}").title()).isEqualTo("Same");
    assertThatThrownBy(() -> parse("{\"title\": \"One\", \"headline\": \"Other\", \"text\": \"A quake.\"}"))
        .isInstanceOf(RejectedInputException.class)
        .hasMessageContaining("\"title\" and \"headline\" name the same field");
  }

  @Test
  void aFieldThatIsNotAStringIsRefusedNotTurnedIntoText() {
    assertThatThrownBy(() -> parse("{\"title\": 12, \"text\": \"Some text.\"}"))
        .isInstanceOf(RejectedInputException.class)
        .hasMessage("\"title\" must be a string, not a number");
    assertThatThrownBy(() -> parse("{\"text\": true}")).hasMessage("\"text\" must be a string, not a boolean");
    assertThatThrownBy(() -> parse("{\"text\": \"t\", \"url\": {\"href\": \"x\"}}")).hasMessage("\"url\" must be a string, not an object");
    assertThatThrownBy(() -> parse("{\"text\": [\"a\", \"b\"]}")).hasMessage("\"text\" must be a string, not an array");
  }

  @Test
  void anUnpairedSurrogateEscapeIsRefusedNotPublishedAsAQuestionMark() {
    assertThatThrownBy(() -> parse("{\"text\": \"a \\ud800 b\"}"))
        .isInstanceOf(RejectedInputException.class)
        .hasMessage("\"text\" has an unpaired surrogate (\\ud800 escape) at character 2: not Unicode text");
    assertThatThrownBy(() -> parse("{\"text\": \"ok\", \"title\": \"\\udc00\"}")).hasMessageStartingWith("\"title\" has an unpaired surrogate");
    assertThat(parse("{\"text\": \"smile \\ud83d\\ude00\"}").text()).isEqualTo("smile \uD83D\uDE00");
  }

  @Test
  void aWholeNumberIdAndEpochMillisecondsAreAccepted() {
    IncomingArticle a = parse("{\"id\": 12345, \"text\": \"t\", \"published_at\": 1764748800000}");
    assertThat(a.id()).isEqualTo("12345");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2025-12-03T08:00:00Z"));
    assertThat(parse("{\"id\": null, \"title\": null, \"text\": \"t\", \"published_at\": null}").id()).isNull();
  }

  @Test
  void aPublishedAtThatIsNeitherTextNorWholeMillisecondsIsRefusedNotIgnored() {
    assertThatThrownBy(() -> parse("{\"text\": \"t\", \"published_at\": {\"y\": 2025}}"))
        .hasMessage("published_at must be ISO-8601 text or epoch milliseconds, not an object");
    assertThatThrownBy(() -> parse("{\"text\": \"t\", \"published_at\": 1764748800.5}"))
        .hasMessage("published_at must be ISO-8601 text or epoch milliseconds, not a fractional number");
    // 2^64 + 1733580000000 kept its low 64 bits: published as 2024-12-07 without a word
    assertThatThrownBy(() -> parse("{\"text\": \"t\", \"published_at\": 18446745807289551616}"))
        .isInstanceOf(RejectedInputException.class)
        .hasMessage("published_at '18446745807289551616' is not epoch milliseconds: beyond 64 bits");
  }

  @Test
  void aFieldGivenTwiceIsBadJsonRatherThanTheLastOneWinning() {
    assertThatThrownBy(() -> parse("{\"title\": \"A\", \"title\": \"B\", \"text\": \"t\"}"))
        .isInstanceOf(RejectedInputException.class)
        .satisfies(e -> assertThat(((RejectedInputException) e).reason()).isEqualTo(IngestError.BAD_JSON))
        .hasMessageContaining("Duplicate field 'title'");
  }
}
