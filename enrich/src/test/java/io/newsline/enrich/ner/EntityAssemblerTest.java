package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping of tagged mentions, given the tagger's labels (so a tagger's slip can be written down). */
class EntityAssemblerTest {
  private static RawMention m(int at, String text, EntityType type) {
    return RawMention.of(Field.TEXT, at, at + text.length(), text, type, false);
  }

  @Test
  void aNameWrittenInCapitalsAndInRunningTextIsNamedAsInRunningText() {
    List<Entity> es = EntityAssembler.assemble(List.of(
        m(0, "SANTIAGO", EntityType.LOCATION),
        m(40, "SANTIAGO", EntityType.LOCATION),
        m(90, "Santiago", EntityType.LOCATION),
        m(120, "NATO", EntityType.ORGANIZATION)), Map.of());
    assertThat(es).extracting(Entity::name).containsExactlyInAnyOrder("Santiago", "NATO");
  }

  @Test
  void aCompanyWrittenWithoutItsLegalFormIsThatCompanyWhateverTheTaggerMadeOfIt() {
    List<Entity> es = EntityAssembler.assemble(List.of(
        m(0, "KEKKILA", EntityType.PERSON),
        m(20, "Kekkila Oy", EntityType.ORGANIZATION),
        m(60, "Kekkila", EntityType.PERSON),
        m(90, "Kekkila", EntityType.PERSON),
        m(120, "Cargill Inc", EntityType.ORGANIZATION),
        m(150, "Cargill", EntityType.LOCATION),
        m(180, "Arthur Yates", EntityType.PERSON),
        m(200, "Arthur Yates and Co", EntityType.ORGANIZATION),
        m(240, "Johnson Controls Inc", EntityType.ORGANIZATION),
        m(280, "Johnson Controls", EntityType.LOCATION)));
    assertThat(es).extracting(Entity::type).containsOnly(EntityType.ORGANIZATION);
    // One word joins its company; a name of several words is typed so but keeps an id of its own.
    assertThat(es).hasSize(6);
  }

  @Test
  void aLongerNameThatIsMoreThanALegalFormLeavesTheWordAlone() {
    List<Entity> es = EntityAssembler.assemble(List.of(
        m(0, "Pakistan Muslim League", EntityType.ORGANIZATION),
        m(40, "Pakistan", EntityType.LOCATION),
        m(60, "Ford Motor Co", EntityType.ORGANIZATION),
        m(80, "Gerald Ford", EntityType.PERSON),
        m(100, "Ford", EntityType.PERSON)));
    assertThat(es).extracting(Entity::id).contains("loc:pakistan", "per:ford");
  }

  @Test
  void aMentionWhoseLineDecidesItsTypeKeepsItWhateverTheArticleVotes() {
    List<Entity> es = EntityAssembler.assemble(List.of(
        m(0, "DETROIT", EntityType.ORGANIZATION),
        m(20, "DETROIT", EntityType.ORGANIZATION),
        m(40, "DETROIT", EntityType.LOCATION).withOwnType(),
        m(60, "Detroit", EntityType.LOCATION)));
    assertThat(es).extracting(Entity::id).containsExactlyInAnyOrder("org:detroit", "loc:detroit");
    assertThat(es).filteredOn(e -> e.id().equals("loc:detroit")).flatExtracting(Entity::mentions).hasSize(1);
  }

  @Test
  void aDatelinesCityStaysAPlaceAndVotesAsTagged() {
    // The dateline's vote as tagged (a place) makes "Atlanta" in the story a place; the club's
    // longer name does not take the dateline "NICE".
    List<Entity> es = EntityAssembler.assemble(List.of(
        m(0, "ATLANTA", EntityType.LOCATION).asPlaceVotingAsTagged(),
        m(20, "Atlanta", EntityType.ORGANIZATION),
        m(40, "Atlanta", EntityType.LOCATION),
        m(60, "NICE", EntityType.ORGANIZATION).asPlaceVotingAsTagged(),
        m(80, "Nice", EntityType.ORGANIZATION),
        m(100, "Nice Cote", EntityType.ORGANIZATION)));
    assertThat(es).extracting(Entity::id).containsExactlyInAnyOrder("loc:atlanta", "loc:nice", "org:nice_cote");
    assertThat(es).filteredOn(e -> e.id().equals("loc:atlanta")).flatExtracting(Entity::mentions).hasSize(3);
    assertThat(es).filteredOn(e -> e.id().equals("loc:nice")).flatExtracting(Entity::mentions).hasSize(1);
  }

  @Test
  void aNameClosedByALegalFormIsAnOrganisation() {
    List<Entity> es = EntityAssembler.assemble(List.of(
        m(0, "BlackBerry Ltd", EntityType.LOCATION),
        m(30, "Strawn LLP", EntityType.PERSON),
        m(60, "Co", EntityType.PERSON)));
    assertThat(es).extracting(Entity::id).containsExactlyInAnyOrder("org:blackberry_ltd", "org:strawn_llp", "per:co");
  }

  @Test
  void aClubWhoseLineDecidesItsTypeIsNotTheCuratedPlace() {
    // "NEW YORK" of a standings line is the club; the curated city keeps the rest.
    List<Entity> es = EntityAssembler.assemble(List.of(
        m(0, "NEW YORK", EntityType.LOCATION).asPlaceVotingAsTagged(),
        m(20, "NEW YORK", EntityType.ORGANIZATION).withOwnType(),
        m(40, "New York", EntityType.ORGANIZATION)));
    assertThat(es).extracting(Entity::id).containsExactlyInAnyOrder("loc:new_york", "org:new_york");
    assertThat(es).filteredOn(e -> e.id().equals("org:new_york")).flatExtracting(Entity::mentions).hasSize(1);
    assertThat(es).filteredOn(e -> e.id().equals("org:new_york")).extracting(Entity::type)
        .containsExactly(EntityType.ORGANIZATION);
  }
}
