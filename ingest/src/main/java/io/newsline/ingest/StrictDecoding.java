package io.newsline.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;

/**
 * Bytes to text for every source of ingest (pages, feeds, folder files, imports, push bodies):
 * strictly, so bytes that are not valid in the charset are an error naming where they are, never
 * mojibake or U+FFFD. A byte-order mark decides the charset (as browsers and XML parsers do: a feed
 * declaring ISO-8859-1 with a UTF-8 mark is UTF-8) and is not part of the text.
 */
public final class StrictDecoding {
  /** Noncharacters: never in interchanged text, allowed in XML content, not in XML names. */
  private static final char FIRST_MARK = '\uFDD0';
  /** What {@link #markingDecoder} puts where bytes were invalid. */
  public static final char MARK = FIRST_MARK;
  private static final char LAST_MARK = '\uFDEF';
  private static final int CHUNK = 8192;

  private StrictDecoding() {}

  /**
   * A decoder for streams read line by line: each invalid sequence becomes {@link #MARK}, so one bad
   * line is reported and the lines after it are read (a reporting decoder fails ahead of the reader,
   * in the buffer it fills, taking the good lines before the bad one with it). A line that holds the
   * noncharacter U+FDD0 itself is reported too: never in interchanged text, it is a safe loss.
   */
  public static CharsetDecoder markingDecoder(Charset charset) {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(String.valueOf(MARK));
  }

  /** A decoder that reports malformed and unmappable input (for streams). */
  public static CharsetDecoder decoder(Charset charset) {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The charset the bytes are in: their byte-order mark's, else the declared one. */
  public static Charset charsetOf(byte[] bytes, Charset declared) {
    ByteOrderMark bom = ByteOrderMark.of(bytes);
    return bom == null ? declared : bom.charset();
  }

  /** The text of the bytes, strictly; the first invalid sequence is the exception. */
  public static String decode(byte[] bytes, Charset declared) throws InvalidBytesException {
    Marked m = decode(bytes, declared, null);
    if (m.first() != null) {
      throw m.first();
    }
    return m.text();
  }

  /**
   * The text with each invalid byte sequence replaced by one {@link Marked#mark()}, a noncharacter
   * the valid text does not contain, so a caller can tell which parts of a document were damaged
   * (feeds: which items) after parsing it. Text null: damaged, and every candidate mark is in the
   * valid text too.
   */
  public static Marked decodeMarking(byte[] bytes, Charset declared) {
    Marked m = null;
    for (char mark = FIRST_MARK; mark <= LAST_MARK; mark++) {
      m = decode(bytes, declared, mark);
      char c = mark;
      if (m.invalid() == 0 || m.text().chars().filter(x -> x == c).count() == m.invalid()) {
        return m;
      }
    }
    return new Marked(null, m.mark(), m.invalid(), m.first());
  }

  /**
   * Decoded text; {@code invalid} sequences were marked, {@code first} describes the first of them.
   * {@code text} is null only when the bytes are damaged and no mark could be chosen.
   */
  public record Marked(String text, char mark, int invalid, InvalidBytesException first) {}

  private static Marked decode(byte[] bytes, Charset declared, Character mark) {
    ByteOrderMark bom = ByteOrderMark.of(bytes);
    Charset cs = bom == null ? declared : bom.charset();
    int start = bom == null ? 0 : bom.length();
    CharsetDecoder decoder = decoder(cs);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(CHUNK);
    StringBuilder text = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, (long) (bytes.length * (double) decoder.averageCharsPerByte())));
    int invalid = 0;
    InvalidBytesException first = null;
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        InvalidBytesException e = new InvalidBytesException(cs, bytes, in.position(), r.length());
        if (mark == null) {
          return new Marked(null, FIRST_MARK, 1, e);
        }
        first = first == null ? e : first;
        invalid++;
        in.position(in.position() + r.length());
        drain(out, text).append(mark.charValue());
      } else {
        drain(out, text);
        if (r.isUnderflow()) {
          break;
        }
      }
    }
    while (decoder.flush(out).isOverflow()) {
      drain(out, text);
    }
    drain(out, text);
    return new Marked(text.toString(), mark == null ? FIRST_MARK : mark, invalid, first);
  }

  private static StringBuilder drain(CharBuffer out, StringBuilder text) {
    out.flip();
    text.append(out);
    out.clear();
    return text;
  }

  /** Bytes not valid in a charset: which, and where (an offset into the bytes as given, mark included). */
  public static final class InvalidBytesException extends CharacterCodingException {
    private final String message;

    InvalidBytesException(Charset charset, byte[] bytes, int offset, int length) {
      this.message = "not valid " + charset.name() + ": byte" + (length > 1 ? "s " : " ")
          + HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase().formatHex(bytes, offset, Math.min(bytes.length, offset + Math.min(length, 4)))
          + " at offset " + offset;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }
}
