package io.newsline.enrich.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Quote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The five seed articles (samples/ in the repository) through {@link ArticleEnricher#standard()}:
 * every direct quote of Yuri Ushakov, full or partial, is attributed to his canonical id, and the
 * quotes next to his are not.
 */
class SeedQuotesTest {
  static final String USHAKOV = "per:yuri_ushakov";
  private static final ArticleEnricher ENRICHER = ArticleEnricher.standard();

  /** Every quoted passage of Ushakov per seed, as extracted (no quotation marks, no trailing comma). */
  static final Map<String, List<String>> USHAKOV_QUOTES = Map.of(
      "000_93e2f5933bb9bd7a.txt", List.of(),
      "001_cb1fa8be2dc17cc6.txt", List.of("useful, constructive", "a compromise option was not found.",
          "more or less acceptable", "don't work for us.", "work will continue"),
      "002_575c2dfdbaa0aade.txt", List.of(
          "We have not come up with a compromise version yet. A lot of work lies ahead"),
      "003_41707d50bf3e4a01.txt", List.of("formulations unsuitable for Russia",
          "compromises have not yet been found", "territorial problem", "more or less acceptable",
          "detailed and sustained work."),
      "004_57f2b996d73bbde7.txt", List.of("acceptable"));

  static List<Quote> quotes(String file) throws Exception {
    String text = Files.readString(Path.of("..", "samples", file), StandardCharsets.UTF_8);
    ArticleText a = new ArticleText(file, null, text);
    List<Quote> quotes = ENRICHER.enrich(a).quotes();
    for (Quote q : quotes) {
      assertThat(a.text().substring(q.start(), q.end())).isEqualTo(q.text());
    }
    return quotes;
  }

  @Test
  void everyUshakovQuoteIsHisInEverySeed() throws Exception {
    for (Map.Entry<String, List<String>> seed : USHAKOV_QUOTES.entrySet()) {
      List<Quote> quotes = quotes(seed.getKey());
      List<String> his = quotes.stream().filter(q -> USHAKOV.equals(q.speakerId())).map(Quote::text).toList();
      assertThat(his).as(seed.getKey()).containsExactlyInAnyOrderElementsOf(seed.getValue());
    }
  }

  @Test
  void neighbouringQuotesGoToTheirOwnSpeakers() throws Exception {
    // endsWith: attribution is what is tested here, not the NER's exact span of the name
    assertThat(speakerOf("004_57f2b996d73bbde7.txt", "productive")).endsWith("kirill_dmitriev");
    assertThat(speakerOf("001_cb1fa8be2dc17cc6.txt", "productive")).endsWith("kirill_dmitriev");
    assertThat(speakerOf("002_575c2dfdbaa0aade.txt", "Putin can end this war on the Russian side."))
        .isNotEqualTo(USHAKOV).isNotNull();
  }

  private static String speakerOf(String file, String text) throws Exception {
    return quotes(file).stream().filter(q -> q.text().equals(text)).findFirst().orElseThrow().speakerId();
  }
}
