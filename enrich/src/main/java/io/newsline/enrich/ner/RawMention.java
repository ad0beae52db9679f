package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;

/**
 * A tagged name before grouping: where it is, its words and type, whether it sits in the
 * article's lead (first sentences), which raises salience, its folded key
 * ({@link KnownEntities#key}), computed once, whether its line decides its type (ownType: a
 * fixture line's home city is a place where the article's vote makes the same name a club,
 * {@link FixtureLines}), and the type it votes for in the article's type if it keeps its own
 * (vote: a dateline's city votes as the tagger read it, {@link Datelines}; null: no vote).
 */
record RawMention(Field field, int start, int end, String text, EntityType type, boolean lead, String key,
    boolean ownType, EntityType vote) {
  static RawMention of(Field field, int start, int end, String text, EntityType type, boolean lead) {
    return new RawMention(field, start, end, text, type, lead, KnownEntities.key(text), false, null);
  }

  RawMention withType(EntityType t) {
    return new RawMention(field, start, end, text, t, lead, key, ownType, vote);
  }

  /** The same mention, its type no longer subject to the article's one type per name, nor voting. */
  RawMention withOwnType() {
    return new RawMention(field, start, end, text, type, lead, key, true, null);
  }

  /** The same mention as a place whatever the article's vote, voting in it as it was tagged. */
  RawMention asPlaceVotingAsTagged() {
    return new RawMention(field, start, end, text, EntityType.LOCATION, lead, key, true, type);
  }
}
