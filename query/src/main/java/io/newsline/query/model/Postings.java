package io.newsline.query.model;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The events that carry an entity, an outlet or a word: an unordered array of summaries (four bytes
 * an entry), so a filter reads only its candidates instead of scanning every event. Removal swaps
 * in the last entry; readers sort what they need.
 */
final class Postings {
  private static final EventSummary[] EMPTY = new EventSummary[0];
  private EventSummary[] items = EMPTY;
  private int size;

  void add(EventSummary s) {
    if (size == items.length) {
      items = Arrays.copyOf(items, Math.max(2, size + (size >> 1) + 1));
    }
    items[size++] = s;
  }

  void remove(EventSummary s) {
    for (int i = size - 1; i >= 0; i--) {
      if (items[i] == s) {
        items[i] = items[--size];
        items[size] = null;
        if (size < items.length / 4) {
          items = Arrays.copyOf(items, Math.max(size * 2, 2));
        }
        return;
      }
    }
  }

  int size() {
    return size;
  }

  void forEach(Consumer<EventSummary> c) {
    for (int i = 0; i < size; i++) {
      c.accept(items[i]);
    }
  }
}
