package io.newsline.embedding;

import static io.newsline.embedding.OnnxWire.ATTRIBUTE_F;
import static io.newsline.embedding.OnnxWire.ATTRIBUTE_I;
import static io.newsline.embedding.OnnxWire.ATTRIBUTE_NAME;
import static io.newsline.embedding.OnnxWire.ATTRIBUTE_T;
import static io.newsline.embedding.OnnxWire.ATTRIBUTE_TYPE;
import static io.newsline.embedding.OnnxWire.GRAPH_INITIALIZER;
import static io.newsline.embedding.OnnxWire.GRAPH_NODE;
import static io.newsline.embedding.OnnxWire.GRAPH_OUTPUT;
import static io.newsline.embedding.OnnxWire.GRAPH_VALUE_INFO;
import static io.newsline.embedding.OnnxWire.MODEL_OPSET_IMPORT;
import static io.newsline.embedding.OnnxWire.NODE_ATTRIBUTE;
import static io.newsline.embedding.OnnxWire.NODE_DOMAIN;
import static io.newsline.embedding.OnnxWire.NODE_INPUT;
import static io.newsline.embedding.OnnxWire.NODE_NAME;
import static io.newsline.embedding.OnnxWire.NODE_OP_TYPE;
import static io.newsline.embedding.OnnxWire.NODE_OUTPUT;
import static io.newsline.embedding.OnnxWire.OPSET_DOMAIN;
import static io.newsline.embedding.OnnxWire.OPSET_VERSION;
import static io.newsline.embedding.OnnxWire.TENSOR_DATA_TYPE;
import static io.newsline.embedding.OnnxWire.TENSOR_DIMS;
import static io.newsline.embedding.OnnxWire.TENSOR_FLOAT_DATA;
import static io.newsline.embedding.OnnxWire.TENSOR_INT32_DATA;
import static io.newsline.embedding.OnnxWire.TENSOR_NAME;
import static io.newsline.embedding.OnnxWire.TENSOR_RAW_DATA;
import static io.newsline.embedding.OnnxWire.VALUE_INFO_NAME;

