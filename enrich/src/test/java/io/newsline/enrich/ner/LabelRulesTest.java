package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The article-level label rules on labels written by hand, so that no tagger's habits hide them. */
class LabelRulesTest {
  private static final int PER = Labels.typeIndex(EntityType.PERSON);
  private static final int ORG = Labels.typeIndex(EntityType.ORGANIZATION);
  private static final int LOC = Labels.typeIndex(EntityType.LOCATION);
  private static final int MISC = Labels.typeIndex(EntityType.MISC);

  /** The article laid out, with no labels. */
  private record Tagged(ArticleLayout layout, List<int[]> labels) {
    static Tagged of(String text) {
      ArticleLayout layout = ArticleLayout.of(new ArticleText("t", null, text));
      List<int[]> labels = new ArrayList<>();
      for (Placed p : layout.placed) {
        labels.add(new int[p.tokens().size()]);
      }
      return new Tagged(layout, labels);
    }

    /** Labels the first run of tokens (in any sentence) that spells the name. */
    Tagged label(String name, int type) {
      for (int s = 0; s < labels.size(); s++) {
        Placed p = layout.placed.get(s);
        for (int i = 0; i < p.tokens().size(); i++) {
          for (int j = i; j < p.tokens().size(); j++) {
            if (p.source().substring(p.tokens().get(i).start(), p.tokens().get(j).end()).equals(name)
                && labels.get(s)[i] == Labels.O) {
              SpanRepair.write(labels.get(s), new Span(i, j + 1, type));
              return this;
            }
          }
        }
      }
      throw new AssertionError(name);
    }

    /** The spans as "text/TYPE" once {@link KindNouns} has read the article. */
    List<String> afterKindNouns() {
      KindNouns.apply(layout, labels, Gazetteer.load());
      return spans();
    }

    /** The spans as "text/TYPE". */
    List<String> spans() {
      List<String> out = new ArrayList<>();
      for (int s = 0; s < labels.size(); s++) {
        Placed p = layout.placed.get(s);
        for (Span span : SpanRepair.spans(labels.get(s))) {
          out.add(p.source().substring(p.tokens().get(span.from()).start(), p.tokens().get(span.to() - 1).end())
              + "/" + Labels.TYPES[span.type()].name().substring(0, 3));
        }
      }
      return out;
    }
  }

  @Test
  void aPossessiveBeforeOfOrSaidMakesEveryXsOfTheArticleTheName() {
    Tagged t = Tagged.of("Investors in Lloyd's of London sued. A court gave Lloyd's a reprieve.\n"
        + "Lloyd's said the Association of Lloyd's members would wait.")
        .label("Lloyd", PER).label("London", LOC).label("Lloyd", PER).label("Association of Lloyd", ORG);
    PossessiveNames.apply(t.layout(), t.labels());
    // Typed an organisation: a person's name is never followed so.
    assertThat(t.spans()).containsExactly(
        "Lloyd's/ORG", "London/LOC", "Lloyd's/ORG", "Lloyd's/ORG", "Association of Lloyd's/ORG");
  }

  @Test
  void genitivesStayGenitives() {
    // A person's elided or double genitive, an acronym's plural, a genitive before a noun.
    String text = "The body lay as Sotloff's. A friend of Reid's spoke. He has 36 KO's, and the BBC's "
        + "reporter, Canada's Province and Apple's chief came.";
    Tagged t = Tagged.of(text).label("Sotloff", PER).label("Reid", PER).label("KO", ORG).label("BBC", ORG)
        .label("Canada", LOC).label("Apple", ORG);
    List<String> before = t.spans();
    PossessiveNames.apply(t.layout(), t.labels());
    assertThat(t.spans()).isEqualTo(before);
  }

  @Test
  void theHeadingsOfAListAreOfOneKind() {
    String text = "Headlines from major national newspapers.\nEL PAIS\n- Work groups meet in the Basque Country\n"
        + "EL MUNDO\n- Catalan nationalists are demanding more\nDIARIO 16\n- The 1997 budget will make Spaniards sweat\n"
        + "ABC\n- Worldwide alarm over child prostitution\nEXPANSION\n- Government will finish pension reform by 2000";
    Tagged t = Tagged.of(text).label("EL PAIS", ORG).label("EL MUNDO", ORG).label("DIARIO", ORG)
        .label("ABC", ORG).label("EXPANSION", LOC).label("Basque Country", LOC);
    ListHeadings.apply(t.layout(), t.labels());
    assertThat(t.spans()).containsExactly("EL PAIS/ORG", "Basque Country/LOC", "EL MUNDO/ORG", "DIARIO 16/ORG",
        "ABC/ORG", "EXPANSION/ORG");
  }

