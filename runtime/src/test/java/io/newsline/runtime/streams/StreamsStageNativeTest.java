package io.newsline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsline.common.NativeCopies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RocksDB's extracted native library does not outlive its loading (55 copies, 14 MB each, were left in /tmp by killed stages). */
class StreamsStageNativeTest {
  @Test
  void theExtractedRocksDbLibraryIsDeletedOnceLoaded(@TempDir Path state) {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only");
    StreamsBuilder b = new StreamsBuilder();
    b.stream("in").to("out");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "native-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    StreamsStage stage = new StreamsStage("native-test", b.build(), p);
    try {
      List<String> mapped = NativeCopies.mappedFiles();
      assertThat(mapped).anyMatch(f -> f.contains("librocksdbjni")); // loaded, still mapped
      Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
      assertThat(NativeCopies.loadedCopies(mapped, tmp, "librocksdbjni")).isNotEmpty().allSatisfy(copy -> assertThat(copy).doesNotExist());
    } finally {
      stage.close(Duration.ofSeconds(5));
    }
  }
}
