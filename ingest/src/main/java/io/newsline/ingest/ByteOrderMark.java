package io.newsline.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A Unicode byte-order mark at the start of some bytes: the encoding it announces and its length.
 * Windows tools write one (Notepad, PowerShell's Out-File: UTF-16LE), and so do many feeds; left in,
 * it is a stray U+FEFF before the first JSON value or XML declaration, which parsers refuse.
 */
public record ByteOrderMark(Charset charset, int length) {
  private static final ByteOrderMark UTF_8 = new ByteOrderMark(StandardCharsets.UTF_8, 3);
  private static final ByteOrderMark UTF_16BE = new ByteOrderMark(StandardCharsets.UTF_16BE, 2);
  private static final ByteOrderMark UTF_16LE = new ByteOrderMark(StandardCharsets.UTF_16LE, 2);
  /** Bytes to look at. */
  public static final int MAX_LENGTH = 3;

  /** The mark the first {@code n} bytes of {@code head} start with, or null. */
  public static ByteOrderMark of(byte[] head, int n) {
    if (n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
      return UTF_8;
    }
    if (n >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      return UTF_16BE;
    }
    if (n >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
      return UTF_16LE;
    }
    return null;
  }

  public static ByteOrderMark of(byte[] bytes) {
    return of(bytes, bytes.length);
  }
}