  @Test
  void headingsMostlyNotNamesStayAsTagged() {
    // Sections of a results page: two of four headings tagged, not most: not a list of names.
    String text = "Results of the weekend.\nGROUP ONE\nSpain beat Italy 2-1 in Madrid\nGROUP TWO\nFrance drew with Wales\n"
        + "LEADING SCORERS\nThree goals each for two players\nAJAX AMSTERDAM\nAjax won again";
    Tagged t = Tagged.of(text).label("AJAX AMSTERDAM", ORG).label("GROUP TWO", ORG);
    List<String> before = t.spans();
    ListHeadings.apply(t.layout(), t.labels());
    assertThat(t.spans()).isEqualTo(before);
    assertThat(before.stream().collect(Collectors.joining(","))).isEqualTo("GROUP TWO/ORG,AJAX AMSTERDAM/ORG");
  }

  private static void assertKindNounsLeaveAlone(Tagged t) {
    List<String> before = t.spans();
    assertThat(t.afterKindNouns()).isEqualTo(before);
  }

  @Test
  void aNameAfterAKindOfOrganisationIsOneWhereverTheArticleWritesIt() {
    String text = "KOLBENSCHMIDT SHARES RISE.\nHope said the struggle for German piston maker Kolbenschmidt went on. "
        + "Kolbenschmidt said little.";
    Tagged t = Tagged.of(text).label("KOLBENSCHMIDT", PER).label("Kolbenschmidt", PER).label("Kolbenschmidt", PER)
        .label("Hope", PER);
    assertThat(t.afterKindNouns()).containsExactly("KOLBENSCHMIDT/ORG", "Hope/PER", "Kolbenschmidt/ORG", "Kolbenschmidt/ORG");
  }

  @Test
  void notAPersonNamedByTitleAGivenNameACountryOrANameThatGoesOn() {
    String text = "Head of the agency Captain Manrosan said the quake was strong, said Manrosan. Another party "
        + "Alex missed. The daily Iran quoted officials. The daily HONG KONG ECONOMIC TIMES said more.";
    Tagged t = Tagged.of(text).label("Captain Manrosan", PER).label("Manrosan", PER).label("Alex", PER)
        .label("Iran", LOC).label("HONG KONG", LOC);
    assertKindNounsLeaveAlone(t);
  }

  @Test
  void aNameAfterThoseWhoWorkAtAFirmIsTheFirm() {
    String text = "Analysts at Bernstein said the trade held. Bernstein expects more. Economists at Banorte agree.";
    Tagged t = Tagged.of(text).label("Bernstein", LOC).label("Bernstein", LOC).label("Banorte", LOC);
    assertThat(t.afterKindNouns()).containsExactly("Bernstein/ORG", "Bernstein/ORG", "Banorte/ORG");
  }

  @Test
  void aNameListedAmongOrganisationsIsOne() {
    String text = "Shipments to Microsoft, Amazon and Alphabet rose. Wheat came from Cargill, Mitsui, Continental "
        + "and Louis Dreyfus Corp.";
    Tagged t = Tagged.of(text).label("Microsoft", ORG).label("Amazon", LOC).label("Alphabet", ORG)
        .label("Cargill", PER).label("Mitsui", PER).label("Continental", ORG).label("Louis Dreyfus Corp", ORG);
    assertThat(t.afterKindNouns()).containsExactly("Microsoft/ORG", "Amazon/ORG", "Alphabet/ORG", "Cargill/ORG", "Mitsui/ORG",
        "Continental/ORG", "Louis Dreyfus Corp/ORG");
  }

