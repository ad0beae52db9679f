package io.newsline.enrich.quotes;

import io.newsline.enrich.model.Entity;

/** Who said it: an entity of the article, or only a description ("a senior official") when unresolved. */
record Speaker(Entity entity, String description) {
  static Speaker of(Entity e) {
    return new Speaker(e, e.name());
  }

  String id() {
    return entity == null ? null : entity.id();
  }

  String name() {
    return entity == null ? description : entity.name();
  }
}
