package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Stance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PerceptronEntityExtractorTest {
  private static final EntityExtractor NER = PerceptronEntityExtractor.shared();
  static final ArticleText ARTICLE = new ArticleText("a1",
      "Putin Meets Trump Envoys in Moscow as Zelenskyy Waits",
      "MOSCOW (Reuters) - Russian President Vladimir Putin met U.S. envoy Steve Witkoff at the Kremlin on Tuesday.\n"
          + "Advertisement\n"
          + "Putin's aide Yuri Ushakov said the talks with the United States were useful. Ukrainian President "
          + "Volodymyr Zelenskiy, speaking in Dublin, said Kyiv would wait for the US readout.\n"
          + "The European Union and NATO said the EU would keep backing Ukraine. Microsoft and TikTok were not involved.\n"
          + "Subscribe to our free newsletter for more from Jane Doe.");

  private static Entity byId(List<Entity> es, String id) {
    return es.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " in " + es));
  }

  @Test
  void aRunOfLettersLongerThanAnyNameIsNoEntity() {
    String run = "A".repeat(100_000);
    List<Entity> es = NER.extract(new ArticleText("h", null, run + "\n\nPeru's president Dina Boluarte visited Ica on Monday."));
    assertThat(es).allSatisfy(e -> assertThat(e.name().length()).isLessThanOrEqualTo(EntityAssembler.MAX_NAME_CHARS));
    assertThat(es).extracting(Entity::id).contains("loc:ica");
  }

  @Test
  void findsPeoplePlacesAndOrganisationsWithCanonicalIds() {
    List<Entity> es = NER.extract(ARTICLE);
    Entity putin = byId(es, "per:vladimir_putin");
    assertThat(putin.type()).isEqualTo(EntityType.PERSON);
    assertThat(putin.mentions()).extracting(Mention::text).contains("Putin", "Vladimir Putin");
    assertThat(putin.mentions().get(0).field()).isEqualTo(Field.TITLE);
    assertThat(byId(es, "per:volodymyr_zelensky").mentions()).extracting(Mention::text)
        .contains("Zelenskyy", "Volodymyr Zelenskiy");
    assertThat(byId(es, "loc:united_states").mentions()).extracting(Mention::text).contains("U.S.", "United States", "US");
    assertThat(byId(es, "org:european_union").mentions()).extracting(Mention::text).contains("European Union", "EU");
    assertThat(byId(es, "loc:moscow").type()).isEqualTo(EntityType.LOCATION);
    assertThat(byId(es, "org:kremlin").type()).isEqualTo(EntityType.ORGANIZATION);
    byId(es, "per:steve_witkoff");
    byId(es, "loc:kyiv");
  }

  @Test
  void aSentencesFullStopIsNotPartOfTheAbbreviationBeforeIt() {
    // CoNLL-2003 writes "Corp ." at a sentence's end: the name ends before the full stop.
    String text = "The bank was bought by First Union Corp.\nIts shares rose in the U.S.\n"
        + "Analysts in the U.S. said First Union Corp would gain.";
    List<Entity> es = NER.extract(new ArticleText("p", null, text));
    assertThat(byId(es, "org:first_union_corp").mentions()).extracting(Mention::text)
        .containsExactly("First Union Corp", "First Union Corp");
    assertThat(byId(es, "loc:united_states").mentions()).extracting(Mention::text).containsExactly("U.S", "U.S.");
    // Not in a dateline or before a lower-case word, where the sentence goes on.
    List<Entity> dateline = NER.extract(new ArticleText("d", null,
        "VENTURA, Calif. 1996-08-28\nFirst Union National Bank of Fla. settles suit."));
    assertThat(dateline).flatExtracting(Entity::mentions).extracting(Mention::text)
        .contains("Calif.").doesNotContain("Calif", "Fla");
  }

  @Test
  void acronymsOfLowerCaseWordsAndMonthsOfTablesAreNoOrganisations() {
    String text = "Japan bought 16,300 tonnes of dark northern spring (DNS) wheat and 7,000 tonnes of hard red "
        + "winter (HRW) from the United States.\nThe DNS wheat cost more than the HRW.\n"
        + "The bank settled a suit over collateral protection insurance (CPI) with the Federal Reserve.\n"
        + "LONG GILT (SEP) 107-12 107-10\nEUROMARK (DEC) 96.84 96.83";
    List<Entity> es = NER.extract(new ArticleText("a", null, text));
    assertThat(es).flatExtracting(Entity::mentions).extracting(Mention::text)
        .doesNotContain("DNS", "HRW", "CPI", "SEP", "DEC").contains("Japan", "United States", "Federal Reserve");
    List<Entity> party = NER.extract(new ArticleText("b", null,
        "The Bharatiya Janata Party (BJP) won. The BJP said it would form a government."));
    assertThat(party).flatExtracting(Entity::mentions).extracting(Mention::text).contains("BJP");
    // A contract month in brackets after a name the tagger calls an organisation is no short name of it.
    List<Entity> table = NER.extract(new ArticleText("c", null, "London LIFFE futures APT closing prices.\n"
        + "EUROLIRA (SEP) 91.37 91.36 91.33\nEUROSWISS (SEP) 97.79 97.80 97.82\nEUROMARK (SEP) 96.84 96.83"));
    assertThat(table).flatExtracting(Entity::mentions).extracting(Mention::text).doesNotContain("SEP");
  }

  @Test
  void titleCaseHeadlineWordsAreNotNames() {
    List<Entity> es = NER.extract(ARTICLE);
    assertThat(es).extracting(Entity::id).noneMatch(id -> id.contains("meets") || id.contains("waits")
        || id.contains("envoys"));
    assertThat(byId(es, "per:donald_trump").mentions()).extracting(Mention::field).containsExactly(Field.TITLE);
    List<Entity> google = NER.extract(new ArticleText("g", "OpenAI Unveils New Model as Google Race Heats Up",
        "OpenAI released a model on Monday. Google said it would respond."));
    assertThat(google).extracting(Entity::id).contains("org:google", "org:openai")
        .noneMatch(id -> id.contains("race") || id.contains("unveils"));
  }

  @Test
  void aCompanyClosedByALegalFormIsNotCutInAHeading() {
    List<Entity> es = NER.extract(new ArticleText("b", null, "BORROWER - Mitsubishi Gas Chemical Co Ltd\n"
        + "LEAD MGR - Nomura Securities Co Ltd\nThe bonds pay 3 percent."));
    assertThat(es).flatExtracting(Entity::mentions).extracting(Mention::text)
        .contains("Mitsubishi Gas Chemical Co Ltd", "Nomura Securities Co Ltd").doesNotContain("Mitsubishi", "Nomura");
  }

  @Test
  void aListOfNamesEndingWithAFullStopIsNoHeading() {
    // Title Case by its long words (all names), but a sentence: its opening capital is no heading's.
    List<Entity> es = NER.extract(new ArticleText("l", null, "Bowling: Gough 10-0-44-1, Croft 10-1-36-2.\n"
        + "Did not bat: R. Croft, D. Gough, D. Headley, A. Mullally."));
    assertThat(es).flatExtracting(Entity::mentions).extracting(Mention::text)
        .contains("R. Croft", "D. Gough", "D. Headley", "A. Mullally").doesNotContain("R.");
  }

  @Test
  void theSocialNetworkXAndNamesRepeatedFromTheText() {
    ArticleText a = new ArticleText("x", "Musk posts on X",
        "Elon Musk posted on X that Tesla would grow. X, formerly Twitter, said it would appeal. "
            + "Chapter X of the report was cut.");
    List<Entity> es = NER.extract(a);
    assertThat(byId(es, "org:x").mentions()).extracting(Mention::text).containsExactly("X", "X", "X", "Twitter");
    assertThat(byId(es, "per:elon_musk").mentions()).extracting(Mention::text).containsExactly("Musk", "Elon Musk");
  }

  @Test
  void aNameWithItsPossessiveBeforeOfOrSaidIsTheNameThroughoutTheArticle() {
    // "Marlow's of London" cannot be a genitive: "Marlow's" is the name, wherever the article writes it.
    List<Entity> es = NER.extract(new ArticleText("m", null, "Investors in Marlow's of London sued. "
        + "A court gave Marlow's a reprieve. Marlow's chairman David Rowland said the Marlow's offer would stand."));
    assertThat(es).flatExtracting(Entity::mentions).extracting(Mention::text)
        .containsSubsequence("Marlow's", "Marlow's", "Marlow's", "Marlow's").doesNotContain("Marlow");
    // A person's genitive, also an elided one ("as Sotloff's."), stays the person.
    List<Entity> person = NER.extract(new ArticleText("s", null,
        "Steven Sotloff's mother, Shirley, issued a plea. The body lay as Sotloff's. A friend of Sotloff's spoke."));
    assertThat(byId(person, "per:sotloff").mentions()).extracting(Mention::text)
        .containsOnly("Steven Sotloff", "Sotloff");
  }

  @Test
  void mentionOffsetsIndexTheirFieldExactly() {
    for (Entity e : NER.extract(ARTICLE)) {
      for (Mention m : e.mentions()) {
        assertThat(ARTICLE.field(m.field()).substring(m.start(), m.end())).isEqualTo(m.text());
      }
    }
  }

  @Test
  void noEntitiesFromBoilerplateLines() {
    String text = ARTICLE.text();
    int newsletter = text.indexOf("Subscribe to our");
    for (Entity e : NER.extract(ARTICLE)) {
      for (Mention m : e.mentions()) {
        assertThat(m.field() == Field.TEXT && m.start() >= newsletter).as(e.id()).isFalse();
      }
      assertThat(e.id()).doesNotContain("doe");
    }
  }

  @Test
  void orderedBySalienceThenIdWithNeutralStance() {
    List<Entity> es = NER.extract(ARTICLE);
    for (int i = 1; i < es.size(); i++) {
      Entity a = es.get(i - 1);
      Entity b = es.get(i);
      assertThat(a.salience() > b.salience() || a.salience() == b.salience() && a.id().compareTo(b.id()) < 0).isTrue();
    }
    assertThat(es.get(0).salience()).isEqualTo(1.0);
    assertThat(es).allMatch(e -> e.stance() == Stance.NONE);
    assertThat(es.get(0).id()).isIn("per:vladimir_putin", "loc:moscow");
  }

  @Test
  void unusualTextKeepsOffsetsExact() {
    String[] inserts = {"\uD83D\uDE00", "\u00a0", "\t", "\u201c", "\u2019s", " -- ", "\r\n", "...", "\u200b",
        "\u00e9", "'", "\"", "(", ")", "/", "\u2013", "U.S.", "$", "%", "\n\n\n", "A", "x"};
    java.util.Random rnd = new java.util.Random(42);
    for (int round = 0; round < 30; round++) {
      StringBuilder b = new StringBuilder(ARTICLE.text());
      for (int k = 0; k < 40; k++) {
        int at = rnd.nextInt(b.length() + 1);
        // Never split a surrogate pair already in the text.
        if (at > 0 && at < b.length() && Character.isLowSurrogate(b.charAt(at))) {
          at--;
        }
        b.insert(at, inserts[rnd.nextInt(inserts.length)]);
      }
      ArticleText a = new ArticleText("r" + round, round % 2 == 0 ? b.substring(0, 40) : null, b.toString());
      for (Entity e : NER.extract(a)) {
        for (Mention m : e.mentions()) {
          assertThat(a.field(m.field()).substring(m.start(), m.end())).isEqualTo(m.text());
        }
      }
    }
  }

  @Test
  void emptyAndTitleOnlyArticles() {
    assertThat(NER.extract(new ArticleText("e", null, ""))).isEmpty();
    assertThat(NER.extract(new ArticleText("e", "   ", "\n\n"))).isEmpty();
    assertThat(NER.extract(new ArticleText("t", "Zelensky visits Berlin", ""))).extracting(Entity::id)
        .contains("per:volodymyr_zelensky", "loc:berlin");
  }

  @Test
  void deterministicAndThreadSafe() throws Exception {
    List<ArticleText> articles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      articles.add(new ArticleText("a" + i, i % 2 == 0 ? ARTICLE.title() : null,
          ARTICLE.text().repeat(1 + i % 3)));
    }
    List<List<Entity>> expected = new ArrayList<>();
    for (ArticleText a : articles) {
      expected.add(NER.extract(a));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Entity>>> got = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (ArticleText a : articles) {
          got.add(pool.submit(() -> NER.extract(a)));
        }
      }
      for (int k = 0; k < got.size(); k++) {
        assertThat(got.get(k).get()).isEqualTo(expected.get(k % articles.size()));
      }
    } finally {
      pool.shutdown();
    }
  }
}
