package io.newsline.cli;

import io.newsline.aggregate.AggregateStage;
import io.newsline.enrich.EnrichStage;
import io.newsline.ingest.IngestStage;
import io.newsline.query.QueryStage;
import io.newsline.runtime.stage.Stage;
import java.util.List;
import java.util.Optional;

/**
 * Every stage of the pipeline, in data-flow order. The stage subcommands, what `newsline local`
 * starts, what `newsline reset` accepts and the default ports all come from this list: adding a
 * stage is its module (implementing runtime's {@link Stage}) and one entry here.
 */
final class Stages {
  static final List<Stage> ALL = List.of(new IngestStage(), new EnrichStage(), new AggregateStage(), new QueryStage());

  private Stages() {}

  static Optional<Stage> named(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Names of the stages `newsline reset` can reset. */
  static List<String> resettable() {
    return ALL.stream().filter(s -> s.reset().isPresent()).map(Stage::name).toList();
  }

  /** The subcommand that runs the stage as a service; ingest's also imports files (--import). */
  static StageCommand command(Stage stage) {
    return stage instanceof IngestStage ingest ? new IngestCommand(ingest) : new StageCommand(stage);
  }
}
