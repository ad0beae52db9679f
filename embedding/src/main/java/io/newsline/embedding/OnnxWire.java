package io.newsline.embedding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The protobuf wire format, as far as editing ONNX's {@code ModelProto} needs it ({@link
 * OnnxGraphCut}, {@link OnnxGraphFusion}): a message read as its fields, in order, and a message
 * written field by field, so that whatever an edit does not touch is copied byte for byte.
 */
final class OnnxWire {
  // Field numbers of onnx.proto3: ModelProto.{opset_import, graph}, GraphProto.{node, initializer,
  // output, value_info}, NodeProto.{input, output, name, op_type, attribute, domain},
  // AttributeProto.{name, f, i, t, type}, TensorProto.{dims, data_type, float_data, int32_data,
  // name, raw_data}, ValueInfoProto.name, OperatorSetIdProto.{domain, version}.
  static final int MODEL_OPSET_IMPORT = 8;
  static final int MODEL_GRAPH = 7;
  static final int GRAPH_NODE = 1;
  static final int GRAPH_INITIALIZER = 5;
  static final int GRAPH_OUTPUT = 12;
  static final int GRAPH_VALUE_INFO = 13;
  static final int NODE_INPUT = 1;
  static final int NODE_OUTPUT = 2;
  static final int NODE_NAME = 3;
  static final int NODE_OP_TYPE = 4;
  static final int NODE_ATTRIBUTE = 5;
  static final int NODE_DOMAIN = 7;
  static final int ATTRIBUTE_NAME = 1;
  static final int ATTRIBUTE_F = 2;
  static final int ATTRIBUTE_I = 3;
  static final int ATTRIBUTE_T = 5;
  static final int ATTRIBUTE_TYPE = 20;
  static final int TENSOR_DIMS = 1;
  static final int TENSOR_DATA_TYPE = 2;
  static final int TENSOR_FLOAT_DATA = 4;
  static final int TENSOR_INT32_DATA = 5;
  static final int TENSOR_NAME = 8;
  static final int TENSOR_RAW_DATA = 9;
  static final int VALUE_INFO_NAME = 1;
  static final int OPSET_DOMAIN = 1;
  static final int OPSET_VERSION = 2;

  private OnnxWire() {}

  /**
   * One field of a message: its number, where its whole encoding starts ({@code start}) and where
   * a length-delimited field's body starts ({@code from}, {@code length}); {@code end} ends the
   * encoding.
   */
  record Field(int number, int start, int from, int length, int end) {
    byte[] bytes(byte[] message) {
      byte[] b = new byte[length];
      System.arraycopy(message, from, b, 0, length);
      return b;
    }

    String string(byte[] message) {
      return new String(message, from, length, StandardCharsets.UTF_8);
    }
  }

  static List<Field> fields(byte[] m) {
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

  /** The length-delimited fields {@code number} of a message, as text. */
  static List<String> strings(byte[] message, int number) {
    List<String> s = new ArrayList<>();
    for (Field f : fields(message)) {
      if (f.number == number) {
        s.add(f.string(message));
      }
    }
    return s;
  }

  /** The first field {@code number} of a message as text; null when it has none. */
  static String string(byte[] message, int number) {
    List<String> s = strings(message, number);
    return s.isEmpty() ? null : s.get(0);
  }

  /**
   * The model with its graph replaced by what {@code rewrite} makes of it, its other fields copied as
   * they were; more fields may be appended to the message returned.
   */
  static Out withGraph(byte[] model, UnaryOperator<byte[]> rewrite) {
    Out out = new Out();
    boolean found = false;
    for (Field f : fields(model)) {
      if (f.number == MODEL_GRAPH) {
        out.bytes(MODEL_GRAPH, rewrite.apply(f.bytes(model)));
        found = true;
      } else {
        out.raw(model, f);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("not an ONNX model: no graph");
    }
    return out;
  }

  static long varint(byte[] m, int[] at) {
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
  static final class Out extends ByteArrayOutputStream {
    /** A field of another message, copied as it was encoded there. */
    Out raw(byte[] message, Field f) {
      write(message, f.start, f.end - f.start);
      return this;
    }

    Out bytes(int number, byte[] body) {
      varint((long) number << 3 | 2);
      varint(body.length);
      writeBytes(body);
      return this;
    }

    Out string(int number, String s) {
      return bytes(number, s.getBytes(StandardCharsets.UTF_8));
    }

    Out varint(int number, long value) {
      varint((long) number << 3);
      varint(value);
      return this;
    }

    Out fixed32(int number, int value) {
      varint((long) number << 3 | 5);
      for (int k = 0; k < 4; k++) {
        write(value >>> 8 * k);
      }
      return this;
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
