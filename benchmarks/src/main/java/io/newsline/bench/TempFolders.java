package io.newsline.bench;

import io.newsline.common.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary folders of a benchmark run, deleted when the JVM exits (the runs end with
 * System.exit, and may be stopped with Ctrl-C): each end-to-end run left up to 1.8 GB of Kafka
 * Streams state in /tmp.
 */
public final class TempFolders {
  private TempFolders() {}

  /** A new folder in the system's temporary folder, deleted at exit unless deleted before. */
  public static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        FileTrees.delete(dir);
      } catch (IOException e) {
        System.err.println("could not delete " + dir + ": " + e);
      }
    }, "delete-" + dir.getFileName()));
    return dir;
  }
}
