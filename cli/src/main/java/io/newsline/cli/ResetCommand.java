package io.newsline.cli;

import io.newsline.runtime.stage.Stage;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * newsline reset STAGE: makes a stopped stage start over from the beginning of its input (a
 * backfill or a replay after a model change), in the way the stage defines (Kafka Streams stages:
 * {@link io.newsline.runtime.streams.StreamsReset}).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Reset a stopped stream stage so it reprocesses its input from the beginning (backfills, replays).",
        "Stop every instance of the stage first."})
final class ResetCommand implements Callable<Integer> {
  @Parameters(paramLabel = "STAGE", description = "${COMPLETION-CANDIDATES}", completionCandidates = Resettable.class)
  String stage;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    Optional<Stage.Reset> reset = Stages.named(stage).flatMap(Stage::reset);
    if (reset.isEmpty()) {
      System.err.println("STAGE must be " + String.join(" or ", Stages.resettable()));
      return 2;
    }
    return reset.get().reset(config.load(), System.out, System.err);
  }

  /** The stages that can be reset, for the help. */
  static final class Resettable implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Stages.resettable().iterator();
    }
  }
}
