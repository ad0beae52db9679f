package io.newsline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import io.newsline.common.Progress;
import io.newsline.ingest.source.InputFolder;
import io.newsline.ingest.source.JsonLinesReader;
import io.newsline.ingest.testing.InMemorySink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File sources without a broker: the watched folder (every file type, broken files) and JSON Lines imports. */
class FileImporterTest {
  private static final String PARAGRAPH = "Engineers in Kharkiv worked through the night to restore electricity, the regional administration said on Thursday.";

  @Test
  void watchedFolderReadsEveryTypeAndSetsBrokenFilesAside(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "Skip to content\nPower returns to Kharkiv after strikes\n" + PARAGRAPH + "\nAdvertisement\n");
    Files.writeString(dir.resolve("b.html"), "<html lang=en><head><title>Grid repairs</title></head><body><nav>Home News</nav>"
        + "<article><p>" + PARAGRAPH.replace("Kharkiv", "Odesa") + "</p></article></body></html>");
    Files.writeString(dir.resolve("c.json"), Json.write(List.of(Map.of("id", "j1", "text", PARAGRAPH.replace("Kharkiv", "Lviv")),
        Map.of("title", "no text here"))));
    try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve("d.jsonl.gz"))), StandardCharsets.UTF_8)) {
      w.write(Json.write(Map.of("id", "g1", "text", PARAGRAPH.replace("Kharkiv", "Dnipro"))) + "\n{broken\n\n");
    }
    Files.write(dir.resolve("e.txt"), new byte[] {'C', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k'}); // Latin-1, not UTF-8
    Files.writeString(dir.resolve("f.pdf"), "%PDF-1.4");
    Files.writeString(dir.resolve("g.jsonl.part"), "{\"text\": \"still being copied\"}");
    for (Path p : Files.list(dir).toList()) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(10)));
    }
    InMemorySink sink = new InMemorySink();
    InputFolder folder = new InputFolder(dir);
    try (FileImporter runner = new FileImporter(sink)) {
      assertThat(runner.scan(folder)).isEqualTo(6);
      assertThat(runner.published()).isEqualTo(4);
    }

    Map<String, RawArticle> bySource = sink.articles().stream().collect(Collectors.toMap(a -> Path.of(a.getSource().split(":")[0]).getFileName().toString(), a -> a, (a, b) -> a));
    assertThat(bySource.get("a.txt").getTitle()).isEqualTo("Power returns to Kharkiv after strikes");
    assertThat(bySource.get("a.txt").getText()).isEqualTo(PARAGRAPH);
    assertThat(bySource.get("b.html").getTitle()).isEqualTo("Grid repairs");
    assertThat(bySource.get("b.html").getLanguage()).isEqualTo("en");
    assertThat(sink.articles()).extracting(RawArticle::getSourceType).containsOnly("folder");
    Map<IngestError, Long> reasons = sink.deadLetters().stream().collect(Collectors.groupingBy(d -> IngestMetrics.reasonOf(d.error()), Collectors.counting()));
    assertThat(reasons).containsEntry(IngestError.BAD_JSON, 1L).containsEntry(IngestError.INVALID_ARTICLE, 1L)
        .containsEntry(IngestError.BAD_ENCODING, 1L).containsEntry(IngestError.UNREADABLE_FILE, 1L);
    assertThat(Files.list(dir.resolve("processed")).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("a.txt", "b.html", "c.json", "d.jsonl.gz");
    // a file that gave nothing but dead letters goes with the failed ones (its one dead letter says why; no second)
    assertThat(sink.deadLetters()).hasSize(4);
    assertThat(Files.exists(dir.resolve("failed/e.txt"))).isTrue();
    // the reason itself beside the file, not only in the dead-letter topic
    assertThat(Files.readString(dir.resolve("failed/e.txt.error.txt")))
        .contains("nothing in the file could be ingested: 1 input(s) dead-lettered")
        .containsPattern("e\\.txt: .*not valid UTF-8").endsWith("\n");
    assertThat(Files.exists(dir.resolve("failed/f.pdf"))).isTrue();
    assertThat(Files.readString(dir.resolve("failed/f.pdf.error.txt"))).contains("unsupported file type");
    assertThat(Files.exists(dir.resolve("g.jsonl.part"))).isTrue(); // left alone
  }

  @Test
  void filesWithAByteOrderMarkAreReadInTheEncodingItAnnounces(@TempDir Path dir) throws Exception {
    byte[] utf8Bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String line = Json.write(Map.of("id", "b1", "text", PARAGRAPH.replace("Kharkiv", "Poltava"))) + "\r\n";
    // Notepad and PowerShell 5's Out-File: a UTF-8 mark, or UTF-16LE with its mark (they were "not valid JSON" / "not valid UTF-8")
    Files.write(dir.resolve("a.jsonl"), concat(utf8Bom, line.getBytes(StandardCharsets.UTF_8)));
    Files.write(dir.resolve("b.json"), concat(utf8Bom, Json.write(Map.of("id", "b2", "text", PARAGRAPH.replace("Kharkiv", "Sumy")))
        .getBytes(StandardCharsets.UTF_8)));
    Files.write(dir.resolve("c.jsonl"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        line.replace("b1", "b3").replace("Poltava", "Chernihiv").getBytes(StandardCharsets.UTF_16LE)));
    Files.write(dir.resolve("d.txt"), concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
        ("Trains run again\n" + PARAGRAPH.replace("Kharkiv", "Zhytomyr")).getBytes(StandardCharsets.UTF_16BE)));
    try (java.io.OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("e.jsonl.gz")))) {
      gz.write(concat(utf8Bom, line.replace("b1", "b5").replace("Poltava", "Uman").getBytes(StandardCharsets.UTF_8)));
    }
    for (Path p : Files.list(dir).toList()) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(10)));
    }
    InMemorySink sink = new InMemorySink();
    try (FileImporter runner = new FileImporter(sink)) {
      runner.scan(new InputFolder(dir));
    }
    assertThat(sink.deadLetters()).isEmpty();
    assertThat(sink.articles()).extracting(RawArticle::getId)
        .containsExactlyInAnyOrder("folder:b1", "folder:b2", "folder:b3", "folder:b5", sink.articles().stream()
            .filter(a -> a.getText().contains("Zhytomyr")).findFirst().orElseThrow().getId());
    assertThat(sink.articles()).allSatisfy(a -> assertThat(a.getText()).doesNotContain("\uFEFF").startsWith("Engineers in"));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void jsonLinesImportInBatchesWithProgress(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.jsonl");
    try (Writer w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < 1234; i++) {
        w.write(Json.write(Map.of("id", "n" + i, "text", "Article number " + i + ". " + PARAGRAPH)) + "\n");
        if (i % 400 == 0) {
          w.write("not json " + i + "\n");
        }
      }
    }
    InMemorySink sink = new InMemorySink();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Progress progress = new Progress("import big.jsonl", new PrintStream(out, true, StandardCharsets.UTF_8), 0);
    try (FileImporter runner = new FileImporter(sink)) {
      runner.importFile(file, "jsonl", progress);
      assertThat(runner.published()).isEqualTo(1234);
      assertThat(runner.rejected()).isEqualTo(4);
    }
    assertThat(progress.count()).isEqualTo(1238);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("import big.jsonl: 500 articles");
    assertThat(sink.articles()).extracting(RawArticle::getId).startsWith("jsonl:n0", "jsonl:n1", "jsonl:n2").endsWith("jsonl:n1233");
    assertThat(sink.deadLetters()).extracting(IngestTransaction.Rejected::source).contains(file + ":2");
  }

  @Test
  void importingAFileAgainAfterACrashPublishesOnlyWhatIsNewOrChanged(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("again.jsonl");
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add(Json.write(Map.of("id", "r" + i, "text", "Article number " + i + ". " + PARAGRAPH)));
    }
    Files.write(file, lines.subList(0, 20));
    InMemorySink sink = new InMemorySink();
    try (FileImporter runner = new FileImporter(sink)) {
      runner.importFile(file, "jsonl", Progress.silent());
      // the process died after 20 articles; the whole file, now with an update, is imported again
      lines.set(3, Json.write(Map.of("id", "r3", "text", "Article number 3, updated. " + PARAGRAPH)));
      Files.write(file, lines);
      runner.importFile(file, "jsonl", Progress.silent());
    }
    assertThat(sink.articles()).extracting(RawArticle::getId).hasSize(31).containsOnlyOnce("jsonl:r0", "jsonl:r19", "jsonl:r20", "jsonl:r29")
        .filteredOn("jsonl:r3"::equals).hasSize(2);
  }

  @Test
  void aFileStillBeingWrittenIsNotMovedAwayWithItsRestUnread(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("slow.jsonl");
    Files.writeString(file, Json.write(Map.of("id", "s0", "text", "First. " + PARAGRAPH)) + "\n");
    settle(dir);
    InMemorySink sink = new InMemorySink();
    // the writer paused longer than the settling time, and goes on while the first part is published
    ArticleSink writerGoesOn = transaction -> {
      try {
        Files.writeString(file, Json.write(Map.of("id", "s1", "text", "Second. " + PARAGRAPH)) + "\n", StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return sink.publish(transaction);
    };
    InputFolder folder = new InputFolder(dir);
    try (FileImporter runner = new FileImporter(writerGoesOn)) {
      runner.scan(folder);
    }
    // it was moved to processed/ after the first line, and the writer's second line went with it, unread
    assertThat(file).exists();
    settle(dir);
    try (FileImporter runner = new FileImporter(sink)) {
      runner.scan(folder);
    }
    assertThat(sink.articles()).extracting(RawArticle::getId).containsExactly("folder:s0", "folder:s1");
    assertThat(dir.resolve("processed/slow.jsonl")).exists();
    assertThat(file).doesNotExist();
  }

  @Test
  void anEmptyFileWaitsForItsWriterAndOneLeftEmptyIsADeadLetter(@TempDir Path dir) throws Exception {
    // `slow-command > folder/x.jsonl`: the shell creates the file, the command writes seconds later; it was
    // read empty, moved to processed/ without a word, and the lines then written there were never read
    Path file = Files.createFile(dir.resolve("x.jsonl"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(10)));
    InMemorySink sink = new InMemorySink();
    InputFolder folder = new InputFolder(dir);
    try (FileImporter runner = new FileImporter(sink)) {
      assertThat(runner.scan(folder)).isZero();
      Files.writeString(file, Json.write(Map.of("id", "late", "text", PARAGRAPH)) + "\n");
      settle(dir);
      assertThat(runner.scan(folder)).isEqualTo(1);
      assertThat(sink.articles()).extracting(RawArticle::getId).containsExactly("folder:late");
      // still empty after a minute: a dead letter saying so, and set aside with the failed ones
      Path empty = Files.createFile(dir.resolve("y.jsonl"));
      Files.setLastModifiedTime(empty, FileTime.from(Instant.now().minusMillis(InputFolder.EMPTY_SETTLE_MILLIS + 1000)));
      assertThat(runner.scan(folder)).isEqualTo(1);
    }
    assertThat(sink.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.error()).hasMessage("no article in the file: it is empty or holds only blank lines");
      assertThat(d.source()).endsWith("y.jsonl");
    });
    assertThat(dir.resolve("failed/y.jsonl")).exists();
  }

  @Test
  void aLineWithInvalidBytesCostsThatLineOnly(@TempDir Path dir) throws Exception {
    // it was "invalid UTF-8 in line 1; rest of file skipped": the decoder fails ahead of the reader, so
    // the good line before the bad one was lost too, and the one after it
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes((Json.write(Map.of("id", "l1", "text", PARAGRAPH)) + "\n{\"text\": \"caf").getBytes(StandardCharsets.UTF_8));
    bytes.write(0xE9); // Latin-1
    bytes.writeBytes(("\"}\n" + Json.write(Map.of("id", "l3", "text", PARAGRAPH.replace("Kharkiv", "Lviv"))) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("mixed.jsonl"), bytes.toByteArray());
    settle(dir);
    InMemorySink sink = new InMemorySink();
    try (FileImporter runner = new FileImporter(sink)) {
      runner.scan(new InputFolder(dir));
    }
    assertThat(sink.articles()).extracting(RawArticle::getId).containsExactly("folder:l1", "folder:l3");
    assertThat(sink.deadLetters()).singleElement().satisfies(d -> {
      assertThat(IngestMetrics.reasonOf(d.error())).isEqualTo(IngestError.BAD_ENCODING);
      assertThat(d.source()).endsWith("mixed.jsonl:2");
      assertThat(d.content()).isEqualTo("{\"text\": \"caf\uFFFD\"}");
    });
  }

  @Test
  void symbolicLinksInTheFolderAreRefusedNotFollowed(@TempDir Path dir) throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "Secret memo\n" + PARAGRAPH);
    Files.createSymbolicLink(inbox.resolve("link.txt"), secret);
    Files.createSymbolicLink(inbox.resolve("link.jsonl"), secret);
    settle(inbox);
    InMemorySink sink = new InMemorySink();
    InputFolder folder = new InputFolder(inbox);
    try (FileImporter runner = new FileImporter(sink)) {
      assertThat(runner.scan(folder)).isEqualTo(2);
    }
    assertThat(sink.articles()).isEmpty();
    assertThat(sink.deadLetters()).hasSize(2).allSatisfy(d -> {
      assertThat(IngestMetrics.reasonOf(d.error())).isEqualTo(IngestError.UNREADABLE_FILE);
      assertThat(d.error().getMessage()).contains("symbolic links are not followed");
    });
    assertThat(Files.isSymbolicLink(inbox.resolve("failed/link.txt"))).isTrue(); // the link was set aside, not its target
    assertThat(Files.readString(secret)).startsWith("Secret memo");
  }

  @Test
  void aNamedPipeAndAFolderInTheFolderAreDeadLettersNotPassedOverInSilence(@TempDir Path dir) throws Exception {
    // both were left out of every scan without a word: a folder copied in (cp -r) was never read
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path sub = Files.createDirectories(inbox.resolve("batch1"));
    Files.writeString(sub.resolve("a.jsonl"), Json.write(Map.of("id", "deep", "text", PARAGRAPH)) + "\n");
    Files.writeString(inbox.resolve("ok.jsonl"), Json.write(Map.of("id", "ok", "text", PARAGRAPH)) + "\n");
    settle(inbox);
    // made after settle(), whose setTimes opens each file: opening a pipe waits for a writer
    String pipe = inbox.resolve("pipe.jsonl").toString();
    org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", pipe).start().waitFor() == 0
        && new ProcessBuilder("touch", "-d", "@" + (Instant.now().getEpochSecond() - 10), pipe).start().waitFor() == 0);
    InMemorySink sink = new InMemorySink();
    InputFolder folder = new InputFolder(inbox);
    try (FileImporter runner = new FileImporter(sink)) {
      assertThat(runner.scan(folder)).isEqualTo(3); // at once: a pipe with no writer would block its reader for good
      assertThat(runner.scan(folder)).isZero(); // the folder is said once while it is unchanged
    }
    try (FileImporter restarted = new FileImporter(sink)) {
      // it was said again at every start
      assertThat(restarted.scan(new InputFolder(inbox))).isZero();
    }
    assertThat(sink.articles()).extracting(RawArticle::getId).containsExactly("folder:ok");
    assertThat(sink.deadLetters()).hasSize(2).allSatisfy(d -> assertThat(IngestMetrics.reasonOf(d.error())).isEqualTo(IngestError.UNREADABLE_FILE));
    assertThat(sink.deadLetters()).extracting(d -> d.error().getMessage()).containsExactlyInAnyOrder(
        "a folder: only files directly in the watched folder are read; move its files up (it is left where it is)",
        "not a regular file (a named pipe, socket or device)");
    assertThat(sub.resolve("a.jsonl")).exists(); // left where it is, not moved while it may still be copied into
    assertThat(inbox.resolve("failed/pipe.jsonl")).exists();
  }

  @Test
  void overLongLinesAreSkippedWhileReadingAndAGzipBombIsCutOff(@TempDir Path dir) throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    try (Writer w = Files.newBufferedWriter(inbox.resolve("a.jsonl"))) {
      w.write(Json.write(Map.of("id", "before", "text", PARAGRAPH)) + "\n");
      w.write("{\"text\": \"" + "x".repeat(JsonLinesReader.MAX_LINE_CHARS) + "\"}\n");
      w.write(Json.write(Map.of("id", "after", "text", PARAGRAPH.replace("Kharkiv", "Odesa"))) + "\r\n");
    }
    // a newline-free bomb: 2,100 gzip members of 1 MiB of spaces each, about 2 MB on disk and 2.2 GB
    // inflated, one line longer than a Java string can be
    byte[] member = gzip(" ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII));
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(inbox.resolve("b.jsonl.gz")))) {
      out.write(gzip((Json.write(Map.of("id", "first", "text", PARAGRAPH.replace("Kharkiv", "Lviv"))) + "\n").getBytes(StandardCharsets.UTF_8)));
      for (int i = 0; i < 2100; i++) {
        out.write(member);
      }
    }
    settle(inbox);
    InMemorySink sink = new InMemorySink();
    try (FileImporter runner = new FileImporter(sink)) {
      assertTimeoutPreemptively(Duration.ofMinutes(2), () -> runner.scan(new InputFolder(inbox, 64L << 20)));
    }
    assertThat(sink.articles()).extracting(RawArticle::getId).containsExactlyInAnyOrder("folder:before", "folder:after", "folder:first");
    Map<String, String> errors = sink.deadLetters().stream().collect(Collectors.toMap(d -> Path.of(d.source()).getFileName().toString(), d -> d.error().getMessage()));
    assertThat(errors).hasSize(2);
    assertThat(errors.get("a.jsonl:2")).isEqualTo("line of " + (JsonLinesReader.MAX_LINE_CHARS + 12) + " characters exceeds the limit of " + JsonLinesReader.MAX_LINE_CHARS);
    assertThat(errors.get("b.jsonl.gz:2")).isEqualTo("decompressed content exceeds the limit of 67108864 bytes in line 2; rest of file skipped");
    assertThat(sink.deadLetters()).allSatisfy(d -> assertThat(IngestMetrics.reasonOf(d.error())).isEqualTo(IngestError.TOO_LARGE));
  }

  @Test
  void anErrorWhileReadingFailsThatFileAndTheWatcherGoesOn(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.jsonl"), Json.write(Map.of("id", "a", "text", PARAGRAPH)) + "\n");
    Files.writeString(dir.resolve("b.jsonl"), Json.write(Map.of("id", "b", "text", PARAGRAPH.replace("Kharkiv", "Odesa"))) + "\n");
    settle(dir);
    InMemorySink sink = new InMemorySink();
    ArticleSink overflowsOnce = new ArticleSink() {
      private boolean thrown;

      @Override
      public TransactionResult publish(IngestTransaction batch) {
        return sink.publish(batch);
      }

      @Override
      public synchronized PreparedTransaction prepare(IngestTransaction batch) {
        if (!thrown) {
          thrown = true;
          throw new StackOverflowError("deeply nested input");
        }
        return sink.prepare(batch);
      }
    };
    InputFolder folder = new InputFolder(dir);
    try (FileImporter runner = new FileImporter(overflowsOnce)) {
      assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runner.scan(folder))).isEqualTo(2);
    }
    assertThat(sink.articles()).extracting(RawArticle::getId).containsExactly("folder:b");
    assertThat(sink.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.source()).endsWith("a.jsonl");
      assertThat(d.error()).isInstanceOf(StackOverflowError.class);
    });
    assertThat(Files.exists(dir.resolve("failed/a.jsonl"))).isTrue();
    assertThat(Files.exists(dir.resolve("processed/b.jsonl"))).isTrue();
  }

  @Test
  void aFileThatCannotBeMovedAwayIsNotIngestedAgainUntilItChanges(@TempDir Path dir) throws Exception {
    InputFolder folder = new InputFolder(dir);
    // processed/ is broken (a file where the folder should be): the move after reading fails
    Files.delete(dir.resolve("processed"));
    Files.writeString(dir.resolve("processed"), "not a folder");
    Path file = Files.writeString(dir.resolve("a.txt"), "Power returns to Kharkiv\n" + PARAGRAPH);
    settle(dir);
    InMemorySink sink = new InMemorySink();
    try (FileImporter runner = new FileImporter(sink)) {
      assertThat(runner.scan(folder)).isEqualTo(1);
      assertThat(runner.scan(folder)).isZero();
      assertThat(runner.scan(folder)).isZero();
      assertThat(sink.articles()).hasSize(1);
      assertThat(folder.stuck()).containsExactly(file);

      Files.writeString(file, "Power returns to Odesa\n" + PARAGRAPH.replace("Kharkiv", "Odesa"));
      settle(dir);
      assertThat(runner.scan(folder)).isEqualTo(1);
      assertThat(sink.articles()).hasSize(2);
    }
  }

  private static void settle(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        FileTime past = FileTime.from(Instant.now().minusSeconds(10));
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            .setTimes(past, null, null);
      }
    }
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
