package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;

/**
 * A tagged name before grouping: where it is, its words and type, and whether it sits in the
 * article's lead (first sentences), which raises salience.
 */
record RawMention(Field field, int start, int end, String text, EntityType type, boolean lead) {
  RawMention withType(EntityType t) {
    return new RawMention(field, start, end, text, t, lead);
  }
}