  @Test
  void notAnAddressTwoNamesAMinorityOrAPersonWithAGivenName() {
    String text = "Trainers of the 610th Security Forces Squadron, Joint Reserve Base Fort Worth, Texas came. "
        + "Dole and Congress met. Germany, France and Siemens signed. Ford, Tesla and Elon Musk spoke.";
    Tagged t = Tagged.of(text).label("610th Security Forces Squadron", ORG).label("Joint Reserve Base Fort Worth", ORG)
        .label("Texas", LOC).label("Dole", PER).label("Congress", ORG).label("Germany", LOC).label("France", LOC)
        .label("Siemens", ORG).label("Ford", ORG).label("Tesla", ORG).label("Elon Musk", PER);
    assertKindNounsLeaveAlone(t);
  }

  @Test
  void aNameBeforeItsPeopleItsSharesOrWhatAnOutletDoesIsAnOrganisation() {
    String text = "Media reports say 10 of 23 Sakigake members will leave. Takemura founded Sakigake. Slough's "
        + "chairman spoke. Shares in Slough rose. Globo quoted the lawyer. A stake in Daewoo was sold.";
    Tagged t = Tagged.of(text).label("Sakigake", PER).label("Sakigake", PER).label("Takemura", PER)
        .label("Slough", LOC).label("Slough", LOC).label("Globo", PER).label("Daewoo", PER);
    assertThat(t.afterKindNouns()).containsExactly("Sakigake/ORG", "Takemura/PER", "Sakigake/ORG", "Slough/ORG", "Slough/ORG",
        "Globo/ORG", "Daewoo/ORG");
  }

  @Test
  void notACountryBeforeItsPlayersAPlaceThatReportsOrAPersonsSpokesman() {
    String text = "England striker Alan Shearer scored. Khartoum reported fresh clashes. Yeltsin's spokesman "
        + "said no. White House spokesman Mike McCurry agreed.";
    Tagged t = Tagged.of(text).label("England", LOC).label("Alan Shearer", PER).label("Khartoum", LOC)
        .label("Yeltsin", PER).label("White House", LOC).label("Mike McCurry", PER);
    assertKindNounsLeaveAlone(t);
  }

  @Test
  void aCompanyBeforeAPlaceItOwnsStaysTheCompanyWhenAListOrTheArticleSaysSo() {
    String text = "Workers left a Rio Tinto mine on Monday. Output at the Kumba mine fell. Kumba said it would "
        + "recover. BHP said its Escondida mine would cut jobs.";
    Tagged t = Tagged.of(text).label("Rio Tinto", LOC).label("Kumba", LOC).label("Kumba", ORG).label("BHP", ORG)
        .label("Escondida", LOC);
    OwnedPlaces.apply(t.layout(), t.labels(), Gazetteer.load());
    assertThat(t.spans()).containsExactly("Rio Tinto/ORG", "Kumba/ORG", "Kumba/ORG", "BHP/ORG", "Escondida/LOC");
  }

  @Test
  void aFixtureLineMakesTheVisitorsAClubAndTheHomeCityAPlace() {
    Tagged t = Tagged.of("KANSAS CITY AT DETROIT\nFrance at Japan\nTrump at Davos\nBoston at Oakland today")
        .label("KANSAS CITY", LOC).label("DETROIT", ORG).label("France", LOC).label("Japan", LOC)
        .label("Trump", PER).label("Davos", LOC).label("Boston", LOC).label("Oakland", LOC);
    int[] ownTypeEnd = FixtureLines.apply(t.layout(), t.labels(), Gazetteer.load());
    // A country is its national team; a person, or more than the two names, is no fixture.
    assertThat(ownTypeEnd).containsExactly(4, 0, 0, 0);
    assertThat(t.spans()).containsExactly("KANSAS CITY/ORG", "DETROIT/LOC", "France/LOC", "Japan/LOC", "Trump/PER",
        "Davos/LOC", "Boston/LOC", "Oakland/LOC");
  }

  @Test
  void aListedPlaceBeforeAColonAndAClubsScoreIsTheGround() {
    Tagged t = Tagged.of("Chesterfield: Worcestershire 238 (W. Weston 100 not out).\n"
            + "Apple: Citi Sees 550 and 950 Apple Watches")
        .label("Chesterfield", ORG).label("Worcestershire", ORG).label("W. Weston", PER).label("Apple", ORG)
        .label("Citi Sees", ORG);
    int[] ownTypeEnd = FixtureLines.apply(t.layout(), t.labels(), Gazetteer.load());
    assertThat(ownTypeEnd).containsExactly(1, 0);
    assertThat(t.spans()).startsWith("Chesterfield/LOC", "Worcestershire/ORG", "W. Weston/PER", "Apple/ORG",
        "Citi Sees/ORG");
  }

