package io.newsline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The build check on schema evolution: every schema must stay BACKWARD compatible with its previous
 * committed version (a consumer on the new schema reads everything already in the topics), and
 * every record and field carries documentation. The previous version is the file as committed in
 * git: HEAD when the working copy changed it, else the commit before the last change.
 */
class SchemaEvolutionTest {
  private static final Path AVRO = Path.of("src/main/avro");

  @TestFactory
  Stream<DynamicTest> everySchemaIsBackwardCompatibleWithItsPreviousCommittedVersion() throws IOException {
    assumeTrue(git("rev-parse", "--show-toplevel") != null, "not a git checkout: no committed history to compare with");
    return schemaFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      String previous = previousCommittedVersion(file);
      assumeTrue(previous != null, file + " has no previous committed version");
      Schema writer = new Schema.Parser().parse(previous);
      Schema reader = new Schema.Parser().parse(file.toFile());
      SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
      assertThat(result.getType())
          .as("%s must read data written with its previous committed version: %s", file,
              result.getResult().getIncompatibilities().stream()
                  .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList())
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }));
  }

  @Test
  void everyRecordAndFieldIsDocumented() throws IOException {
    for (Path file : schemaFiles()) {
      assertDocumented(new Schema.Parser().parse(file.toFile()), file.toString(), new ArrayList<>());
    }
  }

  private static void assertDocumented(Schema s, String where, List<String> seen) {
    switch (s.getType()) {
      case RECORD -> {
        if (seen.contains(s.getFullName())) {
          return;
        }
        seen.add(s.getFullName());
        assertThat(s.getDoc()).as("doc of record %s in %s", s.getFullName(), where).isNotBlank();
        for (Schema.Field f : s.getFields()) {
          assertThat(f.doc()).as("doc of field %s.%s in %s", s.getName(), f.name(), where).isNotBlank();
          assertDocumented(f.schema(), where, seen);
        }
      }
      case ARRAY -> assertDocumented(s.getElementType(), where, seen);
      case MAP -> assertDocumented(s.getValueType(), where, seen);
      case UNION -> s.getTypes().forEach(t -> assertDocumented(t, where, seen));
      default -> { }
    }
  }

  private static List<Path> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(AVRO)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  /** The schema as last committed before the current version, or null for a new schema. */
  private static String previousCommittedVersion(Path file) throws IOException {
    String path = file.toString();
    String atHead = git("show", "HEAD:./" + path);
    String current = Files.readString(file, StandardCharsets.UTF_8);
    if (atHead != null && !atHead.equals(current)) {
      return atHead;
    }
    String log = git("log", "--format=%H", "-n", "2", "--", path);
    if (log == null) {
      return null;
    }
    String[] commits = log.strip().split("\n");
    return commits.length < 2 ? null : git("show", commits[1] + ":./" + path);
  }

  private static String git(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
