package io.newsline.ingest.feed;

import java.util.List;

/** A parsed feed: its format (rss2, rss1 or atom), title, site link and items in feed order. */
public record Feed(String format, String title, String link, String language, List<FeedItem> items) {}