  @Test
  void aPressDigestsLinesInCapitalsAreItsNewspapers() {
    Tagged t = Tagged.of("PRESS DIGEST - Pakistan - August 29.\nDAWN\n- The government will sell power plants.\n"
            + "BUSINESS RECORDER\nTHE NATION\nFRONT PAGE\nIRAQ\n"
            + "The English language SOUTH CHINA MORNING POST said the judge erred.\nMING PAO DAILY NEWS said so.")
        .label("Pakistan", LOC).label("IRAQ", LOC).label("SOUTH CHINA", LOC).label("PAO DAILY NEWS", ORG);
    PressDigest.apply(t.layout(), t.labels(), Gazetteer.load());
    // A page of the paper and a listed place are no newspapers.
    assertThat(t.spans()).containsExactly("Pakistan/LOC", "DAWN/ORG", "BUSINESS RECORDER/ORG", "THE NATION/ORG",
        "IRAQ/LOC", "SOUTH CHINA MORNING POST/ORG", "MING PAO DAILY NEWS/ORG");
  }

  @Test
  void linesInCapitalsOutsideAPressDigestStayAsTagged() {
    Tagged t = Tagged.of("Markets fall on rate fears.\nBUSINESS RECORDER\nThe SOUTH CHINA MORNING POST said so.")
        .label("SOUTH CHINA", LOC);
    PressDigest.apply(t.layout(), t.labels(), Gazetteer.load());
    assertThat(t.spans()).containsExactly("SOUTH CHINA/LOC");
  }

  @Test
  void aWordRepeatedInALineOfCapitalsIsAColumnsLabelInTheWholeArticle() {
    String table = "$22,040,000 SER.\nMATURITY SER A SER B SER A SER B\nINDICATORS - monthly MTH / MTH PVS\n";
    String prose = "GOLF - BRITISH MASTERS LEAGUE LEAGUE\nNATO said SER talks went on.";
    Tagged t = Tagged.of(table + prose).label("SER", ORG).label("MTH", ORG)
        .label("BRITISH MASTERS LEAGUE", MISC).label("NATO", ORG).label("SER", ORG);
    ColumnLabels.apply(t.layout(), t.labels());
    // A repeated word inside a longer name stays; so does a name that no table repeats.
    assertThat(t.spans()).containsExactly("BRITISH MASTERS LEAGUE/MIS", "NATO/ORG");
  }

  @Test
  void aDatelinesCityInCapitalsEndsBeforeTheDateOrTheCountry() {
    Tagged t = Tagged.of("SEATTLE 1996-08-29\nNICE, France 1996-08-29\nUNITED NATIONS 1996-08-28\n"
        + "Nice won 2-1 on 1996-08-29\nLA CORUNA, Spain 1996-08-31");
    // A listed organisation and a sentence of prose are no datelines.
    assertThat(Datelines.cityEnds(t.layout(), Gazetteer.load())).containsExactly(1, 1, 0, 0, 2);
  }

  @Test
  void aPlaceInALineOfNamesAndScoresIsAClub() {
    Tagged t = Tagged.of("NEW YORK 74 58 .561 -\nSan Diego 3 NEW YORK 2 (10 innings)\nUnited States 10 5 3\n"
            + "Tiger Woods 70 68\nNEW YORK 1996-08-29\nNew York won 3 - 2")
        .label("NEW YORK", LOC).label("San Diego", ORG).label("NEW YORK", LOC).label("United States", LOC)
        .label("Tiger Woods", PER).label("NEW YORK", LOC).label("New York", LOC);
    int[] scoresEnd = ScoreLines.apply(t.layout(), t.labels(), Gazetteer.load());
    // A country is its national team, a person stays a person; a dateline and prose are no scores.
    assertThat(scoresEnd).containsExactly(6, 6, 5, 4, 0, 0);
    assertThat(t.spans()).containsExactly("NEW YORK/ORG", "San Diego/ORG", "NEW YORK/ORG", "United States/LOC",
        "Tiger Woods/PER", "NEW YORK/LOC", "New York/LOC");
  }
}
