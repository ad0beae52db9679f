package io.newsline.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeCopiesTest {
  @Test
  void onlyCopiesInTheTemporaryFolderWithThePrefixAreTaken() {
    List<String> mapped = List.of(
        "/tmp/onnxruntime-java123/libonnxruntime.so",
        "/tmp/onnxruntime-java123/libonnxruntime4j_jni.so",
        "/tmp/onnxruntime-java9/libonnxruntime.so (deleted)",
        "/tmp/librocksdbjni42.so",
        "/home/u/onnxruntime-java1/libonnxruntime.so",
        "/tmp/other/libonnxruntime.so",
        "/usr/lib/x86_64-linux-gnu/libc.so.6");
    assertThat(NativeCopies.loadedCopies(mapped, Path.of("/tmp"), "onnxruntime-java"))
        .containsExactly(Path.of("/tmp/onnxruntime-java123"), Path.of("/tmp/onnxruntime-java9"));
    assertThat(NativeCopies.loadedCopies(mapped, Path.of("/tmp"), "librocksdbjni")).containsExactly(Path.of("/tmp/librocksdbjni42.so"));
  }
}
