package io.newsline.query.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of a list ended: the last entry's (last_updated, event id), opaque to clients. Keyset
 * paging: an event updated while a client pages moves to the front and is not returned twice.
 */
public record Cursor(long lastUpdated, String eventId) {
  static final int MAX_LENGTH = 512;

  public static Cursor after(EventSummary s) {
    return new Cursor(s.lastUpdated, s.id);
  }

  /** IllegalArgumentException when the text is not a cursor this service wrote. */
  public static Cursor parse(String text) {
    try {
      if (text.length() > MAX_LENGTH) {
        throw new IllegalArgumentException();
      }
      String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int cut = s.indexOf(':');
      if (cut < 1 || cut == s.length() - 1) {
        throw new IllegalArgumentException();
      }
      return new Cursor(Long.parseLong(s.substring(0, cut)), s.substring(cut + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a cursor from this API: pass the \"next\" value of the previous page");
    }
  }

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((lastUpdated + ":" + eventId).getBytes(StandardCharsets.UTF_8));
  }

  EventSummary probe() {
    return EventSummary.probe(lastUpdated, eventId);
  }
}
