package io.newsline.registry.serde;

import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Per-thread reusable Avro encoders, decoders and output buffers: the serdes' hot path then
 * allocates only what it returns (the record, or the byte array). Nothing here is held across
 * calls, so thread-local reuse is safe even when one serde instance serves several threads.
 */
final class Codecs {
  /** A buffer that grew past this size is dropped after use, so one huge record does not pin memory. */
  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);
  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

  private Codecs() {}

  /** This thread's output, emptied, with room reserved for the wire-format header. */
  static Output output() {
    Output out = OUTPUT.get();
    out.count = WireFormat.HEADER_SIZE;
    return out;
  }

  /** A decoder over data[offset..], reusing this thread's decoder. */
  static BinaryDecoder decoder(byte[] data, int offset) {
    BinaryDecoder d =
        DecoderFactory.get().binaryDecoder(data, offset, data.length - offset, DECODER.get());
    DECODER.set(d);
    return d;
  }

  /**
   * An unsynchronised growable byte buffer (unlike ByteArrayOutputStream) with its encoder;
   * {@link #finish} returns the bytes written. The encoder is unbuffered and writes straight into
   * this buffer, so it never holds bytes of its own: a write that failed half-way leaves nothing
   * behind that could leak into the next record.
   */
  static final class Output extends OutputStream {
    private byte[] buf = new byte[512];
    private int count;
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }

    /** Stamps the header and returns a copy of the bytes. */
    byte[] finish(int schemaId) {
      WireFormat.writeHeader(buf, schemaId);
      byte[] bytes = Arrays.copyOf(buf, count);
      if (buf.length > MAX_RETAINED_BUFFER) {
        OUTPUT.remove();
      }
      return bytes;
    }
  }
}
