package io.newsline.cli;

import io.newsline.common.Progress;
import io.newsline.ingest.FileImporter;
import io.newsline.ingest.IngestStage;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * newsline ingest --config FILE: the ingest stage as a service (feeds, push endpoint, watched
 * folder, each on when configured), or a one-shot import of files.
 */
final class IngestCommand extends StageCommand {
  @Option(names = "--import", paramLabel = "FILE", description = "Import these files (JSON Lines, .gz too) and exit.")
  List<Path> imports = List.of();

  IngestCommand(IngestStage stage) {
    super(stage);
  }

  @Override
  List<String> moreDescription() {
    return List.of("With --import, import the files (JSON Lines, .jsonl.gz, .json, .txt, .html) and exit.");
  }

  @Override
  public Integer call() throws Exception {
    if (imports.isEmpty()) {
      return super.call();
    }
    try (StageProcess process = new StageProcess(stage, config.load())) {
      // an import is its own transactional writer: it must not fence the running service
      FileImporter importer = IngestStage.startImporter(process.context(), "import " + imports);
      for (Path file : imports) {
        Progress p = new Progress("import " + file.getFileName(), System.err, 2000);
        importer.importFile(file, "jsonl", p);
        p.finish("articles");
      }
      System.err.printf("imported %d articles, %d dead letters%n", importer.published(), importer.rejected());
    }
    return 0;
  }
}
