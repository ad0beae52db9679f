package io.newsline.ingest.html;

import java.time.Instant;

/** What a page says about itself in its head and JSON-LD; any field may be null. */
public record PageMetadata(
    String title,
    String byline,
    Instant publishedAt,
    String canonicalUrl,
    String language,
    String siteName) {}
