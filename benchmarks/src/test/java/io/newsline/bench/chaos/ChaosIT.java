package io.newsline.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.bench.SharedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos run: 150 articles, three stage processes SIGKILLed (and started again; the last
 * kill aimed at aggregate while it clusters the input) and one broker killed and restarted, then
 * compared with a fault-free run. benchmarks/chaos runs the long
 * one (2,000 articles, --kills 10 by default).
 */
class ChaosIT {
  @Test
  void noArticleIsLostOrDuplicatedAndEveryTimelineMatchesTheFaultFreeRun(@TempDir Path work) throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent(); // failsafe runs in benchmarks/
    Path shared = SharedFolder.findOrSkip();
    ChaosRun.Options d = ChaosRun.Options.defaults(root);
    ChaosRun.Options o = new ChaosRun.Options(150, 3, 1, Duration.ofSeconds(2), Duration.ofSeconds(4), d.spacing(),
        7, root, shared, work, Duration.ofMinutes(8));
    assertThat(Files.isRegularFile(root.resolve("cli/target/newsline.jar"))).as("the packaged CLI (cli/target/newsline.jar)").isTrue();

    ChaosRun.Result r = ChaosRun.run(o, System.out);

    assertThat(r.line()).isEqualTo("lost=0 duplicated=0 differing=0 kills=3 broker_restarts=1");
  }
}
