package io.newsline.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.ingest.testing.WebServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Feed items link to ever new hosts: what ingest remembers per host must stay bounded. */
class HostMemoryTest {
  @Test
  void theRateLimiterForgetsTheLeastRecentlyUsedHosts() {
    HostRateLimiter limiter = new HostRateLimiter(Duration.ofSeconds(1), 1000);
    long now = System.nanoTime();
    limiter.setInterval("http://slow.example", Duration.ofSeconds(10));
    limiter.reserve("http://slow.example", now);
    for (int i = 0; i < 50_000; i++) {
      limiter.reserve("http://host-" + i + ".example", now);
      if (i % 100 == 0) {
        limiter.reserve("http://busy.example", now); // used all along: kept
      }
    }
    assertThat(limiter.size()).isEqualTo(1000);
    // the busy host's slots were kept: its 500 requests wait their turn
    assertThat(limiter.reserve("http://busy.example", now)).isEqualTo(Duration.ofSeconds(500).toNanos());
    // a forgotten host starts afresh
    assertThat(limiter.reserve("http://host-0.example", now)).isZero();
  }

  @Test
  void theRobotsCacheHoldsAtMostMaxHostsAndABoundedAmountOfRules() throws Exception {
    try (WebServer web = new WebServer("0.0.0.0")) {
      StringBuilder many = new StringBuilder("User-agent: *\n");
      for (int i = 0; i < 2000; i++) {
        many.append("Disallow: /private/").append(i).append("/*.pdf$\n");
      }
      web.text("/robots.txt", 200, "text/plain", many.toString());
      FetchSettings settings = FetchSettings.defaults().withHostInterval(Duration.ofMillis(1)).withMaxHosts(3).withAllowPrivateNetworks(true);
      HostRateLimiter limiter = new HostRateLimiter(settings.hostInterval(), settings.maxHosts());
      try (HttpFetcher http = new HttpFetcher(settings, limiter)) {
        RobotsCache cache = new RobotsCache(http, limiter, settings, Clock.systemUTC());
        for (int host = 1; host <= 6; host++) {
          assertThat(cache.allows(URI.create(web.url("/private/7/x.pdf").replace("127.0.0.1", "127.0.0." + host)))).isFalse();
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(limiter.size()).isLessThanOrEqualTo(3);
        long fetched = web.requests("/robots.txt").size();
        assertThat(fetched).isEqualTo(6);
        cache.allows(URI.create(web.url("/a").replace("127.0.0.1", "127.0.0.6"))); // cached
        cache.allows(URI.create(web.url("/a").replace("127.0.0.1", "127.0.0.1"))); // forgotten: fetched again
        assertThat(web.requests("/robots.txt")).hasSize(7);

        // by size: one host's rules fill what the cache may hold, so the others go
        long oneHost = RobotsTxt.parse(many.toString(), "newsline").ruleChars();
        RobotsCache small = new RobotsCache(http, limiter, settings.withMaxHosts(100), Clock.systemUTC(), oneHost + 10);
        for (int host = 1; host <= 4; host++) {
          small.allows(URI.create(web.url("/a").replace("127.0.0.1", "127.0.0." + host)));
        }
        assertThat(small.size()).isEqualTo(1);
      }
    }
  }
}
