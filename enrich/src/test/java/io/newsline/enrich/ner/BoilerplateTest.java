package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoilerplateTest {
  @Test
  void pageFurnitureIsBoilerplate() {
    for (String line : new String[] {"Advertisement", "Skip to content", "Subscribe to our free newsletter",
        "Share on Facebook", "Follow us on Google News, BlueSky, and X for real-time updates.",
        "More from Elena Kowalski", "By John Smith", "CTA Image", "info_icon", "See all", "Published At:",
        "Photo: AP; Representative Image", "Become a Member for Full Access", "\u00d7",
        "Members are reading: Why Putin's accusation that Europe is blocking peace is a wedge strategy.",
        "Reporting by Jane Doe; Editing by John Roe"}) {
      assertThat(Boilerplate.isBoilerplate(line)).as(line).isTrue();
    }
  }

  @Test
  void articleProseIsNot() {
    for (String line : new String[] {
        "Trump told reporters in Washington on Tuesday that his envoys were in Russia.",
        "Putin Refuses Compromise in Moscow Talks as Ukraine War Grinds On",
        "By 2024 and 2025, the conflict had evolved into a grinding, attritional war.",
        "Zelensky said he expected a briefing from the US negotiators."}) {
      assertThat(Boilerplate.isBoilerplate(line)).as(line).isFalse();
    }
  }
}
