package io.newsline.cli;

import io.newsline.common.Progress;
import io.newsline.common.config.Settings;
import io.newsline.ingest.IngestSources;
import io.newsline.ingest.FileImporter;
import io.newsline.ingest.IngestService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * newsline ingest --config FILE: the ingest stage as a service (feeds, push endpoint, watched
 * folder, each on when configured), or a one-shot import of files.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Run the ingest stage: feeds (ingest.feeds, ingest.feeds.file), push endpoint (ingest.push.port,"
        + " ingest.push.token) and watched folder (ingest.folder), publishing to the raw topic.",
        "With --import, import the files (JSON Lines, .jsonl.gz, .json, .txt, .html) and exit."})
final class IngestCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Option(names = "--import", paramLabel = "FILE", description = "Import these files (JSON Lines, .gz too) and exit.")
  List<Path> imports = List.of();

  @Override
  public Integer call() throws Exception {
    Settings s = config.load();
    try (StageProcess runner = new StageProcess("ingest", s, 8091)) {
      IngestService service = runner.manage(new IngestService(s, Instant::now));
      runner.ops().register(service);
      FileImporter ingest = runner.manage(new FileImporter(service));
      if (!imports.isEmpty()) {
        for (Path file : imports) {
          Progress p = new Progress("import " + file.getFileName(), System.err, 2000);
          ingest.importFile(file, "jsonl", p);
          p.finish("articles");
        }
        System.err.printf("imported %d articles, %d dead letters%n", ingest.published(), ingest.rejected());
        return 0;
      }
      runner.manage(IngestSources.start(s, service, ingest, Clock.systemUTC()));
      runner.awaitShutdown();
    }
    return 0;
  }
}
