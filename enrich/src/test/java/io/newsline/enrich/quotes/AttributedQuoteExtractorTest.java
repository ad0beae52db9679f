package io.newsline.enrich.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.model.Quote;
import io.newsline.enrich.model.Stance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribution patterns on realistic sentences, with entities given (independent of the NER). */
class AttributedQuoteExtractorTest {
  private final AttributedQuoteExtractor extractor = new AttributedQuoteExtractor();

  @Test
  void reportingClauseAfterTheQuote() {
    assertSpeakers("\u201cWe have not found a compromise yet,\u201d Ushakov said.", "per:yuri_ushakov");
    assertSpeakers("\"We have not found a compromise yet,\" said Ushakov.", "per:yuri_ushakov");
    assertSpeakers("\"A lot of work lies ahead,\" Ushakov told reporters on Tuesday.", "per:yuri_ushakov");
  }

  @Test
  void descriptionsAndAccordingTo() {
    assertSpeakers("The trip was meant to \"introduce them to American life,\" a U.S. military spokesperson told reporters.",
        "loc:united_states");
    assertSpeakers("The talks were \u201cuseful but incomplete,\u201d according to Ushakov.", "per:yuri_ushakov");
    ArticleText a = new ArticleText("t", null, "\"We are aware of the reports,\" a senior official said.");
    Quote q = extractor.extract(a, entities(a)).get(0);
    assertThat(q.speakerId()).isNull();
    assertThat(q.speaker()).isEqualTo("a senior official");
  }

  @Test
  void reportingVerbBeforeTheQuote() {
    assertSpeakers("Ushakov told reporters: \u201cThe talks were useful.\u201d", "per:yuri_ushakov");
    assertSpeakers("Ushakov told reporters that some ideas were \"more or less acceptable,\" but others \"don't work for us.\"",
        "per:yuri_ushakov", "per:yuri_ushakov");
    assertSpeakers("Kremlin aide Yuri Ushakov, who attended the meeting alongside Putin, said the plan was \u201cnot acceptable.\u201d",
        "per:yuri_ushakov");
  }

  @Test
  void pronounAfterANamedSpeakerAndContinuedQuote() {
    String text = "Putin\u2019s senior aide Yuri Ushakov said that Russia agreed with some elements. "
        + "\u201cWe have not come up with a compromise version yet,\u201d he said. \u201cA lot of work lies ahead.\u201d";
    assertSpeakers(text, "per:yuri_ushakov", "per:yuri_ushakov");
  }

  @Test
  void titleRefersBackToThePersonIntroducedWithIt() {
    String text = "Kremlin aide Yuri Ushakov met the envoys on Tuesday. Putin hosted them. "
        + "\"It was a useful conversation,\" the Kremlin aide told reporters.";
    assertSpeakers(text, "per:yuri_ushakov");
  }

  @Test
  void participleTakesTheSentenceSpeaker() {
    assertSpeakers("Trump told his cabinet that the talks were hard, calling the conflict \u201ca mess\u201d.", "per:donald_trump");
  }

  @Test
  void twoSpeakersInOneSentence() {
    String text = "While Kirill Dmitriev, Putin\u2019s special envoy, described the talks as \u201cproductive,\u201d "
        + "Yuri Ushakov stated that some ideas were \u201cacceptable.\u201d";
    assertSpeakers(text, "per:kirill_dmitriev", "per:yuri_ushakov");
  }

  @Test
  void quoteInTheTitle() {
    ArticleText a = new ArticleText("t", "\u2018No compromise yet\u2019: Ushakov", "The talks ended.");
    List<Quote> q = extractor.extract(a, entities(a));
    assertThat(q).hasSize(1);
    assertThat(q.get(0).field()).isEqualTo(Field.TITLE);
    assertThat(q.get(0).text()).isEqualTo("No compromise yet");
    assertThat(q.get(0).speakerId()).isEqualTo("per:yuri_ushakov");
  }

