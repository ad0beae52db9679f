package io.newsline.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsline.common.NativeCopies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ONNX Runtime's extracted native libraries do not outlive their loading (hundreds of folders were left in /tmp). */
class OrtNativeTest {
  @Test
  void theExtractedLibrariesAreDeletedOnceLoaded() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only");
    OrtNative.environment();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    List<String> mapped = NativeCopies.mappedFiles();
    assertThat(mapped).anyMatch(f -> f.contains("libonnxruntime")); // loaded, still mapped
    assertThat(NativeCopies.loadedCopies(mapped, tmp, OrtNative.EXTRACTED_PREFIX)).isNotEmpty()
        .allSatisfy(dir -> assertThat(dir).doesNotExist());
  }
}
