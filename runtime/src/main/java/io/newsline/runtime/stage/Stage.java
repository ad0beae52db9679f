package io.newsline.runtime.stage;

import io.newsline.common.config.Settings;
import io.newsline.runtime.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline stage, as every process that runs one sees it. Each stage module implements it once
 * (ingest's IngestStage, enrich's EnrichStage, aggregate's AggregateStage) and owns everything
 * about the stage: its name, port, topics, how it starts and whether it can be reset. The
 * {@code newsline} command lists the implementations once and derives from that list its stage
 * subcommands, what {@code newsline local} starts, what {@code newsline reset} accepts and the
 * ports. A Kafka Streams stage implements {@link io.newsline.runtime.streams.TopologyStage}, which
 * fills in start and reset. See docs/architecture.md.
 */
public interface Stage {
  /**
   * The stage's name: its subcommand, its health component, its Kafka Streams application id
   * (newsline-NAME) and the stage recorded on its dead letters.
   */
  String name();

  /** One line for {@code newsline --help} and the stage's own help. */
  String description();

  /**
   * Port of the stage's HTTP server (health, metrics and any route the stage mounts) when it runs
   * as its own process; {@code http.port} overrides it.
   */
  int defaultPort();

  /** Topics the stage reads. */
  List<String> inputs(Topics topics);

  /** Topics the stage writes, dead letters included. */
  List<String> outputs(Topics topics);

  /**
   * Starts the stage from {@code context.settings()}. Everything the stage opens is registered
   * with {@code context.closer()}, which closes it in reverse order when the process stops; its
   * health checks (and any HTTP routes) go to {@code context.ops()}.
   */
  Running start(StageContext context) throws Exception;

  /**
   * Checks the settings the stage reads when it starts, before anything starts (no broker, no
   * port): a bad value is a {@link io.newsline.common.config.ConfigException} naming it.
   */
  default void check(Settings settings) {}

  /** How {@code newsline reset} makes the stopped stage start over from its input; empty when it cannot. */
  default Optional<Reset> reset() {
    return Optional.empty();
  }

  /** A started stage. */
  interface Running {
    /** Waits until the stage processes its input (a Kafka Streams stage: RUNNING); false on timeout. */
    boolean awaitRunning(Duration timeout) throws InterruptedException;
  }

  /** Makes a stopped stage start over (backfills, replays after a model change). */
  interface Reset {
    /** Resets; reports what it did on {@code out} and problems on {@code err}; returns the exit status. */
    int reset(Settings settings, PrintStream out, PrintStream err) throws Exception;
  }
}
