package io.newsline.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void aSecondValueAfterTheFirstIsAnErrorNotDropped() {
    // JSON Lines posted as one document: the second article was ingested as nothing, silently
    assertThatThrownBy(() -> Json.parse("{\"text\": \"one\"} {\"text\": \"two\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not valid JSON: Trailing token");
    assertThatThrownBy(() -> Json.parse("[1] x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Json.parse(" {\"text\": \"one\"} \n").get("text").asText()).isEqualTo("one");
  }

  @Test
  void aNameGivenTwiceIsAnError() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("Duplicate field 'a'");
  }
}
