package io.newsline.enrich.model;

import java.util.List;

/**
 * One canonical entity of an article with every mention of it.
 *
 * @param id canonical id, stable across articles (e.g. per:vladimir_putin)
 * @param name display name
 * @param type entity type
 * @param salience importance in this article, 0..1
 * @param stance how the article portrays it
 * @param mentions mentions in document order, title first
 */
public record Entity(
    String id, String name, EntityType type, double salience, Stance stance, List<Mention> mentions) {
  public Entity {
    mentions = List.copyOf(mentions);
  }

  public Entity withStance(Stance s) {
    return new Entity(id, name, type, salience, s, mentions);
  }
}
