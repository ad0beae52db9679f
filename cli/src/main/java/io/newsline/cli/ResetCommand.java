package io.newsline.cli;

import io.newsline.common.config.Settings;
import io.newsline.runtime.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * newsline reset enrich|aggregate: makes a stopped stage start over from the beginning of its input
 * (a backfill or a replay after a model change). Deletes the stage's consumer group (so it reads
 * its input topic from the earliest offset), its internal repartition and changelog topics, and its
 * local state. The stage's outputs are compacted and deterministic: the replay rewrites the same
 * records for the same input, and new records where the models changed.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Reset a stopped stream stage so it reprocesses its input from the beginning (backfills, replays).",
        "Stop every instance of the stage first."})
final class ResetCommand implements Callable<Integer> {
  @Parameters(paramLabel = "STAGE", description = "enrich or aggregate")
  String stage;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    if (!stage.equals("enrich") && !stage.equals("aggregate")) {
      System.err.println("STAGE must be enrich or aggregate");
      return 2;
    }
    Settings s = config.load();
    Properties p = KafkaSettings.streams(stage, s);
    String appId = p.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    try (Admin admin = Admin.create(KafkaSettings.clientConfig(s))) {
      try {
        admin.deleteConsumerGroups(List.of(appId)).all().get();
        System.out.println("deleted consumer group " + appId + ": the stage will read its input from the beginning");
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof GroupNotEmptyException) {
          System.err.println("stage " + stage + " (" + appId + ") is still running: stop every instance first");
          return 1;
        }
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
        System.out.println("no consumer group " + appId + " yet");
      }
      List<String> internal = admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith(appId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
          .sorted().toList();
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get();
        System.out.println("deleted internal topics " + internal);
      }
    }
    Path state = Path.of(p.getProperty(StreamsConfig.STATE_DIR_CONFIG), appId);
    if (Files.exists(state)) {
      try (Stream<Path> files = Files.walk(state)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
      System.out.println("deleted local state " + state);
    }
    return 0;
  }
}
