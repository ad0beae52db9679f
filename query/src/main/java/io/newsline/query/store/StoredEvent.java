package io.newsline.query.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Value layout of the events store: a kind byte, the partition and offset of the record in the
 * events topic (the live stream's positions survive a restart), then the record's value as it came
 * (Avro in the registry's wire format: nothing to convert while loading, JSON is written per
 * request). A removed event keeps a marker so the live stream can tell late subscribers about it.
 */
final class StoredEvent {
  static final byte TIMELINE = 1;
  static final byte REMOVED = 2;
  static final int HEADER = 1 + 4 + 8;

  private StoredEvent() {}

  static byte[] timeline(int partition, long offset, byte[] value) {
    return ByteBuffer.allocate(HEADER + value.length).put(TIMELINE).putInt(partition).putLong(offset).put(value).array();
  }

  static byte[] removed(int partition, long offset) {
    return ByteBuffer.allocate(HEADER).put(REMOVED).putInt(partition).putLong(offset).array();
  }

  static boolean isTimeline(byte[] v) {
    return v != null && v.length >= HEADER && v[0] == TIMELINE;
  }

  static int partition(byte[] v) {
    return ByteBuffer.wrap(v, 1, 4).getInt();
  }

  static long offset(byte[] v) {
    return ByteBuffer.wrap(v, 5, 8).getLong();
  }

  /** The record value of a TIMELINE entry; null for a removal marker or garbage. */
  static byte[] value(byte[] v) {
    return isTimeline(v) ? Arrays.copyOfRange(v, HEADER, v.length) : null;
  }
}
