package io.newsline.runtime.streams;

import io.newsline.common.FileTrees;
import io.newsline.common.config.Settings;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.stage.Stage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Makes a stopped Kafka Streams stage start over from the beginning of its input (a backfill or a
 * replay after a model change). Deletes the stage's consumer group (so it reads its input topic
 * from the earliest offset), its internal repartition and changelog topics, and its local state.
 * The stage's outputs are compacted and deterministic: the replay rewrites the same records for
 * the same input, and new records where the models changed.
 */
public final class StreamsReset implements Stage.Reset {
  private final String stage;

  public StreamsReset(String stage) {
    this.stage = stage;
  }

  @Override
  public int reset(Settings s, PrintStream out, PrintStream err) throws Exception {
    Properties p = KafkaSettings.streams(stage, s);
    String appId = p.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    Path state = Path.of(p.getProperty(StreamsConfig.STATE_DIR_CONFIG), appId);
    if (inUse(state)) {
      // the query stage has no consumer group to tell a running instance by: its locked state does
      err.println("stage " + stage + " (" + appId + ") is still running on " + state + ": stop it first");
      return 1;
    }
    try (Admin admin = Admin.create(KafkaSettings.clientConfig(s))) {
      try {
        admin.deleteConsumerGroups(List.of(appId)).all().get();
        out.println("deleted consumer group " + appId + ": the stage will read its input from the beginning");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GroupNotEmptyException) {
          err.println("stage " + stage + " (" + appId + ") is still running: stop every instance first");
          return 1;
        }
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
        out.println("no consumer group " + appId);
      }
      List<String> internal = admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith(appId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
          .sorted().toList();
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get();
        out.println("deleted internal topics " + internal);
      }
    }
    if (Files.exists(state)) {
      FileTrees.delete(state);
      out.println("deleted local state " + state);
    }
    return 0;
  }

  /** Whether a Kafka Streams instance holds the state directory (it locks {@code .lock} in it while it runs). */
  static boolean inUse(Path state) throws IOException {
    Path lock = state.resolve(".lock");
    if (!Files.exists(lock)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return true;
      }
      held.release();
      return false;
    } catch (OverlappingFileLockException sameProcess) {
      return true;
    }
  }
}
