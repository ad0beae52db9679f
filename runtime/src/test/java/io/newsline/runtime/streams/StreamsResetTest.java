package io.newsline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.common.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `newsline reset` on a stage still running on this host: refused before anything is deleted. The
 * query stage has no consumer group whose members would tell, so its locked state directory does
 * (a reset deleted a running query instance's stores before).
 */
class StreamsResetTest {
  @Test
  void aStateDirectoryARunningInstanceLocksIsNotDeleted(@TempDir Path dir) throws Exception {
    Path app = Files.createDirectories(dir.resolve("newsline-query").resolve("global"));
    Path lock = Files.createFile(dir.resolve("newsline-query").resolve(".lock"));
    Settings s = Settings.of(Map.of("bootstrap.servers", "127.0.0.1:1", "schema.registry.url", "http://127.0.0.1:1",
        "state.dir", dir.toString()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (FileChannel c = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = c.lock()) {
      int status = new StreamsReset("query").reset(s, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
      assertThat(status).isEqualTo(1);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("still running").contains("stop it first");
    assertThat(app).exists();
    assertThat(StreamsReset.inUse(dir.resolve("newsline-query"))).as("free once the instance let go").isFalse();
    assertThat(StreamsReset.inUse(dir.resolve("never-started"))).isFalse();
  }
}
