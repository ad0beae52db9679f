package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sentence's span repairs on labels written by hand, so that no tagger's habits hide them. */
class SpanRepairTest {
  private static final int PER = Labels.typeIndex(EntityType.PERSON);
  private static final int ORG = Labels.typeIndex(EntityType.ORGANIZATION);
  private static final int LOC = Labels.typeIndex(EntityType.LOCATION);
  private static final Gazetteer GAZETTEER = Gazetteer.load();

  /** One sentence with hand-written spans. */
  private static final class Sentence {
    final List<Token> tokens;
    final int[] labels;

    Sentence(String text) {
      tokens = NerTokenizer.tokenize(text);
      labels = new int[tokens.size()];
    }

    /** Labels the first run of tokens that spells the name. */
    Sentence label(String name, int type) {
      List<Token> words = NerTokenizer.tokenize(name);
      for (int i = 0; i + words.size() <= tokens.size(); i++) {
        boolean same = true;
        for (int k = 0; k < words.size() && same; k++) {
          same = tokens.get(i + k).text().equals(words.get(k).text()) && labels[i + k] == Labels.O;
        }
        if (same) {
          SpanRepair.write(labels, new Span(i, i + words.size(), type));
          return this;
        }
      }
      throw new AssertionError(name);
    }

    /** The spans after the repairs, as "text/TYPE". */
    List<String> repaired() {
      SpanRepair.apply(tokens, labels, LineKind.NORMAL, GAZETTEER);
      List<String> out = new ArrayList<>();
      for (Span span : SpanRepair.spans(labels)) {
        StringBuilder b = new StringBuilder();
        for (int k = span.from(); k < span.to(); k++) {
          b.append(k > span.from() ? " " : "").append(tokens.get(k).text());
        }
        out.add(b + "/" + Labels.TYPES[span.type()].name().substring(0, 3));
      }
      return out;
    }
  }

  @Test
  void aNameBeforeAndCoIsACompanyWithIt() {
    assertThat(new Sentence("NOTE: Arthur Yates and Co ltd is a garden products group.")
        .label("Arthur Yates", PER).label("Co", LOC).repaired())
        .containsExactly("Arthur Yates and Co/ORG");
    assertThat(new Sentence("The bank hired Morgan Stanley & Co to advise it.")
        .label("Morgan Stanley", PER).repaired())
        .containsExactly("Morgan Stanley & Co/ORG");
  }

  @Test
  void aPartnershipOfSurnamesIsOneFirm() {
    assertThat(new Sentence("-- Donaldson Lufkin & Jenrette cut its rating on the stock.")
        .label("Donaldson Lufkin", PER).label("Jenrette", ORG).repaired())
        .containsExactly("Donaldson Lufkin & Jenrette/ORG");
    assertThat(new Sentence("Kessler & Grunwald said a deal with Vital Information is likely.")
        .label("Kessler", PER).label("Grunwald", ORG).repaired())
        .containsExactly("Kessler & Grunwald/ORG");
  }

  @Test
  void notAPersonWithAGivenNameAListedFirmACommonWordOrTheEndOfAList() {
    assertNoPartnership("Shares of Elon Musk and Tesla fell.", "Elon Musk", "Tesla");
    assertNoPartnership("Later Trump and House Republicans failed.", "Trump", "House");
    assertNoPartnership("The provinces of Kivu, Maniema, Shaba and Bandundu have priority.", "Shaba", "Bandundu");
    assertNoPartnership("Narrow successes for Wasps and Bristol.", "Bristol", "Bristol");
  }

  /** The person (none if it is the organisation itself) and the organisation stay as tagged. */
  private static void assertNoPartnership(String text, String person, String organisation) {
    Sentence s = new Sentence(text).label(organisation, ORG);
    List<String> expected = new ArrayList<>(List.of(organisation + "/ORG"));
    if (!person.equals(organisation)) {
      s.label(person, PER);
      expected.add(0, person + "/PER");
    }
    assertThat(s.repaired()).containsExactlyElementsOf(expected);
  }

