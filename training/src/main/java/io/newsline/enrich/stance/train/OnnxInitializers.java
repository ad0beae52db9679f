package io.newsline.enrich.stance.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads named weight tensors (graph initializers) out of an ONNX file with a minimal protobuf
 * walker: ModelProto.graph (7) → GraphProto.initializer (5) → TensorProto dims (1), data_type (2),
 * float_data (4), name (8), raw_data (9). Enough to take the word-piece embedding table of a
 * MiniLM model; no ONNX runtime needed.
 */
final class OnnxInitializers {
  record Tensor(long[] dims, int dataType, ByteBuffer raw, float[] floats, long[] ints) {
    /** The single value of a scalar tensor stored in float_data or int32_data. */
    double scalar() {
      if (floats != null && floats.length == 1) {
        return floats[0];
      }
      if (ints != null && ints.length == 1) {
        return ints[0];
      }
      if (raw != null && dataType == 1) {
        return raw.getFloat(0);
      }
      if (raw != null && (dataType == 2 || dataType == 3)) {
        return dataType == 2 ? raw.get(0) & 0xff : raw.get(0);
      }
      throw new IllegalStateException("not a scalar");
    }
  }

  private OnnxInitializers() {}

  static Map<String, Tensor> read(byte[] model) {
    Map<String, Tensor> out = new HashMap<>();
    Reader m = new Reader(ByteBuffer.wrap(model));
    while (m.more()) {
      int tag = m.tag();
      if (tag >>> 3 == 7 && (tag & 7) == 2) {
        Reader g = m.sub();
        while (g.more()) {
          int t = g.tag();
          if (t >>> 3 == 5 && (t & 7) == 2) {
            tensor(g.sub(), out);
          } else {
            g.skip(t);
          }
        }
      } else {
        m.skip(tag);
      }
    }
    return out;
  }

  private static void tensor(Reader r, Map<String, Tensor> out) {
    long[] dims = new long[0];
    int type = 0;
    String name = null;
    ByteBuffer raw = null;
    float[] floats = null;
    long[] ints = null;
    while (r.more()) {
      int t = r.tag();
      int field = t >>> 3;
      if (field == 1 && (t & 7) == 0) {
        dims = append(dims, r.varint());
      } else if (field == 1 && (t & 7) == 2) {
        Reader p = r.sub();
        while (p.more()) {
          dims = append(dims, p.varint());
        }
      } else if (field == 2) {
        type = (int) r.varint();
      } else if (field == 4 && (t & 7) == 2) {
        ByteBuffer b = r.bytes().order(ByteOrder.LITTLE_ENDIAN);
        floats = new float[b.remaining() / 4];
        b.asFloatBuffer().get(floats);
      } else if (field == 4 && (t & 7) == 5) {
        floats = new float[] {Float.intBitsToFloat(r.fixed32())};
      } else if (field == 5 && (t & 7) == 2) {
        Reader p = r.sub();
        ints = new long[0];
        while (p.more()) {
          ints = append(ints, p.varint());
        }
      } else if (field == 5 && (t & 7) == 0) {
        ints = append(ints == null ? new long[0] : ints, r.varint());
      } else if (field == 8) {
        ByteBuffer b = r.bytes();
        byte[] s = new byte[b.remaining()];
        b.get(s);
        name = new String(s, java.nio.charset.StandardCharsets.UTF_8);
      } else if (field == 9) {
        raw = r.bytes().order(ByteOrder.LITTLE_ENDIAN);
      } else {
        r.skip(t);
      }
    }
    if (name != null) {
      out.put(name, new Tensor(dims, type, raw, floats, ints));
    }
  }

  private static long[] append(long[] a, long v) {
    long[] b = java.util.Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  /** Protobuf wire-format cursor over one message. */
  private static final class Reader {
    private final ByteBuffer b;

    Reader(ByteBuffer b) {
      this.b = b;
    }

    boolean more() {
      return b.hasRemaining();
    }

    int tag() {
      return (int) varint();
    }

    long varint() {
      long r = 0;
      for (int shift = 0; ; shift += 7) {
        byte c = b.get();
        r |= (long) (c & 0x7f) << shift;
        if (c >= 0) {
          return r;
        }
      }
    }

    int fixed32() {
      return b.order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    ByteBuffer bytes() {
      int len = (int) varint();
      ByteBuffer s = b.slice(b.position(), len);
      b.position(b.position() + len);
      return s;
    }

    Reader sub() {
      return new Reader(bytes());
    }

    void skip(int tag) {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> b.position(b.position() + 8);
        case 2 -> bytes();
        case 5 -> b.position(b.position() + 4);
        default -> throw new IllegalArgumentException("unsupported wire type " + (tag & 7));
      }
    }
  }
}
