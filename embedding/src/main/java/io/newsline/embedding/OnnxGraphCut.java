package io.newsline.embedding;

import static io.newsline.embedding.OnnxWire.GRAPH_INITIALIZER;
import static io.newsline.embedding.OnnxWire.GRAPH_NODE;
import static io.newsline.embedding.OnnxWire.GRAPH_OUTPUT;
import static io.newsline.embedding.OnnxWire.GRAPH_VALUE_INFO;
import static io.newsline.embedding.OnnxWire.NODE_INPUT;
import static io.newsline.embedding.OnnxWire.NODE_OUTPUT;
import static io.newsline.embedding.OnnxWire.TENSOR_NAME;
import static io.newsline.embedding.OnnxWire.VALUE_INFO_NAME;

import io.newsline.embedding.OnnxWire.Field;
import io.newsline.embedding.OnnxWire.Out;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts an ONNX model's graph at one of its tensors: the graph's single output becomes that tensor
 * (same type and shape as the old output), and only the nodes and initializers it is computed from
 * stay. Works on the protobuf wire format of ONNX's {@code ModelProto} without a protobuf library
 * ({@link OnnxWire}): every other field is copied byte for byte, and the kept nodes keep their
 * order (ONNX graphs are topologically sorted). Used to run the first layers of MiniLM from the
 * jar's own model file, so that no second model ships.
 */
final class OnnxGraphCut {
  private OnnxGraphCut() {}

  /** The model whose graph ends at {@code tensor}: its one output, renamed to that tensor. */
  static byte[] cut(byte[] model, String tensor) {
    return OnnxWire.withGraph(model, graph -> cutGraph(graph, tensor)).toByteArray();
  }

  private static byte[] cutGraph(byte[] graph, String tensor) {
    List<Field> all = OnnxWire.fields(graph);
    List<Field> nodes = all.stream().filter(f -> f.number() == GRAPH_NODE).toList();
    // Walk back from the new output: a node stays when it computes a tensor still needed.
    Set<String> needed = new HashSet<>(Set.of(tensor));
    Set<Field> kept = new HashSet<>();
    boolean produced = false;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      byte[] node = nodes.get(i).bytes(graph);
      if (OnnxWire.strings(node, NODE_OUTPUT).stream().anyMatch(needed::contains)) {
        produced |= OnnxWire.strings(node, NODE_OUTPUT).contains(tensor);
        kept.add(nodes.get(i));
        needed.addAll(OnnxWire.strings(node, NODE_INPUT));
      }
    }
    if (!produced) {
      throw new IllegalArgumentException("no node of the graph computes " + tensor);
    }
    Out out = new Out();
    int outputs = 0;
    for (Field f : all) {
      byte[] body = f.bytes(graph);
      switch (f.number()) {
        case GRAPH_NODE -> {
          if (kept.contains(f)) {
            out.raw(graph, f);
          }
        }
        case GRAPH_INITIALIZER -> {
          if (needed.contains(OnnxWire.string(body, TENSOR_NAME))) {
            out.raw(graph, f);
          }
        }
        case GRAPH_VALUE_INFO -> {
          if (needed.contains(OnnxWire.string(body, VALUE_INFO_NAME))) {
            out.raw(graph, f);
          }
        }
        case GRAPH_OUTPUT -> {
          outputs++;
          out.bytes(GRAPH_OUTPUT, renamed(body, tensor));
        }
        default -> out.raw(graph, f);
      }
    }
    if (outputs != 1) {
      throw new IllegalArgumentException("expected a graph of one output, not " + outputs);
    }
    return out.toByteArray();
  }

  /** The value info with its name replaced (its type, and so its shape, kept). */
  private static byte[] renamed(byte[] valueInfo, String name) {
    Out out = new Out();
    out.bytes(VALUE_INFO_NAME, name.getBytes(StandardCharsets.UTF_8));
    for (Field f : OnnxWire.fields(valueInfo)) {
      if (f.number() != VALUE_INFO_NAME) {
        out.raw(valueInfo, f);
      }
    }
    return out.toByteArray();
  }
}
