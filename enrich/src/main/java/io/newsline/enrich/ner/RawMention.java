package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;

/**
 * A tagged name before grouping: where it is, its words and type, whether it sits in the
 * article's lead (first sentences), which raises salience, and its folded key
 * ({@link KnownEntities#key}), computed once.
 */
record RawMention(Field field, int start, int end, String text, EntityType type, boolean lead, String key) {
  static RawMention of(Field field, int start, int end, String text, EntityType type, boolean lead) {
    return new RawMention(field, start, end, text, type, lead, KnownEntities.key(text));
  }

  RawMention withType(EntityType t) {
    return new RawMention(field, start, end, text, t, lead, key);
  }
}