  @Test
  void straightSingleQuotesAsBritishOutletsWriteThem() {
    assertSpeakers("'We have not found a compromise yet,' Ushakov told reporters.", "per:yuri_ushakov");
    assertSpeakers("Ushakov said: 'It is Britain's long-standing position and we don't change it.'", "per:yuri_ushakov");
    ArticleText a = new ArticleText("t", null, "Ushakov called the talks 'productive' and left.");
    assertThat(extractor.extract(a, entities(a))).extracting(Quote::text).containsExactly("productive");
    ArticleText mixed = new ArticleText("t", null, "He appeared on 'The Show.\u2019 \u2018It is a disgusting rumor,\u2019 Ushakov wrote.");
    assertThat(extractor.extract(mixed, entities(mixed))).extracting(Quote::text).contains("It is a disgusting rumor");
  }

  @Test
  void apostrophesAreNotQuotationMarks() {
    ArticleText a = new ArticleText("t", null,
        "Putin's aide met Ushakov's team in the '90s, and the envoys' plans rock 'n roll fans didn't like were shelved.");
    assertThat(extractor.extract(a, entities(a))).isEmpty();
  }

  @Test
  void aDoubleQuoteStillOpensAfterAnUnclosedStraightSingleMark() {
    assertSpeakers("Fans of rock 'n roll heard Ushakov say \"the talks were useful.\"", "per:yuri_ushakov");
  }

  @Test
  void scareQuotesAreDroppedLongUnattributedQuotesKeptWithoutSpeaker() {
    ArticleText a = new ArticleText("t", null,
        "Moscow \u201cstudied\u201d the plan. A banner read \u201cthis is the end of diplomacy\u201d.");
    List<Quote> q = extractor.extract(a, entities(a));
    assertThat(q).extracting(Quote::text).containsExactly("this is the end of diplomacy");
    assertThat(q.get(0).speakerId()).isNull();
  }

  @Test
  void offsetsIndexTheQuotedWordsWithoutMarks() {
    ArticleText a = new ArticleText("t", null, "Ushakov said \"work will continue,\" but gave no date.");
    Quote q = extractor.extract(a, entities(a)).get(0);
    assertThat(a.text().substring(q.start(), q.end())).isEqualTo("work will continue").isEqualTo(q.text());
  }

  private void assertSpeakers(String text, String... expected) {
    ArticleText a = new ArticleText("t", null, text);
    assertThat(extractor.extract(a, entities(a))).extracting(Quote::speakerId).containsExactly(expected);
  }

  /** The people and organisations of these examples, with a mention at every occurrence. */
  static List<Entity> entities(ArticleText a) {
    List<Entity> out = new ArrayList<>();
    add(out, a, "per:yuri_ushakov", "Yuri Ushakov", EntityType.PERSON, "Yuri Ushakov", "Ushakov");
    add(out, a, "per:kirill_dmitriev", "Kirill Dmitriev", EntityType.PERSON, "Kirill Dmitriev", "Dmitriev");
    add(out, a, "per:vladimir_putin", "Vladimir Putin", EntityType.PERSON, "Putin");
    add(out, a, "per:donald_trump", "Donald Trump", EntityType.PERSON, "Trump");
    add(out, a, "org:kremlin", "Kremlin", EntityType.ORGANIZATION, "Kremlin");
    add(out, a, "loc:moscow", "Moscow", EntityType.LOCATION, "Moscow");
    add(out, a, "loc:united_states", "United States", EntityType.LOCATION, "U.S.");
    return out;
  }

  private static void add(List<Entity> out, ArticleText a, String id, String name, EntityType type, String... forms) {
    List<Mention> mentions = new ArrayList<>();
    for (Field f : Field.values()) {
      String s = a.field(f);
      boolean[] taken = new boolean[s.length() + 1];
      for (String form : forms) {
        for (int i = s.indexOf(form); i >= 0; i = s.indexOf(form, i + 1)) {
          if (!taken[i]) {
            mentions.add(new Mention(i, i + form.length(), f, form));
            for (int k = i; k < i + form.length(); k++) {
              taken[k] = true;
            }
          }
        }
      }
    }
    mentions.sort((x, y) -> x.field() != y.field() ? x.field().compareTo(y.field()) : Integer.compare(x.start(), y.start()));
    if (!mentions.isEmpty()) {
      out.add(new Entity(id, name, type, 1.0, Stance.NONE, mentions));
    }
  }
}
