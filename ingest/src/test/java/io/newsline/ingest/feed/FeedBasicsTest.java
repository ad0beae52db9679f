package io.newsline.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Settings;
import io.newsline.ingest.Dates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedBasicsTest {
  @Test
  void aCommaInsideAFeedUrlStaysInIt() {
    // local --feed A --feed B gives ingest.feeds "A,B": a URL with a comma in its query was cut in two
    String list = String.join(",", "https://a.example/rss?tags=ukraine,energy", "https://b.example/feed", "HTTP://c.example/x?ids=1,2,");
    assertThat(FeedSources.from(Settings.of(Map.of("ingest.feeds", list)))).extracting(FeedSource::url)
        .containsExactly("https://a.example/rss?tags=ukraine,energy", "https://b.example/feed", "HTTP://c.example/x?ids=1,2");
    assertThat(FeedSources.split(" https://a.example/rss, https://b.example/f?x=1,2 ,https://c.example/ "))
        .containsExactly("https://a.example/rss", "https://b.example/f?x=1,2", "https://c.example/");
  }

  @Test
  void feedListFromSettingsAndFile() {
    List<FeedSource> f = FeedSources.parse(List.of("# feeds", "https://a.example/rss 5m", "https://b.example/atom pages=never 1h", ""),
        Duration.ofMinutes(15), FeedSource.PageMode.AUTO, "feeds.txt");
    assertThat(f).containsExactly(
        new FeedSource("https://a.example/rss", Duration.ofMinutes(5), FeedSource.PageMode.AUTO),
        new FeedSource("https://b.example/atom", Duration.ofHours(1), FeedSource.PageMode.NEVER));
    List<FeedSource> s = FeedSources.from(Settings.of(Map.of("ingest.feeds", "https://a.example/rss, https://c.example/x", "ingest.feeds.interval", "2m")));
    assertThat(s).extracting(FeedSource::interval).containsOnly(Duration.ofMinutes(2));
    assertThatThrownBy(() -> FeedSources.from(Settings.of(Map.of("ingest.feeds", "file:///etc/passwd"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not an http(s) feed URL");
    assertThatThrownBy(() -> FeedSources.parse(List.of("https://a.example/rss sometimes"), Duration.ofMinutes(1), FeedSource.PageMode.AUTO, "f"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("f:1");
  }

  @Test
  void backoffGrowsWithJitterAndHonoursRetryAfter() {
    Backoff b = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(3));
    for (int errors = 1; errors <= 10; errors++) {
      long full = Math.min(60L << (errors - 1), 3600);
      Duration d = b.delay(errors, null);
      assertThat(d.toSeconds()).isBetween(full / 2, full);
    }
    assertThat(b.delay(1, Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(20));
    assertThat(b.delay(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void stateSurvivesItsJsonAndKeepsABoundedWindow() {
    FeedState s = FeedState.initial("https://a.example/rss");
    java.util.LinkedHashMap<String, String> seen = new java.util.LinkedHashMap<>();
    for (int i = 0; i < FeedState.SEEN_WINDOW + 10; i++) {
      seen.put("k" + i, "f" + i);
    }
    Instant now = Instant.parse("2025-12-03T10:00:00Z");
    FeedState next = s.succeeded("\"e\"", "Wed, 03 Dec 2025 10:00:00 GMT", seen, java.util.Set.of(), now, now.plusSeconds(60)).failed("boom", now, now.plusSeconds(120));
    assertThat(next.seen()).hasSize(FeedState.SEEN_WINDOW).doesNotContainKey("k0").containsKey("k2009");
    assertThat(FeedState.fromJson(next.toJson())).isEqualTo(next);
    assertThat(next.isNewOrChanged("k2009", "f2009")).isFalse();
    assertThat(next.isNewOrChanged("k2009", "changed")).isTrue();
  }

  @Test
  void feedDates() {
    assertThat(Dates.parse("Wed, 03 Dec 2025 08:15:00 GMT")).isEqualTo(Instant.parse("2025-12-03T08:15:00Z"));
    assertThat(Dates.parse("3 Dec 2025 08:15 +0100")).isEqualTo(Instant.parse("2025-12-03T07:15:00Z"));
    assertThat(Dates.parse("Wed, 03 Dec 25 08:15:00 PST")).isEqualTo(Instant.parse("2025-12-03T16:15:00Z"));
    assertThat(Dates.parse("2025-12-03T08:15:00.000+0000")).isEqualTo(Instant.parse("2025-12-03T08:15:00Z"));
    assertThat(Dates.parse("2025-12-03")).isEqualTo(Instant.parse("2025-12-03T00:00:00Z"));
    assertThat(Dates.parse("yesterday")).isNull();
  }

  @Test
  void aMalformedTimeOrZoneIsAnUnknownDateNotMidnightOrAnotherDay() {
    assertThat(Dates.parse("2026-12-07T10:00:00+25:00")).isNull();
    assertThat(Dates.parse("2026-12-07T25:00:00Z")).isNull();
    assertThat(Dates.parse("2026-12-07T10:00:00 nonsense")).isNull();
    assertThat(Dates.parse("2026-12-07T")).isNull();
    assertThat(Dates.parse("2026-12-07 24:00:00")).isNull();
    assertThat(Dates.parse("2026-02-31 10:00:00")).isNull();
    assertThat(Dates.parse("Mon, 07 Dec 2026 10:00:00 +2500")).isNull();
    assertThat(Dates.parse("Mon, 07 Dec 2026 10:00:00 XYZ")).isNull();
    assertThat(Dates.parse("Mon, 07 Dec 2026 24:00:00 GMT")).isNull();
    assertThat(Dates.parse("31 Feb 2026 10:00:00 GMT")).isNull();
    assertThat(Dates.parse("2026-12-07T10:00:60Z")).isNull();
  }

  @Test
  void validNeighboursStillParse() {
    assertThat(Dates.parse("2026-12-07")).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(Dates.parse("2026-12-07T10:00:00+05")).isEqualTo(Instant.parse("2026-12-07T05:00:00Z"));
    assertThat(Dates.parse("2026-12-07T10:00:00+14:00")).isEqualTo(Instant.parse("2026-12-06T20:00:00Z"));
    assertThat(Dates.parse("2026-12-07T10:00:00+01:00[Europe/Paris]")).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
    assertThat(Dates.parse("2026-12-07T10:00")).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(Dates.parse("2026-12-07 23:59:59")).isEqualTo(Instant.parse("2026-12-07T23:59:59Z"));
    assertThat(Dates.parse("2024-02-29 10:00")).isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
    assertThat(Dates.parse("Mon, 07 Dec 2026 10:00:00 -1200")).isEqualTo(Instant.parse("2026-12-07T22:00:00Z"));
  }
}
