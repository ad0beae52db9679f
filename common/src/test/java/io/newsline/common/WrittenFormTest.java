package io.newsline.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrittenFormTest {
  @Test
  void capitalsNeedTwoLettersAndNoLowerCase() {
    assertThat(WrittenForm.inCapitals("SANTIAGO")).isTrue();
    assertThat(WrittenForm.inCapitals("AT&T")).isTrue();
    assertThat(WrittenForm.inCapitals("ÉCOLE")).isTrue();
    assertThat(WrittenForm.inCapitals("Santiago")).isFalse();
    assertThat(WrittenForm.inCapitals("X")).isFalse();
    assertThat(WrittenForm.inCapitals("X 1")).isFalse();
    assertThat(WrittenForm.inCapitals("")).isFalse();
  }

  @Test
  void aNameShowsBetterWhenLongerOrInRunningTextWhereTheKeptOneIsInCapitals() {
    assertThat(WrittenForm.showsBetter("Santiago", "SANTIAGO")).isTrue();
    assertThat(WrittenForm.showsBetter("SANTIAGO", "Santiago")).isFalse();
    assertThat(WrittenForm.showsBetter("Vladimir Putin", "Putin")).isTrue();
    assertThat(WrittenForm.showsBetter("WASHINGTON", "Washington D")).isFalse();
    assertThat(WrittenForm.showsBetter("Nato", "NATO")).isTrue();
  }
}
