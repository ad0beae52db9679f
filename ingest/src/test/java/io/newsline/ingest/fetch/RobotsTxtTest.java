package io.newsline.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsTxtTest {
  @Test
  void ourGroupWinsOverTheStarGroup() {
    RobotsTxt r = RobotsTxt.parse("User-agent: *\nDisallow: /\n\nUser-agent: Newsline\nDisallow: /private\nAllow: /private/press$\nCrawl-delay: 2.5\n", "newsline");
    assertThat(r.allows("/news/1")).isTrue();
    assertThat(r.allows("/private/x")).isFalse();
    assertThat(r.allows("/private/press")).isTrue();
    assertThat(r.allows("/private/press/2")).isFalse();
    assertThat(r.crawlDelay()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void starGroupWildcardsAndLongestMatch() {
    RobotsTxt r = RobotsTxt.parse("# comment\nuser-agent: otherbot\ndisallow: /\n\nuser-agent: *\ndisallow: /*.pdf$\ndisallow: /search\nallow: /search/about\ndisallow:\n", "newsline");
    assertThat(r.allows("/files/report.pdf")).isFalse();
    assertThat(r.allows("/files/report.pdf?x=1")).isTrue();
    assertThat(r.allows("/search?q=putin")).isFalse();
    assertThat(r.allows("/search/about")).isTrue();
    assertThat(r.allows("/")).isTrue();
  }

  @Test
  void sharedGroupsAndEmptyFiles() {
    RobotsTxt r = RobotsTxt.parse("User-agent: a\nUser-agent: newsline\nDisallow: /x\n", "newsline");
    assertThat(r.allows("/x/1")).isFalse();
    assertThat(RobotsTxt.parse("", "newsline").allows("/anything")).isTrue();
    assertThat(RobotsTxt.DISALLOW_ALL.allows("/")).isFalse();
  }
}
