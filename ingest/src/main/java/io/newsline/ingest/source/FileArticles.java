package io.newsline.ingest.source;

import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.RejectedInputException;
import io.newsline.ingest.StrictDecoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads articles from a file by its extension: .txt (one article, first line may be the headline),
 * .html/.htm (one page), .json (one article object or an array), .jsonl/.jsonl.gz (one per line).
 */
public final class FileArticles {
  /** Single-article files above this size are rejected. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private FileArticles() {}

  /**
   * What reading a file may cost, and whether a symbolic link is followed.
   *
   * @param maxDecompressedBytes a .jsonl.gz file inflating to more is cut off there (the rest is a dead letter)
   * @param followLinks false for files from a watched folder: whoever drops files there must not
   *     make ingest read files elsewhere
   */
  public record ReadLimits(long maxDecompressedBytes, boolean followLinks) {
    /** Files the operator names (imports, batch): links followed, no cap on the decompressed size. */
    public static final ReadLimits TRUSTED = new ReadLimits(Long.MAX_VALUE, true);

    public static ReadLimits folder(long maxDecompressedBytes) {
      return new ReadLimits(maxDecompressedBytes, false);
    }
  }

  public static boolean supported(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".txt") || n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".json")
        || n.endsWith(".jsonl") || n.endsWith(".jsonl.gz") || n.endsWith(".ndjson");
  }

  /** Streams the file's items to {@code sink}, one per article or error, in file order. */
  public static void read(Path file, String sourceType, Consumer<ParsedInput> sink) throws IOException {
    read(file, sourceType, ReadLimits.TRUSTED, sink);
  }

  /** Streams the file's items to {@code sink} within the limits. */
  public static void read(Path file, String sourceType, ReadLimits limits, Consumer<ParsedInput> sink) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String source = file.toString();
    if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".ndjson")) {
      readLines(file, sourceType, limits, sink);
      return;
    }
    byte[] bytes;
    OpenOption[] options = limits.followLinks() ? new OpenOption[0] : new OpenOption[] {LinkOption.NOFOLLOW_LINKS};
    try (InputStream in = Files.newInputStream(file, options)) {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // never more than the limit, however the file grows
    }
    if (bytes.length > MAX_FILE_BYTES) {
      sink.accept(ParsedInput.failed(new RejectedInputException(IngestError.TOO_LARGE, "file of more than " + MAX_FILE_BYTES + " bytes exceeds the limit", null), source, null));
      return;
    }
    // UTF-8, unless a byte-order mark says otherwise (Windows tools write UTF-16 with one)
    String content;
    try {
      content = StrictDecoding.decode(bytes, StandardCharsets.UTF_8);
    } catch (StrictDecoding.InvalidBytesException e) {
      sink.accept(ParsedInput.failed(new RejectedInputException(IngestError.BAD_ENCODING, "file is " + e.getMessage(), e), source, null));
      return;
    }
    try {
      if (name.endsWith(".html") || name.endsWith(".htm")) {
        sink.accept(ParsedInput.ok(HtmlPages.read(content, null, sourceType, source)));
      } else if (name.endsWith(".json")) {
        var node = io.newsline.common.Json.parse(content);
        if (node.isArray()) {
          for (int i = 0; i < node.size(); i++) {
            emit(sink, node.get(i), sourceType, source + "#" + i);
          }
        } else {
          emit(sink, node, sourceType, source);
        }
      } else {
        sink.accept(ParsedInput.ok(IncomingArticle.plainText(sourceType, source, content)));
      }
    } catch (IllegalArgumentException e) {
      sink.accept(ParsedInput.failed(new RejectedInputException(IngestError.BAD_JSON, e.getMessage(), e), source, content));
    } catch (RuntimeException e) {
      sink.accept(ParsedInput.failed(e, source, content));
    }
  }

  private static void emit(Consumer<ParsedInput> sink, com.fasterxml.jackson.databind.JsonNode n, String sourceType, String source) {
    try {
      sink.accept(ParsedInput.ok(ArticleJson.fromNode(n, sourceType, source)));
    } catch (RejectedInputException e) {
      sink.accept(ParsedInput.failed(e, source, n.toString()));
    }
  }

  private static void readLines(Path file, String sourceType, ReadLimits limits, Consumer<ParsedInput> sink) throws IOException {
    try (JsonLinesReader r = JsonLinesReader.open(file, limits.maxDecompressedBytes(), limits.followLinks())) {
      while (true) {
        JsonLinesReader.Line line;
        try {
          line = r.next();
        } catch (RejectedInputException e) {
          sink.accept(ParsedInput.failed(new RejectedInputException(e.reason(), e.getMessage() + " in line " + (r.lineNumber() + 1) + "; rest of file skipped", e), file + ":" + (r.lineNumber() + 1), null));
          return;
        }
        if (line == null) {
          return;
        }
        String source = file + ":" + line.number();
        if (line.tooLong()) {
          sink.accept(ParsedInput.failed(new RejectedInputException(IngestError.TOO_LARGE, "line of " + line.chars() + " characters exceeds the limit of " + JsonLinesReader.MAX_LINE_CHARS, null), source, null));
          continue;
        }
        if (line.text().isBlank()) {
          continue;
        }
        if (line.invalidBytes()) { // this line only: the lines before and after it are read
          sink.accept(ParsedInput.failed(new RejectedInputException(IngestError.BAD_ENCODING,
              "line has bytes that are not valid UTF-8 (or UTF-16 after its byte-order mark); the other lines are read", null), source,
              line.text().replace(StrictDecoding.MARK, '\uFFFD')));
          continue;
        }
        try {
          sink.accept(ParsedInput.ok(ArticleJson.parse(line.text(), sourceType, source)));
        } catch (RejectedInputException e) {
          sink.accept(ParsedInput.failed(e, source, line.text()));
        }
      }
    }
  }

  /** All items of a file in a list (small files). */
  public static List<ParsedInput> readAll(Path file, String sourceType) throws IOException {
    List<ParsedInput> out = new ArrayList<>();
    read(file, sourceType, out::add);
    return out;
  }
}
