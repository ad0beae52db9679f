package io.newsline.embedding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts an ONNX model's graph at one of its tensors: the graph's single output becomes that tensor
 * (same type and shape as the old output), and only the nodes and initializers it is computed from
 * stay. Works on the protobuf wire format of ONNX's {@code ModelProto} without a protobuf library:
 * every other field is copied byte for byte, and the kept nodes keep their order (ONNX graphs are
 * topologically sorted). Used to run the first layers of MiniLM from the jar's own model file, so
 * that no second model ships.
 */
final class OnnxGraphCut {
  // ModelProto.graph, GraphProto.{node, initializer, output, value_info}, NodeProto.{input, output},
  // TensorProto.name and ValueInfoProto.name (onnx.proto3).
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_OUTPUT = 12;
  private static final int GRAPH_VALUE_INFO = 13;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int TENSOR_NAME = 8;
  private static final int VALUE_INFO_NAME = 1;

  private OnnxGraphCut() {}

  /** The model whose graph ends at {@code tensor}: its one output, renamed to that tensor. */
  static byte[] cut(byte[] model, String tensor) {
    Out out = new Out();
    boolean found = false;
    for (Field f : fields(model)) {
      if (f.number == MODEL_GRAPH) {
        out.bytes(MODEL_GRAPH, cutGraph(f.bytes(model), tensor));
        found = true;
      } else {
        out.raw(model, f);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("not an ONNX model: no graph");
    }
    return out.toByteArray();
  }

  private static byte[] cutGraph(byte[] graph, String tensor) {
    List<Field> all = fields(graph);
    List<Field> nodes = all.stream().filter(f -> f.number == GRAPH_NODE).toList();
    // Walk back from the new output: a node stays when it computes a tensor still needed.
    Set<String> needed = new HashSet<>(Set.of(tensor));
    Set<Field> kept = new HashSet<>();
    boolean produced = false;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      byte[] node = nodes.get(i).bytes(graph);
      if (strings(node, NODE_OUTPUT).stream().anyMatch(needed::contains)) {
        produced |= strings(node, NODE_OUTPUT).contains(tensor);
        kept.add(nodes.get(i));
        needed.addAll(strings(node, NODE_INPUT));
      }
    }
    if (!produced) {
      throw new IllegalArgumentException("no node of the graph computes " + tensor);
    }
    Out out = new Out();
    int outputs = 0;
    for (Field f : all) {
      byte[] body = f.bytes(graph);
      switch (f.number) {
        case GRAPH_NODE -> {
          if (kept.contains(f)) {
            out.raw(graph, f);
          }
        }
        case GRAPH_INITIALIZER -> {
          if (needed.contains(string(body, TENSOR_NAME))) {
            out.raw(graph, f);
          }
        }
        case GRAPH_VALUE_INFO -> {
          if (needed.contains(string(body, VALUE_INFO_NAME))) {
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
    for (Field f : fields(valueInfo)) {
      if (f.number != VALUE_INFO_NAME) {
        out.raw(valueInfo, f);
      }
    }
    return out.toByteArray();
  }

  private static List<String> strings(byte[] message, int number) {
    List<String> s = new ArrayList<>();
    for (Field f : fields(message)) {
      if (f.number == number) {
        s.add(new String(message, f.from, f.length, StandardCharsets.UTF_8));
      }
    }
    return s;
  }

  private static String string(byte[] message, int number) {
    List<String> s = strings(message, number);
    return s.isEmpty() ? null : s.get(0);
  }

  /**
   * One field of a message: its number, where its whole encoding starts ({@code start}) and where
   * a length-delimited field's body starts ({@code from}, {@code length}); {@code end} ends the encoding.
   */
  private record Field(int number, int start, int from, int length, int end) {
    byte[] bytes(byte[] message) {
      byte[] b = new byte[length];
      System.arraycopy(message, from, b, 0, length);
      return b;
    }
  }

  private static List<Field> fields(byte[] m) {
    List<Field> fields = new ArrayList<>();
    int[] at = {0};
    while (at[0] < m.length) {
      int start = at[0];
      long key = varint(m, at);
      int number = (int) (key >>> 3);
      int from = at[0];
      int length = 0;
      switch ((int) (key & 7)) {
        case 0 -> varint(m, at);
        case 1 -> at[0] += 8;
        case 2 -> {
          length = (int) varint(m, at);
          from = at[0];
          at[0] += length;
        }
        case 5 -> at[0] += 4;
        default -> throw new IllegalArgumentException("unsupported protobuf wire type " + (key & 7) + " at byte " + start);
      }
      if (at[0] > m.length) {
        throw new IllegalArgumentException("truncated protobuf message at byte " + start);
      }
      fields.add(new Field(number, start, from, length, at[0]));
    }
    return fields;
  }

  private static long varint(byte[] m, int[] at) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = m[at[0]++];
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return v;
      }
    }
  }

  /** A message being written. */
  private static final class Out extends ByteArrayOutputStream {
    void raw(byte[] message, Field f) {
      write(message, f.start, f.end - f.start);
    }

    void bytes(int number, byte[] body) {
      varint((long) number << 3 | 2);
      varint(body.length);
      writeBytes(body);
    }

    private void varint(long v) {
      while ((v & ~0x7fL) != 0) {
        write((int) (v & 0x7f) | 0x80);
        v >>>= 7;
      }
      write((int) v);
    }
  }
}
