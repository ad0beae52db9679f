package io.newsline.embedding;

import ai.onnxruntime.OrtEnvironment;
import io.newsline.common.NativeCopies;

/**
 * ONNX Runtime's environment, without the copy of its native libraries in the temporary folder:
 * ONNX Runtime 1.20 extracts them into a new {@code onnxruntime-java*} folder at every start and
 * only marks them for deletion at exit, the folder before its files, so even a normal exit left the
 * folder behind, and a killed process left it with 16 MB in it ({@link NativeCopies}).
 */
final class OrtNative {
  static final String EXTRACTED_PREFIX = "onnxruntime-java";

  private OrtNative() {}

  /** The environment; the first call deletes the native libraries' extracted copies once they are loaded. */
  static OrtEnvironment environment() {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    NativeCopies.deleteLoaded(EXTRACTED_PREFIX);
    return env;
  }
}
