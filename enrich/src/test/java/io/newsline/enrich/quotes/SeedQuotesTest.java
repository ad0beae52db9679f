package io.newsline.enrich.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Enrichment;
import io.newsline.enrich.model.Quote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed articles (samples/ in the repository) through the standard enricher: every Ushakov quote is his. */
class SeedQuotesTest {
  private static final ArticleEnricher ENRICHER = ArticleEnricher.standard();

  static ArticleText seed(String file) throws Exception {
    Path p = Path.of("..", "samples", file);
    return new ArticleText(file, null, Files.readString(p, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({"000_93e2f5933bb9bd7a.txt", "001_cb1fa8be2dc17cc6.txt", "002_575c2dfdbaa0aade.txt",
      "003_41707d50bf3e4a01.txt", "004_57f2b996d73bbde7.txt"})
  void printsQuotes(String file) throws Exception {
    ArticleText a = seed(file);
    Enrichment e = ENRICHER.enrich(a);
    System.out.println("== " + file);
    for (Quote q : e.quotes()) {
      System.out.println(q.speakerId() + " | " + q.speaker() + " | " + q.text());
      assertThat(a.text().substring(q.start(), q.end())).isEqualTo(q.text());
    }
  }
}
