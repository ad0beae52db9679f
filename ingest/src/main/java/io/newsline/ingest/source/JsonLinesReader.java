package io.newsline.ingest.source;

import io.newsline.ingest.ByteOrderMark;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.RejectedInputException;
import io.newsline.ingest.StrictDecoding;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a JSON Lines file line by line, gzip-compressed or not (detected from the magic bytes),
 * decoding UTF-8 strictly so broken encodings are reported instead of silently mangled: a line with
 * invalid bytes says so ({@link Line#invalidBytes()}) and the lines after it are read. The line
 * limit is enforced while reading: an over-long line is skipped to its end without being held in
 * memory, so neither a huge line nor a newline-free gzip bomb can exhaust the heap. The
 * decompressed size of a gzip file is capped too, so a bomb cannot keep a reader busy for hours.
 * Lines end at \n, \r\n or \r. Not thread-safe.
 */
public final class JsonLinesReader implements Closeable {
  /** Lines longer than this are rejected: one article per line, not a whole dump. */
  public static final int MAX_LINE_CHARS = 8_000_000;
  private static final int BUFFER_CHARS = 1 << 16;

  private final Reader in;
  private final int maxLineChars;
  private final char[] buf = new char[BUFFER_CHARS];
  private int pos;
  private int end;
  private int lineNo;
  private boolean skipLf;

  /**
   * One line: its text, or (when longer than the limit) null text and the length it had.
   *
   * @param number 1-based line number
   */
  public record Line(int number, String text, long chars) {
    public boolean tooLong() {
      return text == null;
    }

    /** Whether the line's bytes were not all valid in the file's encoding. */
    public boolean invalidBytes() {
      return text != null && text.indexOf(StrictDecoding.MARK) >= 0;
    }
  }

  JsonLinesReader(Reader in, int maxLineChars) {
    this.in = in;
    this.maxLineChars = maxLineChars;
  }

  /**
   * Opens the file, following a symbolic link only when {@code followLinks}; a gzip file that
   * inflates to more than {@code maxDecompressedBytes} fails with a {@link RejectedInputException}
   * (reason too_large) when the reader gets there.
   */
  public static JsonLinesReader open(Path file, long maxDecompressedBytes, boolean followLinks) throws IOException {
    OpenOption[] options = followLinks ? new OpenOption[0] : new OpenOption[] {LinkOption.NOFOLLOW_LINKS};
    InputStream in = new BufferedInputStream(Files.newInputStream(file, options), 1 << 16);
    ByteOrderMark bom;
    try {
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b1 == 0x1f && b2 == 0x8b) {
        in = new BufferedInputStream(new CappedInputStream(new GZIPInputStream(in, 1 << 16), maxDecompressedBytes), 1 << 16);
      }
      bom = byteOrderMark(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    return new JsonLinesReader(
        new InputStreamReader(
            in,
            StrictDecoding.markingDecoder(bom == null ? StandardCharsets.UTF_8 : bom.charset())),
        MAX_LINE_CHARS);
  }

  /** The byte-order mark the stream starts with (then read past it), or null (then nothing is read). */
  private static ByteOrderMark byteOrderMark(InputStream in) throws IOException {
    in.mark(ByteOrderMark.MAX_LENGTH);
    byte[] head = in.readNBytes(ByteOrderMark.MAX_LENGTH);
    in.reset();
    ByteOrderMark bom = ByteOrderMark.of(head, head.length);
    if (bom != null) {
      in.skipNBytes(bom.length());
    }
    return bom;
  }

  /** The number of the last line returned (0 before the first). */
  public int lineNumber() {
    return lineNo;
  }

  /** The next line, or null at the end of the file. */
  public Line next() throws IOException {
    StringBuilder line = null;
    long chars = 0;
    boolean tooLong = false;
    while (true) {
      if (pos == end && !fill()) {
        if (line == null && chars == 0 && !tooLong) {
          return null; // nothing after the last line break
        }
        return finish(line, chars, tooLong);
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      int n = pos - start;
      chars += n;
      if (!tooLong) {
        if (chars > maxLineChars) {
          tooLong = true;
          line = null; // let go of what was kept; the rest of the line is only counted
        } else if (n > 0) {
          if (line == null) {
            line = new StringBuilder(Math.min(maxLineChars, Math.max(80, n * 2)));
          }
          line.append(buf, start, n);
        }
      }
      if (pos < end) {
        skipLf = buf[pos] == '\r';
        pos++;
        return finish(line, chars, tooLong);
      }
    }
  }

  private Line finish(StringBuilder line, long chars, boolean tooLong) {
    lineNo++;
    return new Line(lineNo, tooLong ? null : line == null ? "" : line.toString(), chars);
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Fails once more than {@code max} bytes were read through it. */
  static final class CappedInputStream extends FilterInputStream {
    private final long max;
    private long count;

    CappedInputStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count(s);
      return s;
    }

    private void count(long n) {
      count += n;
      if (count > max) {
        throw new RejectedInputException(IngestError.TOO_LARGE,
            "decompressed content exceeds the limit of " + max + " bytes", null);
      }
    }
  }
}