import io.newsline.embedding.OnnxWire.Field;
import io.newsline.embedding.OnnxWire.Out;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jar's quantised MiniLM graph with each layer's operators fused into ONNX Runtime's own
 * transformer operators (its {@code com.microsoft} domain), what its Python transformer optimiser
 * would do, done at load time on the wire format ({@link OnnxWire}):
 *
 * <ul>
 *   <li>the self-attention (three quantised products for query, key and value, their biases, the
 *       reshapes and transposes, the scaled product, the mask, the softmax) becomes one {@code
 *       QAttention} on the layer input's quantised bytes, with the three weight matrices side by
 *       side (per-column scales and zero points as they were); no mask, since newsline runs one
 *       text at a time with every position attended ({@link MiniLmModel}), where the graph's mask
 *       adds zero;
 *   <li>each dense product after it ({@code attention/output}, {@code output}) becomes one {@code
 *       DynamicQuantizeMatMul} with its bias, and the residual sum and layer normalisation after
 *       it one {@code SkipLayerNormalization}.
 * </ul>
 *
 * <p>61 kernels per run instead of 192 (after ONNX Runtime's own fusions either way), 0.88 of the
 * cost per call, and the same output bytes: these kernels do the same float operations in the same
 * order (docs/benchmarks.md, MiniLM's graph fused; {@code MiniLmModelTest} checks the bytes
 * against langchain4j's run of the unfused graph). Fails on a graph that is not the one it was
 * written for (names of nodes are those of the jar's export).
 */
final class OnnxGraphFusion {
  private static final int LAYERS = MiniLmModel.LAYERS;
  /** MiniLM's attention heads per layer (384 dimensions, 32 per head). */
  private static final int HEADS = 12;
  private static final String CONTRIB = "com.microsoft";
  private static final int FLOAT = 1;
  private static final int INT8 = 3;
  private static final int ATTRIBUTE_FLOAT = 1;
  private static final int ATTRIBUTE_INT = 2;

  private final byte[] graph;
  private final List<Field> graphFields;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, byte[]> initializers = new HashMap<>();
  private final Set<String> removed = new HashSet<>();
  /** New nodes by the tensor they compute: each goes where the removed node computing it was. */
  private final Map<String, Node> replacing = new HashMap<>();
  private final List<byte[]> newInitializers = new ArrayList<>();

  private OnnxGraphFusion(byte[] graph) {
    this.graph = graph;
    this.graphFields = OnnxWire.fields(graph);
    for (Field f : graphFields) {
      if (f.number() == GRAPH_NODE) {
        Node n = Node.parse(f.bytes(graph));
        nodes.put(n.name, n);
      } else if (f.number() == GRAPH_INITIALIZER) {
        byte[] t = f.bytes(graph);
        initializers.put(OnnxWire.string(t, TENSOR_NAME), t);
      }
    }
  }

  /** The model with every layer's attention and residual normalisations fused. */
  static byte[] fuse(byte[] model) {
    Out out = OnnxWire.withGraph(model, graph -> {
      OnnxGraphFusion fusion = new OnnxGraphFusion(graph);
      for (int l = 0; l < LAYERS; l++) {
        fusion.attention("/encoder/layer." + l + "/attention/self/");
        fusion.skipLayerNorm("/encoder/layer." + l + "/attention/output/");
        fusion.skipLayerNorm("/encoder/layer." + l + "/output/");
      }
      return fusion.graph();
    });
    // ONNX Runtime's contrib operators, version 1
    return out.bytes(MODEL_OPSET_IMPORT, new Out().string(OPSET_DOMAIN, CONTRIB).varint(OPSET_VERSION, 1).toByteArray()).toByteArray();
  }

  /** Query, key and value products, their biases and the attention under {@code p}: one QAttention. */
  private void attention(String p) {
    Node[] products = new Node[3];
    Node[] scales = new Node[3];
    Node[] biases = new Node[3];
    String[] parts = {"query", "key", "value"};
    for (int k = 0; k < 3; k++) {
      products[k] = node(p + parts[k] + "/MatMul_quant");
      scales[k] = node(p + parts[k] + "/MatMul_quant_scales_mul");
      biases[k] = node(p + parts[k] + "/Add");
    }
    String output = node(p + "Reshape_3").outputs.get(0);
    for (Node n : nodes.values()) {
      if (n.name.startsWith(p) && !n.op.equals("DynamicQuantizeLinear")) { // the output's quantisation stays
        removed.add(n.name);
      }
    }
    String w = p + "qkv/weight_quantized";
    String ws = p + "qkv/weight_scale";
    String wz = p + "qkv/weight_zero_point";
    String b = p + "qkv/bias";
    newInitializers.add(tensor(w, INT8, sideBySide(products, 1, 384), 384, 3 * 384));
    newInitializers.add(tensor(ws, FLOAT, sideBySide(scales, 1, 1), 3 * 384));
    newInitializers.add(tensor(wz, INT8, sideBySide(products, 3, 1), 3 * 384));
    newInitializers.add(tensor(b, FLOAT, sideBySide(biases, 0, 1), 3 * 384));
    Node input = products[0];
    replacing.put(output, Node.contrib("QAttention", p + "QAttention",
        List.of(input.inputs.get(0), w, b, scales[0].inputs.get(0), ws, "", input.inputs.get(2), wz), output,
        intAttribute("num_heads", HEADS)));
  }

  /**
   * The dense product under {@code p} (its input's quantisation, the integer product, its scaling,
   * its bias) as one DynamicQuantizeMatMul, and the residual sum and layer normalisation after it
   * as one SkipLayerNormalization.
   */
  private void skipLayerNorm(String p) {
    Node product = node(p + "dense/MatMul_quant");
    Node scale = node(p + "dense/MatMul_quant_scales_mul");
    Node bias = node(p + "dense/Add");
    Node residual = node(p + "Add");
    Node quantise = producer(product.inputs.get(0));
    Node gamma = node(p + "LayerNorm/Mul");
    Node beta = node(p + "LayerNorm/Add_1");
    float epsilon = floats(constant(node(p + "LayerNorm/Constant_1")))[0];
    List<String> dense = List.of(p + "dense/MatMul_quant", p + "dense/MatMul_quant_scales_mul",
        p + "dense/MatMul_output_0_output_quantized_cast", p + "dense/MatMul_quant_output_scale_mul", p + "dense/Add", p + "Add");
    for (String name : dense) {
      node(name);
      removed.add(name);
    }
    removed.add(quantise.name);
    for (Node n : nodes.values()) {
      if (n.name.startsWith(p + "LayerNorm/") && !n.op.equals("DynamicQuantizeLinear")) { // the output's quantisation stays
        removed.add(n.name);
      }
    }
    String sum = bias.outputs.get(0);
    String skip = residual.inputs.get(0).equals(sum) ? residual.inputs.get(1) : residual.inputs.get(0);
    replacing.put(sum, Node.contrib("DynamicQuantizeMatMul", p + "dense/DynamicQuantizeMatMul",
        List.of(quantise.inputs.get(0), product.inputs.get(1), scale.inputs.get(1), product.inputs.get(3), bias.inputs.get(0)), sum));
    String output = beta.outputs.get(0);
    replacing.put(output, Node.contrib("SkipLayerNormalization", p + "SkipLayerNorm",
        List.of(sum, skip, gamma.inputs.get(1), beta.inputs.get(1)), output, floatAttribute("epsilon", epsilon)));
  }

  /** The graph: new nodes in the removed ones' places, nodes no output depends on dropped, and what only they used. */
  private byte[] graph() {
    List<Node> kept = new ArrayList<>();
    for (Node n : nodes.values()) {
      if (!removed.contains(n.name)) {
        kept.add(n);
      }
      for (String o : n.outputs) {
        if (removed.contains(n.name) && replacing.containsKey(o)) {
          kept.add(replacing.remove(o));
        }
      }
    }
    if (!replacing.isEmpty()) {
      throw new IllegalArgumentException("no place for the fused nodes of " + replacing.keySet());
    }
    Set<String> outputs = new HashSet<>();
    for (Field f : graphFields) {
      if (f.number() == GRAPH_OUTPUT) {
        outputs.add(OnnxWire.string(f.bytes(graph), VALUE_INFO_NAME));
      }
    }
    Set<String> used;
    int before;
    do { // the attention mask's arithmetic, the shape computations of the attention: nothing needs them now
      before = kept.size();
      used = new HashSet<>(outputs);
      for (Node n : kept) {
        used.addAll(n.inputs);
      }
      Set<String> needed = used;
      kept.removeIf(n -> n.outputs.stream().noneMatch(needed::contains));
    } while (kept.size() != before);
    Set<String> computed = new HashSet<>();
    kept.forEach(n -> computed.addAll(n.outputs));
    Out out = new Out();
    boolean nodesWritten = false;
    for (Field f : graphFields) {
      switch (f.number()) {
        case GRAPH_NODE -> {
          if (!nodesWritten) {
            kept.forEach(n -> out.bytes(GRAPH_NODE, n.encoded));
            nodesWritten = true;
          }
        }
        case GRAPH_INITIALIZER -> {
          if (used.contains(OnnxWire.string(f.bytes(graph), TENSOR_NAME))) {
            out.raw(graph, f);
          }
        }
        case GRAPH_VALUE_INFO -> {
          if (computed.contains(OnnxWire.string(f.bytes(graph), VALUE_INFO_NAME))) {
            out.raw(graph, f);
          }
        }
        default -> out.raw(graph, f);
      }
    }
    newInitializers.forEach(t -> out.bytes(GRAPH_INITIALIZER, t));
    return out.toByteArray();
  }

  private Node node(String name) {
    Node n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException("not the MiniLM graph this fusion is for: no node " + name);
    }
    return n;
  }

  private Node producer(String tensor) {
    return nodes.values().stream().filter(n -> n.outputs.contains(tensor)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node computes " + tensor));
  }

  private byte[] initializer(String name) {
    byte[] t = initializers.get(name);
    if (t == null) {
      throw new IllegalArgumentException("not the MiniLM graph this fusion is for: no initializer " + name);
    }
    return t;
  }

  /**
   * The initializers that input {@code input} of the given nodes names, as rows of {@code rows}
   * rows side by side: the matrices' columns, or the vectors, one after the other.
   */
  private byte[] sideBySide(Node[] of, int input, int rows) {
    byte[][] parts = new byte[of.length][];
    int total = 0;
    for (int k = 0; k < of.length; k++) {
      parts[k] = values(initializer(of[k].inputs.get(input)));
      total += parts[k].length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (int r = 0; r < rows; r++) {
      for (byte[] part : parts) {
        int row = part.length / rows;
        System.arraycopy(part, r * row, out, at, row);
        at += row;
      }
    }
    return out;
  }

  /** A tensor's values as little-endian bytes, whichever field holds them (float and int8 tensors). */
  private static byte[] values(byte[] tensor) {
    Out floats = new Out();
    Out int8s = new Out();
    for (Field f : OnnxWire.fields(tensor)) {
      switch (f.number()) {
        case TENSOR_RAW_DATA -> {
          return f.bytes(tensor);
        }
        case TENSOR_FLOAT_DATA -> floats.writeBytes(f.bytes(tensor)); // packed: little-endian floats already
        case TENSOR_INT32_DATA -> {
          int[] at = {f.from()};
          while (at[0] < f.from() + f.length()) {
            int8s.write((int) OnnxWire.varint(tensor, at));
          }
        }
        default -> { }
      }
    }
    return floats.size() > 0 ? floats.toByteArray() : int8s.toByteArray();
  }

  private static float[] floats(byte[] tensor) {
    ByteBuffer b = ByteBuffer.wrap(values(tensor)).order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining() / 4];
    b.asFloatBuffer().get(f);
    return f;
  }

  /** The tensor of a Constant node. */
  private static byte[] constant(Node n) {
    for (Field a : OnnxWire.fields(n.encoded)) {
      if (a.number() == NODE_ATTRIBUTE) {
        byte[] attribute = a.bytes(n.encoded);
        for (Field t : OnnxWire.fields(attribute)) {
          if (t.number() == ATTRIBUTE_T) {
            return t.bytes(attribute);
          }
        }
      }
    }
    throw new IllegalArgumentException(n.name + " holds no tensor");
  }

  private static byte[] tensor(String name, int type, byte[] values, long... dims) {
    Out t = new Out();
    for (long d : dims) {
      t.varint(TENSOR_DIMS, d);
    }
    return t.varint(TENSOR_DATA_TYPE, type).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, values).toByteArray();
  }

  private static byte[] intAttribute(String name, long value) {
    return new Out().string(ATTRIBUTE_NAME, name).varint(ATTRIBUTE_I, value).varint(ATTRIBUTE_TYPE, ATTRIBUTE_INT).toByteArray();
  }

  private static byte[] floatAttribute(String name, float value) {
    return new Out().string(ATTRIBUTE_NAME, name).fixed32(ATTRIBUTE_F, Float.floatToRawIntBits(value))
        .varint(ATTRIBUTE_TYPE, ATTRIBUTE_FLOAT).toByteArray();
  }

  /** A node: what the fusion reads of it, and its encoding. */
  private record Node(String name, String op, List<String> inputs, List<String> outputs, byte[] encoded) {
    static Node parse(byte[] encoded) {
      return new Node(OnnxWire.string(encoded, NODE_NAME), OnnxWire.string(encoded, NODE_OP_TYPE),
          OnnxWire.strings(encoded, NODE_INPUT), OnnxWire.strings(encoded, NODE_OUTPUT), encoded);
    }

    static Node contrib(String op, String name, List<String> inputs, String output, byte[]... attributes) {
      Out n = new Out();
      inputs.forEach(i -> n.string(NODE_INPUT, i));
      n.string(NODE_OUTPUT, output).string(NODE_NAME, name).string(NODE_OP_TYPE, op);
      for (byte[] a : attributes) {
        n.bytes(NODE_ATTRIBUTE, a);
      }
      return parse(n.string(NODE_DOMAIN, CONTRIB).toByteArray());
    }
  }
}
