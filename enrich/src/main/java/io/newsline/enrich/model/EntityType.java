package io.newsline.enrich.model;

/** Named-entity types, as written on the wire. */
public enum EntityType {
  PERSON,
  ORGANIZATION,
  LOCATION,
  MISC
}
