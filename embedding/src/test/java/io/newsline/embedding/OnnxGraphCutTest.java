package io.newsline.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OnnxGraphCutTest {
  private static final String TEXT = "A 6.1-magnitude earthquake struck off Indonesia's Sulawesi island on Tuesday.";

  @Test
  void cutAtTheModelsOwnOutputKeepsEveryVector() {
    byte[] model = MiniLmFiles.resource(MiniLmFiles.MODEL);
    byte[] same = OnnxGraphCut.cut(model, "last_hidden_state");
    assertThat(same.length).isEqualTo(model.length);
    assertThat(same).isEqualTo(model);
  }

  @Test
  void fewerLayersRunAndGiveAnotherUnitVector() {
    byte[] model = MiniLmFiles.resource(MiniLmFiles.MODEL);
    byte[] three = OnnxGraphCut.cut(model, "/encoder/layer.2/output/LayerNorm/Add_1_output_0");
    assertThat(three.length).isLessThan(model.length - 4_000_000); // three layers' weights (1.8 MB each) dropped

    float[] full = new MiniLmModel().embed(TEXT);
    float[] cut = new MiniLmModel(3, true).embed(TEXT);
    assertThat(cut).hasSize(full.length).isNotEqualTo(full);
    double norm = 0;
    for (float x : cut) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1, Offset.offset(1e-5));
    assertThat(new MiniLmModel(3, true).embed(TEXT)).isEqualTo(cut); // deterministic
  }

  @Test
  void refusesATensorNoNodeComputes() {
    byte[] model = MiniLmFiles.resource(MiniLmFiles.MODEL);
    assertThatThrownBy(() -> OnnxGraphCut.cut(model, "no such tensor")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxGraphCut.cut(new byte[] {8, 1}, "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
