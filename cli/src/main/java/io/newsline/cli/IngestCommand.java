package io.newsline.cli;

import io.newsline.common.Progress;
import io.newsline.common.config.Settings;
import io.newsline.ingest.IngestRunner;
import io.newsline.ingest.IngestService;
import io.newsline.ingest.source.InputFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** newsline ingest --config FILE: the ingest stage as a service, or a one-shot JSON Lines import. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Run the ingest stage: watched folder (ingest.folder) and imports into the raw topic.")
final class IngestCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Option(names = "--import", paramLabel = "FILE", description = "Import these files (JSON Lines, .gz too) and exit.")
  List<Path> imports = List.of();

  @Override
  public Integer call() throws Exception {
    Settings s = config.load();
    try (StageRunner runner = new StageRunner("ingest", s, 8091)) {
      IngestService service = runner.manage(new IngestService(s, Instant::now));
      runner.ops().register(service);
      IngestRunner ingest = runner.manage(new IngestRunner(service));
      if (!imports.isEmpty()) {
        for (Path file : imports) {
          Progress p = new Progress("import " + file.getFileName(), System.err, 2000);
          ingest.importFile(file, "jsonl", p);
          p.finish("articles");
        }
        System.err.printf("imported %d articles, %d dead letters%n", ingest.published(), ingest.rejected());
        return 0;
      }
      if (s.has("ingest.folder")) {
        ingest.watch(new InputFolder(Path.of(s.get("ingest.folder"))), s.getDuration("ingest.folder.interval", Duration.ofSeconds(2)));
      }
      runner.awaitShutdown();
    }
    return 0;
  }
}
