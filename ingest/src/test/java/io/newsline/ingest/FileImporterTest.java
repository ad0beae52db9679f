package io.newsline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import io.newsline.common.Progress;
import io.newsline.ingest.source.InputFolder;
import io.newsline.ingest.testing.InMemorySink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
        .containsExactlyInAnyOrder("a.txt", "b.html", "c.json", "d.jsonl.gz", "e.txt");
    assertThat(Files.exists(dir.resolve("failed/f.pdf"))).isTrue();
    assertThat(Files.readString(dir.resolve("failed/f.pdf.error.txt"))).contains("unsupported file type");
    assertThat(Files.exists(dir.resolve("g.jsonl.part"))).isTrue(); // left alone
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
    assertThat(sink.articles()).extracting(RawArticle::getId).startsWith("n0", "n1", "n2").endsWith("n1233");
    assertThat(sink.deadLetters()).extracting(IngestTransaction.Rejected::source).contains(file + ":2");
  }
}
