package io.newsline.ingest.feed;

import java.time.Instant;
import java.util.List;

/**
 * One feed item, format-neutral. {@code summary} and {@code content} are HTML (or plain text)
 * as the feed carries them; either may be null.
 *
 * @param id guid, Atom id or rdf:about; the link when the feed gives none
 * @param content the full text when the feed carries it (content:encoded, Atom content)
 * @param summary description or Atom summary
 * @param damage why the item is not to be ingested (bytes not valid in the feed's encoding), or null;
 *     its fields then carry U+FFFD where those bytes were, for the dead letter
 */
public record FeedItem(
    String id,
    String link,
    String title,
    String summary,
    String content,
    Instant published,
    String author,
    List<String> categories,
    String damage) {}
