package io.newsline.registry.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema's global id as a 4-byte big-endian int, then the
 * Avro binary encoding of the record.
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  /** Bytes before the Avro payload: the magic byte and the schema id. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The schema id in the header, after checking the magic byte and the length. */
  public static int schemaId(byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new SerializationException("record too short: " + data.length
          + " byte(s), the Confluent wire format needs at least " + HEADER_SIZE);
    }
    if (data[0] != MAGIC_BYTE) {
      throw new SerializationException(String.format(
          "unknown magic byte 0x%02x (not Confluent wire format)", data[0] & 0xff));
    }
    return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
  }

  /** Writes the header for this schema id into the first {@link #HEADER_SIZE} bytes of {@code out}. */
  static void writeHeader(byte[] out, int schemaId) {
    out[0] = MAGIC_BYTE;
    out[1] = (byte) (schemaId >>> 24);
    out[2] = (byte) (schemaId >>> 16);
    out[3] = (byte) (schemaId >>> 8);
    out[4] = (byte) schemaId;
  }
}
