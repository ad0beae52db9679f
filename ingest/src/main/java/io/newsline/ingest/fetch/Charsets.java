package io.newsline.ingest.fetch;

import io.newsline.ingest.ByteOrderMark;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.Messages;
import io.newsline.ingest.StrictDecoding;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes fetched pages to text: a byte-order mark, else the charset from Content-Type, else a
 * meta charset in the first bytes, else UTF-8. Decoding is strict: bytes that are not valid in the
 * charset are an error (a clear one), never mojibake or replacement characters.
 */
public final class Charsets {
  private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([\\w.:-]+)");
  private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)");
  private static final int PRESCAN_BYTES = 4096;

  private Charsets() {}

  /** The charset parameter of a Content-Type header, or null. */
  public static String fromContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = HEADER_CHARSET.matcher(contentType);
    return m.find() ? m.group(1) : null;
  }

  /** Decodes an HTML page; {@code declared} is the Content-Type charset or null. */
  public static String decodeHtml(byte[] body, String declared, String url) {
    String name = declared;
    if (name == null && ByteOrderMark.of(body) == null) {
      Matcher m = META_CHARSET.matcher(new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1));
      name = m.find() ? m.group(1) : "UTF-8";
    }
    return decode(body, name == null ? StandardCharsets.UTF_8 : charset(name, url), url);
  }

  /** Decodes strictly ({@link StrictDecoding}: a byte-order mark decides); invalid bytes are a {@code bad_encoding} failure. */
  public static String decode(byte[] body, Charset declared, String url) {
    try {
      return StrictDecoding.decode(body, declared);
    } catch (StrictDecoding.InvalidBytesException e) {
      throw new FetchException(IngestError.BAD_ENCODING, url + ": content is " + e.getMessage(), e);
    }
  }

  public static Charset charset(String name, String url) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    // browsers read these labels as windows-1252; so do we
    if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
      n = "windows-1252";
    }
    try {
      return Charset.forName(n);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new FetchException(IngestError.BAD_ENCODING, url + ": unknown charset " + Messages.quote(name), e);
    }
  }
}
