package io.newsline.ingest.source;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watched folder: files dropped into it (txt, html, json, jsonl, jsonl.gz) are read, handed to
 * the ingest, then moved to processed/ (or failed/ when unreadable). Hidden and partial files
 * (.tmp, .part, names starting with a dot) and files changed in the last second are left alone,
 * so a writer can copy a file in without it being read half-written; a file that changed while it
 * was read anyway is left in place and read again (what was published already is recognised as a
 * repeated delivery and not published twice).
 *
 * <p>Whoever can drop files here is not trusted with the rest of the file system: symbolic links
 * are listed (so they can be refused and set aside) but never followed, and files are opened
 * without following links. A file that cannot be moved away after it was handled, and a folder
 * (left in place), are remembered and not handled again while they stay unchanged (else every scan
 * would ingest it again); they are remembered in {@value #REMEMBERED}, so a restart does not
 * report them again either.
 */
public final class InputFolder {
  private static final Logger LOG = LoggerFactory.getLogger(InputFolder.class);
  private static final long SETTLE_MILLIS = 1000;
  /**
   * An empty file waits this long: {@code some-command > folder/x.jsonl} creates it at once and
   * writes when the command has something, often more than a second later; read and moved while
   * empty, its content went into processed/ unread and nothing said so.
   */
  public static final long EMPTY_SETTLE_MILLIS = 60_000;
  /** Default cap on what a .jsonl.gz file may inflate to (ingest.folder.max-decompressed-bytes). */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 1L << 30;

  private final Path dir;
  private final Path processed;
  private final Path failed;
  private final FileArticles.ReadLimits limits;
  /** Where entries left in place are remembered across restarts (hidden, so never read as input). */
  static final String REMEMBERED = ".newsline-left";

  /** Handled files that could not be moved, with their size and time then. */
  private final Map<Path, List<Long>> stuck = new ConcurrentHashMap<>();

  public InputFolder(Path dir) throws IOException {
    this(dir, DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  public InputFolder(Path dir, long maxDecompressedBytes) throws IOException {
    this.dir = dir;
    this.processed = dir.resolve("processed");
    this.failed = dir.resolve("failed");
    this.limits = FileArticles.ReadLimits.folder(maxDecompressedBytes);
    Files.createDirectories(processed);
    Files.createDirectories(failed);
    recall();
  }

  public Path dir() {
    return dir;
  }

  /** How files from this folder are read: links not followed, decompressed size capped. */
  public FileArticles.ReadLimits limits() {
    return limits;
  }

  /**
   * Entries ready to handle, by name: regular files, and what the caller refuses (symbolic links,
   * folders, named pipes, sockets, devices: each was passed over without a word), not those
   * remembered as stuck or left while they are unchanged.
   */
  public List<Path> ready() throws IOException {
    long now = System.currentTimeMillis();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.equals(processed) && !p.equals(failed))
          .filter(p -> !p.getFileName().toString().endsWith(".tmp") && !p.getFileName().toString().endsWith(".part"))
          .filter(p -> modified(p) < now - (isEmpty(p) ? EMPTY_SETTLE_MILLIS : SETTLE_MILLIS))
          .filter(p -> !isStuck(p))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  /**
   * Moves a handled file out of the way: processed/ when read, failed/ when not (with the reason
   * beside it). When it cannot be moved it is remembered, so it is not read again while unchanged;
   * returns whether it was moved.
   */
  public boolean done(Path file, Throwable error) {
    try {
      Path target = (error == null ? processed : failed).resolve(file.getFileName());
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
      if (stuck.remove(file) != null) {
        remember();
      }
      if (error != null) {
        Files.writeString(failed.resolve(file.getFileName() + ".error.txt"), String.valueOf(error.getMessage()).stripTrailing() + "\n");
      }
      return true;
    } catch (IOException e) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        stuck.put(file, signature(file));
        remember();
        LOG.error("cannot move {} out of the input folder ({}); it is not read again until it changes: move or delete it by hand",
            file, e.toString());
        return false;
      }
      LOG.error("cannot write the reason beside {} in {}: {}", file.getFileName(), failed, e.toString());
      return true;
    }
  }

  /**
   * What tells a file's content changed: size, modification time and identity. Taken before a file
   * is read and compared after: a writer that pauses longer than the settling time (a slow download,
   * an exporter writing in bursts) is read half-way, and moving the file then would take the rest
   * it still writes out of the folder unread.
   */
  public List<Long> version(Path file) {
    return signature(file);
  }

  /** Leaves an entry in place, not handled again while unchanged (a folder: moving it could cut a copy short). */
  public void leave(Path p) {
    stuck.put(p, signature(p));
    remember();
  }

  /** Files handled but not moved away (not read again while unchanged). */
  public Set<Path> stuck() {
    return Set.copyOf(stuck.keySet());
  }

  private boolean isStuck(Path p) {
    List<Long> was = stuck.get(p);
    if (was == null) {
      return false;
    }
    if (was.equals(signature(p))) {
      return true;
    }
    stuck.remove(p); // replaced or changed since: a new file
    remember();
    return false;
  }

  /** Writes the entries left in place, one a line: URL-encoded name, then the signature. */
  private synchronized void remember() {
    StringBuilder b = new StringBuilder();
    stuck.forEach((path, sig) -> {
      b.append(URLEncoder.encode(path.getFileName().toString(), StandardCharsets.UTF_8));
      sig.forEach(v -> b.append(' ').append(v));
      b.append('\n');
    });
    Path tmp = dir.resolve(REMEMBERED + ".tmp");
    try {
      Files.writeString(tmp, b);
      Files.move(tmp, dir.resolve(REMEMBERED), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot remember the entries left in {} ({}): they are reported again at the next start", dir, e.toString());
    }
  }

  /** The entries an earlier run left in place, as long as they are unchanged. */
  private void recall() {
    Path file = dir.resolve(REMEMBERED);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.strip().split(" ");
        if (f.length < 2) {
          continue;
        }
        Path p = dir.resolve(URLDecoder.decode(f[0], StandardCharsets.UTF_8));
        List<Long> sig = java.util.Arrays.stream(f, 1, f.length).map(Long::valueOf).toList();
        if (p.getParent().equals(dir) && sig.equals(signature(p))) {
          stuck.put(p, sig);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read {} ({}): entries left in place are reported again", file, e.toString());
    }
  }

  private static List<Long> signature(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return List.of(a.size(), a.lastModifiedTime().toMillis(), a.fileKey() == null ? 0L : (long) a.fileKey().hashCode());
    } catch (IOException e) {
      return List.of(-1L);
    }
  }

  private static boolean isEmpty(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() && a.size() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
