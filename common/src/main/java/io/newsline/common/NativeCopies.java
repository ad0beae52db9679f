package io.newsline.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The copies of native libraries that Java libraries extract from their jars into the temporary
 * folder at every start and delete only when the JVM exits normally: ONNX Runtime (an {@code
 * onnxruntime-java*} folder, 16 MB, which even a normal exit left behind, empty) and RocksDB
 * ({@code librocksdbjni*.so}, 14 MB). Every process killed (a crash, the chaos tests' SIGKILL, an
 * OOM kill) left its copies: /tmp on the development machine held 770 such folders and 55 such
 * files, 1.7 GB. Once loaded, a library stays mapped without its file, so the copies can go at once.
 * Linux only: the copies are found among the files this process has mapped (/proc/self/maps);
 * elsewhere nothing changes.
 */
public final class NativeCopies {
  /** The prefixes whose copies were deleted: a library is extracted and loaded once per process. */
  private static final Set<String> DELETED = ConcurrentHashMap.newKeySet();

  private NativeCopies() {}

  /**
   * Deletes this process's loaded copies whose name, or whose folder's name, in the temporary
   * folder starts with {@code prefix}; call after the library is loaded, as often as convenient:
   * only the first call for a prefix looks. What cannot be deleted stays for the library's own
   * deletion at exit.
   */
  public static void deleteLoaded(String prefix) {
    if (!DELETED.add(prefix)) {
      return;
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    for (Path copy : loadedCopies(mappedFiles(), tmp, prefix)) {
      try {
        FileTrees.delete(copy);
      } catch (IOException e) {
        // deleted at exit as before
      }
    }
  }

  /** The files this process has mapped, from /proc/self/maps; none where there is no such file. */
  public static List<String> mappedFiles() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .map(line -> line.split("\\s+", 6))
          .filter(f -> f.length == 6 && f[5].startsWith("/"))
          .map(f -> f[5])
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Among {@code mapped}: files in {@code tmp} named prefix*, and folders in it named prefix* that hold one. */
  public static Set<Path> loadedCopies(List<String> mapped, Path tmp, String prefix) {
    Set<Path> copies = new LinkedHashSet<>();
    for (String file : mapped) {
      Path p = Path.of(file.endsWith(" (deleted)") ? file.substring(0, file.length() - 10) : file);
      for (Path candidate = p; candidate != null && candidate.getParent() != null; candidate = candidate.getParent()) {
        if (tmp.equals(candidate.getParent())) {
          if (candidate.getFileName().toString().startsWith(prefix)) {
            copies.add(candidate);
          }
          break;
        }
      }
    }
    return copies;
  }
}
