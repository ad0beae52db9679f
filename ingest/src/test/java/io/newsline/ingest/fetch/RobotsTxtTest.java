package io.newsline.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

  @Test
  void wildcardsMatchInLinearTimeHoweverHostileThePattern() {
    // the old backtracking matcher took seconds for 6 stars on a 60-character path, over a minute for 8
    String path = "/" + "a".repeat(60);
    String eightStars = "/*a*a*a*a*a*a*a*a*b";
    String manyStars = "/" + "*a".repeat(200) + "*b";
    RobotsTxt r = RobotsTxt.parse("User-agent: *\nDisallow: " + eightStars + "\nDisallow: " + manyStars + "\n", "newsline");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertThat(r.allows(path)).isTrue();
      assertThat(r.allows("/" + "a".repeat(5000))).isTrue();
      assertThat(r.allows(path + "b")).isFalse();
    });
  }

  @Test
  void wildcardSemanticsAreKept() {
    assertThat(RobotsTxt.matches("/a*b*c", "/axxbyyc")).isTrue();
    assertThat(RobotsTxt.matches("/a*b*c", "/axxbyy")).isFalse();
    assertThat(RobotsTxt.matches("/a*b*c$", "/abcbc")).isTrue();
    assertThat(RobotsTxt.matches("/a*b*c$", "/abcbcd")).isFalse();
    assertThat(RobotsTxt.matches("/*.php$", "/x.php")).isTrue();
    assertThat(RobotsTxt.matches("/*.php$", "/x.php5")).isFalse();
    assertThat(RobotsTxt.matches("/*.php$", "/.php")).isTrue();
    assertThat(RobotsTxt.matches("/**", "/")).isTrue();
    assertThat(RobotsTxt.matches("*", "/anything")).isTrue();
    assertThat(RobotsTxt.matches("/fish*", "/fish")).isTrue();
    assertThat(RobotsTxt.matches("/fish$", "/fish")).isTrue();
    assertThat(RobotsTxt.matches("/fish$", "/fish/")).isFalse();
    assertThat(RobotsTxt.matches("/aab", "/aaab")).isFalse();
    assertThat(RobotsTxt.matches("/*aab", "/aaab")).isTrue();
    assertThat(RobotsTxt.matches("/*abab$", "/ababab")).isTrue();
    assertThat(RobotsTxt.matches("/*ab*ab$", "/abab")).isTrue();
    assertThat(RobotsTxt.matches("/*ab*ab$", "/aba")).isFalse();
    assertThat(RobotsTxt.matches("/a$*", "/a$x")).isTrue(); // $ in the middle is a literal
  }

  @Test
  void overLongPatternsAreCappedWithoutWideningWhatIsAllowed() {
    String longPath = "/" + "x".repeat(RobotsTxt.MAX_PATTERN_CHARS + 100);
    RobotsTxt r = RobotsTxt.parse("User-agent: *\nDisallow: " + longPath + "\nAllow: /y" + "y".repeat(RobotsTxt.MAX_PATTERN_CHARS) + "\nDisallow: /y\n", "newsline");
    // the disallow rule is cut to its first MAX_PATTERN_CHARS characters: it disallows a little more
    assertThat(r.allows(longPath)).isFalse();
    assertThat(r.allows("/" + "x".repeat(RobotsTxt.MAX_PATTERN_CHARS))).isFalse();
    // the over-long allow rule is dropped: it cannot allow more than was meant
    assertThat(r.allows("/" + "y".repeat(RobotsTxt.MAX_PATTERN_CHARS + 2))).isFalse();
  }
}
