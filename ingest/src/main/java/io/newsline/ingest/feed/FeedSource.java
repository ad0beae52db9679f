package io.newsline.ingest.feed;

import java.time.Duration;

/**
 * A feed to poll: its URL, how often, and when to fetch the article pages of its items.
 *
 * @param pages AUTO fetches the page when an item carries only a summary; ALWAYS for every item;
 *     NEVER ingests what the feed carries
 */
public record FeedSource(String url, Duration interval, PageMode pages) {
  public enum PageMode {
    AUTO,
    ALWAYS,
    NEVER
  }
}
