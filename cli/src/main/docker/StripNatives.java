import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites jars in place without the native libraries built for other platforms than the image's
 * (Linux, glibc, this machine's architecture): ONNX Runtime, RocksDB and the tokenizers ship theirs
 * for Windows, macOS and half a dozen Linux architectures, over half of the image. Entries that
 * name no platform, and every class and resource, stay.
 *
 *   java StripNatives.java JAR...
 */
public final class StripNatives {
  private static final Pattern NATIVE = Pattern.compile("\\.(so|dll|dylib|jnilib|pdb|lib|exp)$|\\.dsym/");
  private static final List<String> OTHER_OS = List.of("win", "win32", "win64", "windows", "osx", "darwin",
      "mac", "macos", "freebsd", "openbsd", "netbsd", "dragonflybsd", "aix", "sunos");
  private static final List<String> ARCHES = List.of("x86_64", "x64", "amd64", "linux64", "aarch64", "arm64", "arm",
      "armhf", "i386", "x86", "linux32", "ppc64", "ppc64le", "s390x", "riscv64", "loongarch64", "mips64");

  public static void main(String[] args) throws IOException {
    List<String> mine = "aarch64".equals(System.getProperty("os.arch")) ? List.of("aarch64", "arm64")
        : List.of("x86_64", "x86-64", "x64", "amd64", "linux64");
    long before = 0;
    long after = 0;
    for (String a : args) {
      Path jar = Path.of(a);
      before += Files.size(jar);
      Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
      int dropped = 0;
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
          ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
          if (foreign(e.getName(), mine)) {
            dropped++;
            continue;
          }
          ZipEntry copy = new ZipEntry(e.getName());
          copy.setTime(e.getTime());
          out.putNextEntry(copy);
          copyTo(in, out);
          out.closeEntry();
        }
      }
      if (dropped == 0) {
        Files.delete(tmp);
      } else {
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      after += Files.size(jar);
    }
    System.out.printf(Locale.ROOT, "native libraries for other platforms: %.1f MB of jars -> %.1f MB%n", before / 1e6, after / 1e6);
  }

  /** A native library whose path names another operating system, another architecture, or musl. */
  static boolean foreign(String name, List<String> mine) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!NATIVE.matcher(n).find()) {
      return false;
    }
    List<String> tokens = List.of(n.split("[/._-]+"));
    if (tokens.contains("musl") || OTHER_OS.stream().anyMatch(tokens::contains)) {
      return true;
    }
    // tokens as written ("linux-x86_64" splits into linux, x86, 64): look in the joined path too
    boolean namesMine = mine.stream().anyMatch(n::contains);
    boolean namesAnother = ARCHES.stream().filter(a -> !mine.contains(a)).anyMatch(a -> tokens.contains(a) || n.contains("linux-" + a)
        || n.contains("/" + a + "/") || n.contains("linux" + a));
    return namesAnother && !namesMine;
  }

  private static void copyTo(InputStream in, OutputStream out) throws IOException {
    byte[] b = new byte[1 << 16];
    for (int r; (r = in.read(b)) > 0; ) {
      out.write(b, 0, r);
    }
  }
}
