package io.newsline.ingest.feed;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.StrictDecoding;
import io.newsline.ingest.fetch.Charsets;
import io.newsline.ingest.fetch.FetchException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where the invalid byte sequences of a feed decoded with {@link StrictDecoding#decodeMarking} are:
 * an item holding some (in its text or attributes) is left out and reported, the others are
 * ingested. Damage anywhere else (the feed's own title, link or language), or in more than half of
 * the items (a feed whose encoding is labelled wrongly, not a stray byte), fails the whole feed as
 * strict decoding would. Only UTF-8 is salvaged: its decoder resumes at the next byte that can
 * start a character and never takes an ASCII byte into an invalid sequence, so damage cannot eat
 * markup; in other multi-byte encodings it could shift what follows.
 */
final class FeedDamage {
  private final StrictDecoding.Marked decoded;
  private final String feedUrl;

  private FeedDamage(StrictDecoding.Marked decoded, String feedUrl) {
    this.decoded = decoded;
    this.feedUrl = feedUrl;
  }

  /** The feed's text, decoded; marked where bytes are invalid only when that can be salvaged (UTF-8). */
  static FeedDamage decode(byte[] body, Charset declared, String feedUrl) {
    if (!StrictDecoding.charsetOf(body, declared).equals(StandardCharsets.UTF_8)) {
      return new FeedDamage(new StrictDecoding.Marked(Charsets.decode(body, declared, feedUrl), '\uFDD0', 0, null), feedUrl);
    }
    FeedDamage d = new FeedDamage(StrictDecoding.decodeMarking(body, declared), feedUrl);
    if (d.text() == null) {
      throw d.failsTheFeed("");
    }
    return d;
  }

  String text() {
    return decoded.text();
  }

  boolean any() {
    return decoded.invalid() > 0;
  }

  /**
   * The item as parsed from its element, or, when the element holds invalid bytes, a copy saying
   * so, its fields with U+FFFD where those bytes were (for the dead letter: it is never ingested).
   */
  FeedItem of(XmlNode element, FeedItem item) {
    int n = any() ? element.count(decoded.mark()) : 0;
    if (n == 0) {
      return item;
    }
    String why = "content is " + decoded.first().getMessage().replaceFirst(" at offset \\d+$", "") + " in " + n
        + " place" + (n == 1 ? "" : "s") + " of the item; the feed's other items are ingested";
    return new FeedItem(shown(item.id()), shown(item.link()), shown(item.title()), shown(item.summary()), shown(item.content()),
        item.published(), shown(item.author()), item.categories().stream().map(this::shown).toList(), why);
  }

  private String shown(String field) {
    return field == null ? null : field.replace(decoded.mark(), '\uFFFD');
  }

  /** Fails the feed unless the damage lies inside at most half of the items. */
  void check(XmlNode root, List<XmlNode> items) {
    if (!any()) {
      return;
    }
    int inItems = 0;
    int damagedItems = 0;
    for (XmlNode i : items) {
      int n = i.count(decoded.mark());
      inItems += n;
      damagedItems += n > 0 ? 1 : 0;
    }
    if (root.count(decoded.mark()) > inItems) {
      throw failsTheFeed(" (outside its items)");
    }
    if (damagedItems * 2 > items.size()) {
      throw failsTheFeed(" (in " + damagedItems + " of " + items.size() + " items: is its encoding labelled wrongly?)");
    }
  }

  /** The strict decoding error for the whole feed. */
  FetchException failsTheFeed(String where) {
    return new FetchException(IngestError.BAD_ENCODING, feedUrl + ": content is " + decoded.first().getMessage() + where, decoded.first());
  }
}
