package io.newsline.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watched folder: files dropped into it (txt, html, json, jsonl, jsonl.gz) are read, handed to
 * the ingest, then moved to processed/ (or failed/ when unreadable). Hidden and partial files
 * (.tmp, .part, names starting with a dot) and files changed in the last second are left alone,
 * so a writer can copy a file in without it being read half-written.
 */
public final class InputFolder {
  private static final Logger LOG = LoggerFactory.getLogger(InputFolder.class);
  private static final long SETTLE_MILLIS = 1000;

  private final Path dir;
  private final Path processed;
  private final Path failed;

  public InputFolder(Path dir) throws IOException {
    this.dir = dir;
    this.processed = dir.resolve("processed");
    this.failed = dir.resolve("failed");
    Files.createDirectories(processed);
    Files.createDirectories(failed);
  }

  public Path dir() {
    return dir;
  }

  /** Files ready to read, oldest first. */
  public List<Path> ready() throws IOException {
    long now = System.currentTimeMillis();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().endsWith(".tmp") && !p.getFileName().toString().endsWith(".part"))
          .filter(p -> modified(p) < now - SETTLE_MILLIS)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  /** Moves a handled file out of the way: processed/ when read, failed/ when not (with the reason beside it). */
  public void done(Path file, Exception error) {
    try {
      Path target = (error == null ? processed : failed).resolve(file.getFileName());
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
      if (error != null) {
        Files.writeString(failed.resolve(file.getFileName() + ".error.txt"), String.valueOf(error.getMessage()));
      }
    } catch (IOException e) {
      LOG.error("cannot move {} out of the input folder: {}", file, e.toString());
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
