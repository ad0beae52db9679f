package io.newsline.enrich.ner;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's samples and the shared datasets folder for tests. */
final class TestFiles {
  private TestFiles() {}

  /** The repository root (tests run in the module folder). */
  static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("samples")) ? here : here.getParent();
  }

  static Path samples() {
    return repoRoot().resolve("samples");
  }

  /** The shared folder (system property newsline.shared, else ../shared); skips the test if absent. */
  static Path shared() {
    String prop = System.getProperty("newsline.shared");
    for (Path p : new Path[] {prop == null ? null : Path.of(prop), repoRoot().resolveSibling("shared"),
        Path.of("/work/shared")}) {
      if (p != null && Files.isDirectory(p.resolve("datasets"))) {
        return p;
      }
    }
    assumeTrue(false, "shared datasets folder not found");
    return null;
  }
}
