package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Mention;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The error classes of issue 16 on modern news, one test each, with names that are in no list
 * (so the pattern, not a gazetteer entry, is tested).
 */
class ModernNewsPatternsTest {
  private static final EntityExtractor NER = PerceptronEntityExtractor.shared();

  private static List<Entity> extract(String title, String text) {
    return NER.extract(new ArticleText("t", title, text));
  }

  private static Entity byId(List<Entity> es, String id) {
    return es.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " in " + es));
  }

  private static List<String> forms(Entity e) {
    return e.mentions().stream().map(Mention::text).distinct().toList();
  }

  @Test
  void aGivenNameOrFamilyNameAloneJoinsTheFullName() {
    List<Entity> es = extract(null, "Opposition leader Hamzah Zainudin said the changes were cosmetic. "
        + "\"The people want lower prices,\" Hamzah said. Economist Farida Osmani agreed, and Osmani "
        + "added that Hamzah had a point.");
    assertThat(forms(byId(es, "per:zainudin"))).containsExactlyInAnyOrder("Hamzah Zainudin", "Hamzah");
    assertThat(forms(byId(es, "per:osmani"))).containsExactlyInAnyOrder("Farida Osmani", "Osmani");
    assertThat(es).extracting(Entity::id).doesNotContain("per:hamzah");
  }

  @Test
  void aMiddleNameAloneJoinsTheFullNameButAParticleDoesNot() {
    List<Entity> es = extract(null, "Finance minister Dewi Lestari Wibowo presented the budget on Monday. "
        + "Lestari said spending would rise. Opposition lawmaker Omar bin Rashid Haddad objected, and "
        + "Haddad called for a vote.");
    assertThat(forms(byId(es, "per:wibowo"))).containsExactlyInAnyOrder("Dewi Lestari Wibowo", "Lestari");
    assertThat(es).extracting(Entity::id).doesNotContain("per:lestari", "per:bin");
  }

  @Test
  void aSharedSurnameGoesToThePersonNamedLast() {
    List<Entity> es = extract(null, "Prime Minister Tariq Qadri met donors on Monday. Qadri's brother, "
        + "former minister Salman Qadri, chaired a party meeting. Salman urged restraint.");
    assertThat(forms(byId(es, "per:tariq_qadri"))).contains("Tariq Qadri", "Qadri");
    assertThat(forms(byId(es, "per:salman_qadri"))).contains("Salman Qadri", "Salman");
  }

  @Test
  void multiPartNamesKeepTheirInitialsAndTheirNicknameInQuotes() {
    List<Entity> es = extract(null, "Prime Minister K.P. Dhungel Rai faced criticism on Monday. Former "
        + "prime minister Bimal Kumar Thapa \"Sagar\", now in opposition, said the budget was unfair. "
        + "Thapa called for a joint session.");
    assertThat(forms(byId(es, "per:rai"))).contains("K.P. Dhungel Rai");
    assertThat(forms(byId(es, "per:thapa"))).containsExactlyInAnyOrder("Bimal Kumar Thapa", "Sagar", "Thapa");
    assertThat(es).extracting(Entity::id).noneMatch(id -> id.startsWith("loc:"));
  }

  @Test
  void titlesAndOfficesAreNotPartOfNames() {
    List<Entity> es = extract(null, "Nabanna Sangha Chairperson Rupa Mitrani rejected the plan on Thursday. "
        + "Finance Minister Arvind Kelkar said the review would go ahead.");
    assertThat(forms(byId(es, "per:mitrani"))).containsExactly("Rupa Mitrani");
    assertThat(forms(byId(es, "per:kelkar"))).containsExactly("Arvind Kelkar");
    assertThat(es).flatExtracting(Entity::mentions).extracting(Mention::text)
        .noneMatch(t -> t.contains("Chairperson") || t.contains("Minister"));
  }

  @Test
  void hyphenatedModifiersAreNotTakenIntoNames() {
    List<Entity> es = extract(null, "Talks resumed in Geneva on Monday. A post-Geneva round is planned, "
        + "and the Kelkar-led coalition said Arvind Kelkar would attend.");
    assertThat(es).extracting(Entity::id).noneMatch(id -> id.contains("post") || id.endsWith("_led"));
    assertThat(byId(es, "loc:geneva").type()).isEqualTo(EntityType.LOCATION);
  }

  @Test
  void acronymsAndShortNamesJoinTheOrganisationTheyAbbreviate() {
    List<Entity> es = extract(null, "The Kenya Fisheries Regulatory Board (KFRB) fined three trawlers. "
        + "KFRB inspectors said more fines would follow. Members of the Sabah Rakyat Progressive "
        + "Alliance (Progressive) walked out, and Progressive leaders met later.");
    assertThat(forms(byId(es, "org:kfrb"))).containsExactlyInAnyOrder("Kenya Fisheries Regulatory Board", "KFRB");
    assertThat(byId(es, "org:kfrb").name()).isEqualTo("Kenya Fisheries Regulatory Board");
  }

  @Test
  void regulatorsByAcronymAreOneEntityAcrossArticles() {
    String a = byId(extract(null, "The Securities and Exchange Commission sued the lender on Monday."),
        "org:securities_and_exchange_commission").id();
    String b = byId(extract(null, "The SEC said investors were misled."), "org:securities_and_exchange_commission").id();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void callSignsAreBroadcasters() {
    List<Entity> es = extract(null, "Reporters at WQXT-TV and KZLM covered the flood. WQXT said viewers "
        + "sent video.");
    assertThat(forms(byId(es, "org:wqxt"))).contains("WQXT-TV", "WQXT");
    assertThat(byId(es, "org:kzlm").type()).isEqualTo(EntityType.ORGANIZATION);
  }

  @Test
  void commonNounAcronymsInTitleCaseHeadlinesAreNotOrganisations() {
    List<Entity> es = extract("Tech Giants Brace for Tougher AI Rules as Regulators Circle",
        "Regulators in Brussels said new rules for AI models would apply next year.");
    assertThat(es).extracting(Entity::id).noneMatch(id -> id.equals("org:ai") || id.contains("giants")
        || id.contains("regulators"));
  }

  @Test
  void datelinesArePlaces() {
    List<Entity> es = extract(null, "KOLKATA - The state government said on Thursday that it would appeal.");
    assertThat(byId(es, "loc:kolkata").type()).isEqualTo(EntityType.LOCATION);
  }

  @Test
  void organisationNamesKeepTheirOnForAndBracketedParts() {
    List<Entity> es = extract(null, "The Commission on Public Audit said on Monday that the Communist Party "
        + "of Tarlandia (Unified Socialist-Agrarian) had misused funds. The Centre for Coastal Policy Studies "
        + "disagreed.");
    assertThat(es).extracting(Entity::name).contains("Commission on Public Audit",
        "Communist Party of Tarlandia (Unified Socialist-Agrarian)", "Centre for Coastal Policy Studies");
    assertThat(es).extracting(Entity::name).doesNotContain("Unified Socialist-Agrarian", "Tarlandia");
  }

  @Test
  void aPlaceAfterOnIsNoPartOfTheOrganisation() {
    List<Entity> es = extract(null, "The candidates met for a town hall debate at Hofstra University on Long Island "
        + "on Sunday evening.");
    assertThat(es).extracting(Entity::name).contains("Hofstra University", "Long Island");
  }

  @Test
  void aTitleBetweenAnOrganisationAndAPersonIsNeither() {
    List<Entity> es = extract(null, "The rules were frozen in January. Office of Management and Budget Director "
        + "Peter Orszag followed up with a memo on Wednesday. The Fulton County District Attorney Paul Howard "
        + "welcomed it.");
    assertThat(es).extracting(Entity::name).contains("Office of Management and Budget", "Peter Orszag",
        "Fulton County", "Paul Howard");
    assertThat(es).extracting(Entity::name).noneMatch(n -> n.contains("Director") || n.contains("Attorney"));
  }

  @Test
  void twoCapitalsInBracketsThatSpellTheInitialsAreTheOrganisation() {
    // "RU" spells the last words of the name: one organisation, whatever the tagger made of "RU" alone.
    List<Entity> es = extract(null, "The conservative Civic Renewal Union (RU) picked a new leader on Sunday, "
        + "RU said. Officials of RU put the cost lower.");
    assertThat(es).hasSize(1);
    assertThat(es.get(0).type()).isEqualTo(EntityType.ORGANIZATION);
    assertThat(forms(es.get(0))).containsExactlyInAnyOrder("Civic Renewal Union", "RU");
  }

  @Test
  void aPortfolioBeforeMinisterIsNoOrganisation() {
    List<Entity> es = extract(null, "Finance Minister Rukmini Thapaliya said on Monday that the deficit would "
        + "narrow. Interior Minister Hemant Karki disagreed.");
    assertThat(es).extracting(Entity::name).doesNotContain("Finance", "Interior");
    assertThat(es).extracting(Entity::name).contains("Rukmini Thapaliya", "Hemant Karki");
  }

  @Test
  void aNameRunIntoABracketItDoesNotCloseIsTwoNames() {
    List<Entity> es = extract(null, "The LTTE (Liberation Tigers of Tamil Eelam) accosts us, the fishermen said.");
    assertThat(es).extracting(Entity::name).noneMatch(n -> n.contains("("));
  }

  @Test
  void aCompanyBeforeAPlaceItOwnsStaysTheCompanyButAMineNamedForItselfIsAPlace() {
    List<Entity> es = extract("Strike halts output", "Workers walked off the job at a Rio Tinto mine in "
        + "Western Australia on Monday. Output at the Glencore mine nearby was unaffected. BHP said its "
        + "Escondida mine in Chile would cut jobs. Production at the Kestrel mine fell too, and the Morvane "
        + "Resources mine stayed shut. Morvane Resources said it would reopen in May.");
    assertThat(es).extracting(Entity::id).contains("org:rio_tinto", "org:glencore", "org:morvane_resources",
        "loc:escondida", "loc:kestrel");
  }
}
