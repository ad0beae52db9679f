package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;

/**
 * A tagged name before grouping: where it is, its words and type, whether it sits in the
 * article's lead (first sentences), which raises salience, its folded key
 * ({@link KnownEntities#key}), computed once, and whether its line decides its type (ownType: a
 * fixture line's home city is a place where the article's vote makes the same name a club,
 * {@link FixtureLines}).
 */
record RawMention(Field field, int start, int end, String text, EntityType type, boolean lead, String key,
    boolean ownType) {
  static RawMention of(Field field, int start, int end, String text, EntityType type, boolean lead) {
    return new RawMention(field, start, end, text, type, lead, KnownEntities.key(text), false);
  }

  RawMention withType(EntityType t) {
    return new RawMention(field, start, end, text, t, lead, key, ownType);
  }

  /** The same mention, its type no longer subject to the article's one type per name. */
  RawMention withOwnType() {
    return new RawMention(field, start, end, text, type, lead, key, true);
  }
}
