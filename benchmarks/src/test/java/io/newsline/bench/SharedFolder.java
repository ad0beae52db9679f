package io.newsline.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared datasets are, for the benchmarks' short versions in the tests. */
public final class SharedFolder {
  private SharedFolder() {}

  /**
   * The system property newsline.shared, else {@code shared} beside the project (failsafe runs in
   * the module folder, so beside it or beside its parent); skips the test if there is none, as in a
   * clone made somewhere without the shared material beside it.
   */
  public static Path findOrSkip() {
    String prop = System.getProperty("newsline.shared");
    Path here = Path.of("").toAbsolutePath();
    for (Path p : new Path[] {prop == null ? null : Path.of(prop), here.resolveSibling("shared"), here.getParent().resolveSibling("shared")}) {
      if (p != null && Files.isDirectory(p.resolve("datasets"))) {
        return p;
      }
    }
    assumeTrue(false, "shared datasets folder not found (set -Dnewsline.shared or put it beside the project)");
    return null;
  }
}
