package io.newsline.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxGraphFusionTest {
  private static final String LEAD = "Quake hits the coast. A 6.1-magnitude earthquake struck off Indonesia's Sulawesi island on"
      + " Tuesday, the U.S. Geological Survey said, damaging buildings and sending residents fleeing to higher ground. ";

  /** The fusion's promise: stored sums and the static tables' targets stay valid without a migration. */
  @Test
  void embedsBitForBitAsTheUnfusedGraph() {
    MiniLmModel fused = new MiniLmModel(MiniLmModel.LAYERS, true);
    MiniLmModel unfused = new MiniLmModel(MiniLmModel.LAYERS, false);
    for (String text : List.of("Quake", "Quake hits the coast", LEAD, LEAD + LEAD + LEAD, "Ärger über Ölpreise: İstanbul, 東京 [SEP] $4.5bn")) {
      assertThat(fused.embed(text)).as(text).isEqualTo(unfused.embed(text));
    }
    assertThat(new MiniLmModel(3, true).embed(LEAD)).isEqualTo(new MiniLmModel(3, false).embed(LEAD)); // cut after fusing
  }

  @Test
  void everyLayerRunsAsFourFusedOperators() {
    byte[] model = MiniLmFiles.resource(MiniLmFiles.MODEL);
    List<String> before = ops(model);
    List<String> after = ops(OnnxGraphFusion.fuse(model));
    assertThat(after).filteredOn("QAttention"::equals).hasSize(MiniLmModel.LAYERS);
    assertThat(after).filteredOn("SkipLayerNormalization"::equals).hasSize(2 * MiniLmModel.LAYERS);
    assertThat(after).filteredOn("DynamicQuantizeMatMul"::equals).hasSize(2 * MiniLmModel.LAYERS);
    assertThat(after).doesNotContain("Softmax", "Transpose", "Reshape");
    assertThat(after.size()).isLessThan(before.size() / 3);
  }

  @Test
  void refusesAnotherGraph() {
    byte[] model = MiniLmFiles.resource(MiniLmFiles.MODEL);
    byte[] threeLayers = OnnxGraphCut.cut(model, "/encoder/layer.2/output/LayerNorm/Add_1_output_0");
    assertThatThrownBy(() -> OnnxGraphFusion.fuse(threeLayers)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer.3");
    assertThatThrownBy(() -> OnnxGraphFusion.fuse(new byte[] {8, 1})).isInstanceOf(IllegalArgumentException.class);
  }

  /** The operator of every node of the model's graph, in order. */
  private static List<String> ops(byte[] model) {
    List<String> ops = new ArrayList<>();
    for (OnnxWire.Field f : OnnxWire.fields(model)) {
      if (f.number() == OnnxWire.MODEL_GRAPH) {
        byte[] graph = f.bytes(model);
        for (OnnxWire.Field n : OnnxWire.fields(graph)) {
          if (n.number() == OnnxWire.GRAPH_NODE) {
            ops.add(OnnxWire.string(n.bytes(graph), OnnxWire.NODE_OP_TYPE));
          }
        }
      }
    }
    return ops;
  }
}
