package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineReportTest {
  @Test
  void longNamesAndHeadlinesAreCutWithAMark() {
    assertThat(TimelineReport.clip("A".repeat(100_000), 60)).hasSize(60).endsWith("...");
    assertThat(TimelineReport.clip("Dina Boluarte", 60)).isEqualTo("Dina Boluarte");
    assertThat(TimelineReport.clip("B".repeat(60), 60)).isEqualTo("B".repeat(60));
  }
}
