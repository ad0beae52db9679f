package io.newsline.cli;

import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.topology.AggregateSettings;
import io.newsline.common.Progress;
import io.newsline.common.PublicationTime;
import io.newsline.common.config.Settings;
import io.newsline.enrich.ArticleEnricher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** newsline batch: the pipeline's enrich and aggregate logic over a JSON Lines file, no broker. */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Enrich and cluster a JSON Lines file without a broker, in input order.",
        "Writes DIR/enriched.jsonl, DIR/assignments.jsonl, DIR/timelines.jsonl (and DIR/errors.jsonl for bad lines)."})
final class BatchCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines: {\"id\",\"title\",\"text\",\"url\",\"outlet\",\"published_at\"}; only text required. .gz accepted.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder (created).")
  Path output;

  @Option(names = "--no-clean", description = "Keep title and text exactly as given (offsets index the input).")
  boolean noClean;

  @Option(names = "--ingested-at", converter = OptionValues.Time.class, paramLabel = "TIME", description = {
      "When the articles count as ingested (ISO-8601, e.g. 2026-12-01T00:00:00Z); default: the input file's last-modified time.",
      "Publication times later than this plus dates.future.skew are treated as unknown."})
  Instant ingestedAt;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    if (Files.isDirectory(input)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--input: " + input + " is a folder; give a JSON Lines file");
    }
    if (!Files.isReadable(input)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--input: cannot read " + input);
    }
    Settings s = config.load();
    Progress progress = new Progress("batch", System.err, 2000);
    ClusterSettings clustering = ClusterSettings.from(s);
    BatchPipeline.Summary r = new BatchPipeline(ArticleEnricher.standard(), clustering, !noClean,
        AggregateSettings.from(s).partitions(), PublicationTime.skew(s), ingestedAt)
        .run(input, output, progress);
    progress.finish("articles");
    System.err.printf("%d articles, %d events, %d errors -> %s%n", r.articles(), r.events(), r.errors(), output);
    if (clustering.cascade() != null) {
      System.err.printf("embedding cascade: %d of %d articles embedded by MiniLM (%.1f %%)%n", r.fineEmbeddings(), r.articles(),
          r.articles() == 0 ? 0 : 100.0 * r.fineEmbeddings() / r.articles());
    }
    if (r.untrustedDates() > 0) {
      System.err.printf("%d publication times later than the ingestion time were treated as unknown%n", r.untrustedDates());
    }
    if (r.errors() > 0) {
      System.err.println("bad input lines are listed in " + output.resolve("errors.jsonl"));
    }
    return 0;
  }
}
