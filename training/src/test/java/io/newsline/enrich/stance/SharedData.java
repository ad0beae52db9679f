package io.newsline.enrich.stance;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where ../shared is: the newsline.shared property (set by surefire), else found upward from here. */
final class SharedData {
  private SharedData() {}

  /** A file under shared/, or null when shared/ is not present (tests then skip). */
  static Path file(String relative) {
    String prop = System.getProperty("newsline.shared");
    if (prop != null && Files.isRegularFile(Path.of(prop, relative))) {
      return Path.of(prop, relative);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