  @Test
  void aNameBeforeAndAnotherNameStaysApart() {
    assertThat(new Sentence("Talks between Smith and Cooper went on.")
        .label("Smith", PER).label("Cooper", PER).repaired())
        .containsExactly("Smith/PER", "Cooper/PER");
  }

  @Test
  void aNameEndingInOrBeforeANounOfPlacesIsAPlace() {
    assertThat(new Sentence("Refugees crossed the Palk Strait from the Shabwa area to Charles de Gaulle airport.")
        .label("Palk Strait", ORG).label("Shabwa", ORG).label("Charles de Gaulle", PER).repaired())
        .containsExactly("Palk Strait/LOC", "Shabwa/LOC", "Charles de Gaulle/LOC");
  }

  @Test
  void notAnOrganisationWithItsHeadAClubOfABayNorANameBeforeStateOrTown() {
    String text = "The Association for Relations Across the Taiwan Straits, Tampa Bay, the Xinhua state news "
        + "agency and a CNN town hall met at the Acme Mining Company mine.";
    assertThat(new Sentence(text).label("Association for Relations Across the Taiwan Straits", ORG)
        .label("Tampa Bay", ORG).label("Xinhua", ORG).label("CNN", ORG).label("Acme Mining Company", ORG).repaired())
        .containsExactly("Association for Relations Across the Taiwan Straits/ORG", "Tampa Bay/ORG", "Xinhua/ORG",
            "CNN/ORG", "Acme Mining Company/ORG");
  }

  @Test
  void royalTitlesLeaveAPersonsNameButOpenAnOrganisations() {
    assertThat(new Sentence("He was received by his Majesty King Hassan and Sir Colin Hope.")
        .label("Majesty King Hassan", PER).label("Sir Colin Hope", PER).repaired())
        .containsExactly("Hassan/PER", "Colin Hope/PER");
    assertThat(new Sentence("She studied at King Fahd University.").label("King Fahd University", ORG).repaired())
        .containsExactly("King Fahd University/ORG");
  }

  @Test
  void aPersonAfterATitleOnlyPeopleHoldLeavesTheOrganisation() {
    assertThat(new Sentence("Jordanian PM Kabariti meets Arafat.").label("Jordanian PM Kabariti", ORG).repaired())
        .containsExactly("Jordanian/MIS", "Kabariti/PER");
    assertThat(new Sentence("Markets closed at 4:30 PM ET on Friday.").label("PM ET", ORG).repaired())
        .containsExactly("PM ET/ORG");
    assertThat(new Sentence("The Executive Yuan met.").label("Executive Yuan", ORG).repaired())
        .containsExactly("Executive Yuan/ORG");
  }

  @Test
  void aLetterInBracketsStaysWithItsClub() {
    assertThat(new Sentence("Hajduk 2 Proleter (Z) 0 Zeleznik (B) 1").label("Hajduk", ORG).label("Proleter", ORG)
        .label("Z", Labels.typeIndex(EntityType.MISC)).label("Zeleznik", LOC).repaired())
        .containsExactly("Hajduk/ORG", "Proleter ( Z )/ORG", "Zeleznik ( B )/ORG");
    assertThat(new Sentence("Smith (R) voted no.").label("Smith", PER).repaired()).containsExactly("Smith/PER");
  }

  @Test
  void particlesAndRegnalNumbersArePartOfAPersonsName() {
    assertThat(new Sentence("Joaquin del Olmo and Ursula von der Leyen met Charles VI and Queen Elizabeth I today.")
        .label("Joaquin", PER).label("Olmo", PER).label("Ursula", PER).label("Charles", PER)
        .label("Queen Elizabeth", PER).repaired())
        .containsExactly("Joaquin del Olmo/PER", "Ursula von der Leyen/PER", "Charles VI/PER", "Elizabeth I/PER");
    assertThat(new Sentence("As I throw to Reggie I wait.").label("Reggie", PER).repaired())
        .containsExactly("Reggie/PER");
  }
}
