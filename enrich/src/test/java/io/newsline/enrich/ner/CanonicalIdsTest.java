package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.EntityType;
import org.junit.jupiter.api.Test;

class CanonicalIdsTest {
  private static String per(String name) {
    return CanonicalIds.id(EntityType.PERSON, name);
  }

  private static String loc(String name) {
    return CanonicalIds.id(EntityType.LOCATION, name);
  }

  private static String org(String name) {
    return CanonicalIds.id(EntityType.ORGANIZATION, name);
  }

  @Test
  void zelenskyTransliterationsShareOneId() {
    String id = per("Volodymyr Zelensky");
    assertThat(id).isEqualTo("per:volodymyr_zelensky");
    for (String v : new String[] {"Zelensky", "Zelenskiy", "Zelenskyy", "Zelenskyi", "Volodymyr Zelenskyy",
        "Volodymyr Zelenskiy", "Zelenskyy's", "Zelensky\u2019s", "ZELENSKY"}) {
      assertThat(per(v)).as(v).isEqualTo(id);
    }
  }

  @Test
  void unlistedTransliterationsFoldToo() {
    assertThat(per("Oleksandr Kovalenkiy")).isEqualTo(per("Kovalenky")).isEqualTo(per("Kovalenkyy"));
  }

  @Test
  void wellKnownSurnameResolvesToTheFullName() {
    assertThat(per("Putin")).isEqualTo(per("Vladimir Putin")).isEqualTo(per("Putin's")).isEqualTo("per:vladimir_putin");
    assertThat(per("Trump")).isEqualTo(per("Donald Trump")).isEqualTo("per:donald_trump");
  }

  @Test
  void otherPeopleAreKeyedBySurnameSoTheFirstNameMayBeMissing() {
    assertThat(per("Elena Kowalczyk")).isEqualTo(per("Kowalczyk")).isEqualTo("per:kowalczyk");
    assertThat(per("Ursula von der Leyen")).isEqualTo(per("von der Leyen"));
    assertThat(CanonicalIds.fullNameId("Elena Kowalczyk")).isEqualTo("per:elena_kowalczyk");
  }

  @Test
  void commonSurnamesAloneDoNotResolveToACuratedPerson() {
    assertThat(per("Jerome Powell")).isEqualTo("per:jerome_powell");
    assertThat(per("Powell")).isEqualTo("per:powell");
    assertThat(per("Tony Adams")).isEqualTo(per("Adams")).isEqualTo("per:adams");
    assertThat(per("Paul")).isEqualTo("per:paul");
    // Two listed people share the surname: neither gets it alone.
    assertThat(per("Johnson")).isEqualTo("per:johnson");
    assertThat(per("Boris Johnson")).isNotEqualTo(per("Mike Johnson"));
  }

  @Test
  void unitedStatesAbbreviations() {
    String id = loc("United States");
    assertThat(id).isEqualTo("loc:united_states");
    for (String v : new String[] {"U.S.", "US", "USA", "U.S.A.", "America", "the United States", "U.S.'s"}) {
      assertThat(loc(v)).as(v).isEqualTo(id);
    }
    // A curated place keeps its type and id even when the tagger calls it an organisation.
    assertThat(org("U.S.")).isEqualTo(id);
  }

  @Test
  void europeanUnionAndOtherBodies() {
    assertThat(org("EU")).isEqualTo(org("European Union")).isEqualTo(org("E.U.")).isEqualTo("org:european_union");
    assertThat(org("UN")).isEqualTo(org("United Nations")).isEqualTo(org("U.N."));
    assertThat(org("Kremlin")).isEqualTo(org("the Kremlin")).isEqualTo(org("Kremlin's"));
    assertThat(loc("UK")).isEqualTo(loc("Britain")).isEqualTo(loc("United Kingdom"));
  }

  @Test
  void placeSpellings() {
    assertThat(loc("Kiev")).isEqualTo(loc("Kyiv")).isEqualTo("loc:kyiv");
    assertThat(loc("Kyiv's")).isEqualTo("loc:kyiv");
    assertThat(loc("Zaporizhzhia")).isEqualTo(loc("Zaporozhye"));
  }

  @Test
  void accentsCasePunctuationAndPossessives() {
    assertThat(CanonicalIds.fold("Erdoğan")).isEqualTo(CanonicalIds.fold("Erdogan"));
    assertThat(CanonicalIds.fold("São Paulo")).isEqualTo("sao paulo");
    assertThat(CanonicalIds.fold("Moscow\u2019s")).isEqualTo("moscow");
    assertThat(CanonicalIds.fold("  Acme   Corp. ")).isEqualTo("acme corp");
    assertThat(CanonicalIds.fold("players'")).isEqualTo("players");
  }

  @Test
  void aNameTypedByItsLineIsACuratedEntityOnlyOfThatType() {
    assertThat(CanonicalIds.idAsTyped(EntityType.ORGANIZATION, "NEW YORK")).isEqualTo("org:new_york");
    assertThat(CanonicalIds.idAsTyped(EntityType.LOCATION, "NEW YORK")).isEqualTo("loc:new_york");
    assertThat(CanonicalIds.idAsTyped(EntityType.LOCATION, "U.S.")).isEqualTo(loc("United States"));
  }
}
