package io.newsline.ingest.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextCleanerTest {
  private final TextCleaner cleaner = new TextCleaner();

  @ParameterizedTest
  @ValueSource(strings = {
      "Big Bank Hank, US rapper and Sugarhill Gang founder member, dies at 57",
      "Posted in: Celebrity News Posted: December 3, 2014 Axl Rose Dead? ...",
      "World's oldest burger",
      "Subscribe",
      "Advertisement"})
  void oneLineTextsAreNeverEmptied(String text) {
    CleanText clean = cleaner.clean(text, true);
    assertThat(clean.text()).isEqualTo(text);
  }

  @Test
  void aHeadlineOnlyBecomesTheTitleWhenABodyRemains() {
    assertThat(cleaner.clean("Big Bank Hank dies at 57\nThe rapper died on Tuesday, his label said.", true).title())
        .isEqualTo("Big Bank Hank dies at 57");
    assertThat(cleaner.clean("Big Bank Hank dies at 57", true).title()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "“We will support our Ukrainian partners for as long as it takes, and you can quote me on that,” Rutte told reporters.",
      "Brandishing a knife, he declares: 'All crusaders, we swear we will mix it with your blood.'",
      "We must support our allies, and Europe must do more to rearm.",
      "If you live in Kyiv, the sirens have become part of the night.",
      "Related to this, the ministry said the grid would be repaired within a week.",
      "More in Moscow believe the war will last years than at any time since 2022.",
      "Reported by state media, the strike killed twelve people in Kharkiv.",
      "The newsletter, published weekly by the ministry, listed the new sanctions.",
      "NATO membership for Ukraine remains off the table, Ushakov said.",
      "Analysts tracking Russian troop movements say the offensive has stalled.",
      "Google News has been fined by the French competition authority.",
      "When this article was written, the death toll stood at 40.",
      "The Kremlin on Tuesday indicated that five hours of talks failed to achieve a breakthrough.",
      "Key Points",
      "Background",
      "What comes next"})
  void realTextIsKept(String line) {
    String text = "First paragraph of the story, with enough words to be a paragraph.\n" + line + "\nLast paragraph of the story.";
    assertThat(cleaner.clean(text, false).text().split("\n")).contains(line);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Skip to content", "Advertisement", "ADVERTISEMENT", "Become a Member for Full Access", "Published At:",
      "Share this article", "Share on Facebook", "Facebook Twitter Email", "Follow us on Google News",
      "Sign up for our morning newsletter", "Subscribe to our free newsletter to unlock direct links to all sources.",
      "Members are reading: Why the talks failed.", "Exclusive Analysis Continues:", "CTA Image", "info_icon",
      "AI generated illustration related to: Moscow talks stall", "Updated 3 hours ago", "Posted: December 3, 2014",
      "5 min read", "Listen to this article", "More in Russia", "See all", "More from Elena Kowalski",
      "Related: Putin says the talks were useful", "READ MORE: Kremlin rejects plan", "Tags: Russia, Ukraine",
      "Photo: AP", "Joan Rivers. Photo: AP", "(Reporting by Guy Faulconbridge; Editing by Alex Richardson)",
      "© 2025 Example News. All rights reserved.", "Comments (73)", "Support our work", "Contribute", "×",
      "EU/NATO institutional expert tracking hybrid warfare. I analyze where hard power meets soft power. I'm a AI-powered journalist.",
      "Stay informed with Example News — your trusted source for verified reporting. Follow us on X for real-time updates.",
      "This article was rewritten by Example News based on verified reporting from trusted sources and fact-checked."})
  void boilerplateGoes(String line) {
    String text = "First paragraph of the story, with enough words to be a paragraph.\n" + line + "\nLast paragraph of the story.";
    assertThat(cleaner.clean(text, false).text())
        .isEqualTo("First paragraph of the story, with enough words to be a paragraph.\nLast paragraph of the story.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"May 2, 2013, 1:12 PM", "Updated Saturday, December 05, 2009 8:28 PM", "Posted: May 24, 2005",
      "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM", "05 / 02 / 2013", "Sunday 23 Dec 2012", "2013-05-02"})
  void anUndatedArticleKeepsItsDateLine(String dateline) {
    String text = "Lohan checks into rehab\n" + dateline + "\nShare this article\nLindsay Lohan has checked into a rehab facility, her lawyer said.";
    assertThat(cleaner.clean(text, false, true).text())
        .isEqualTo("Lohan checks into rehab\n" + dateline + "\nLindsay Lohan has checked into a rehab facility, her lawyer said.");
    // with a publication time the date line is furniture like any other date stamp
    assertThat(cleaner.clean(text, false, false).text()).doesNotContain(dateline);
  }

  @Test
  void onlyTheFirstDateStampNearTheTopIsTheDateLine() {
    String text = "Headline of the story here\nPUBLISHED: THURSDAY, MAY 2, 2013\nUPDATED: FRIDAY, MAY 3, 2013\n"
        + "First paragraph of the story.\nSecond paragraph.\nThird paragraph.\nMay 4, 2013";
    assertThat(cleaner.clean(text, false, true).text())
        .isEqualTo("Headline of the story here\nPUBLISHED: THURSDAY, MAY 2, 2013\nFirst paragraph of the story.\nSecond paragraph.\nThird paragraph.");
    // a stamp below the first paragraphs dates a comment or a teaser, not the article
    String late = "Headline of the story here\nFirst paragraph of the story.\nSecond paragraph.\nMay 4, 2013\nThird paragraph.";
    assertThat(cleaner.clean(late, false, true).text()).doesNotContain("May 4, 2013");
    // a time or an age is not a date line
    assertThat(cleaner.clean("Headline of the story here\nUpdated 3 hours ago\n10:32\nFirst paragraph.", false, true).text())
        .isEqualTo("Headline of the story here\nFirst paragraph.");
  }

  @Test
  void aDateLineAboveTheHeadlineIsNotTheTitle() {
    CleanText clean = cleaner.clean("May 24, 2005\nSixers fire O'Brien, hire Cheeks\nThe Philadelphia 76ers fired Jim O'Brien.", true, true);
    assertThat(clean.title()).isEqualTo("Sixers fire O'Brien, hire Cheeks");
    assertThat(clean.text()).isEqualTo("May 24, 2005\nThe Philadelphia 76ers fired Jim O'Brien.");
  }

  @Test
  void thePublishersVoiceGoesOnlyNextToAPrompt() {
    String voice = "We believe you deserve to verify everything we write. That's why we document every source.";
    String prompt = "Subscribe to our free newsletter to unlock direct links to all sources used in this article.";
    assertThat(cleaner.clean("Story paragraph one.\n" + prompt + "\n" + voice, false).text()).isEqualTo("Story paragraph one.");
    assertThat(cleaner.clean("Story paragraph one.\n" + voice + "\nStory paragraph two.", false).text())
        .isEqualTo("Story paragraph one.\n" + voice + "\nStory paragraph two.");
  }

  @Test
  void aCreditGluedToAParagraphIsCutNotTheParagraph() {
    String p = "It’s possible. On Friday, state media confirmed it for the first time. Officials said little more. Hmm, odd.";
    assertThat(cleaner.clean("Intro line of the story.\n" + p + " Images: Getty Images (3)", false).text())
        .isEqualTo("Intro line of the story.\n" + p);
  }

  @Test
  void bylinesAreTakenOutAndKept() {
    CleanText c = cleaner.clean("Talks stall in Moscow\nBy Elena Kowalski, Reuters\nThe talks ended without a deal.\nMore followed.", true);
    assertThat(c.byline()).isEqualTo("Elena Kowalski");
    assertThat(c.title()).isEqualTo("Talks stall in Moscow");
    assertThat(c.text()).isEqualTo("The talks ended without a deal.\nMore followed.");
  }

  @Test
  void normalisesLineEndingsInvisibleCharactersAndBullets() {
    CleanText c = cleaner.clean("One\u00ad para\u200bgraph.\r\n  •  Two   words.\rThree.", false);
    assertThat(c.text()).isEqualTo("One paragraph.\nTwo words.\nThree.");
  }

  @Test
  void bidiOverridesCannotReverseTitlesOrText() {
    assertThat(TextCleaner.normalizeTitle("Talks \u202eevif\u202c stall \u2067x\u2069")).isEqualTo("Talks evif stall x");
    assertThat(cleaner.clean("The \u202dtalks\u202c ended.", false).text()).isEqualTo("The talks ended.");
  }

  @Test
  void longDigitRunsDoNotBacktrack() {
    String digits = "1".repeat(150) + "x";
    assertThat(cleaner.clean("Paragraph.\n" + digits, false).text()).endsWith(digits);
  }
}
