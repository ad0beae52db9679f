package io.newsline.query.model;

import io.newsline.common.WrittenForm;

/**
 * An entity as the read model knows it: one shared instance per entity id across all events, so
 * a hundred thousand events that mention Vladimir Putin hold one name, not a hundred thousand.
 */
public final class EntityRef {
  private final String id;
  private final String type;
  private volatile String name;
  /** Events whose top entities include this one; the index drops the entity when there are none. */
  final Postings events = new Postings();

  EntityRef(String id, String name, String type) {
    this.id = id;
    this.name = name;
    this.type = type;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  /** Keeps the form that shows the entity best, by the timelines' rule ({@link WrittenForm#showsBetter}). */
  void offerName(String candidate) {
    if (candidate != null && WrittenForm.showsBetter(candidate, name)) {
      name = candidate;
    }
  }

  /** People, organisations and places: what a reader scans a list of entities for. */
  public boolean named() {
    return !"MISC".equals(type);
  }
}
