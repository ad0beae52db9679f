package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors a user can fix: one line on stderr naming what to fix, exit 2 (usage, configuration) or 1; a trace only with --debug. */
class ErrorReportTest {
  private record Run(int exit, String err) {}

  @Test
  void aMissingConfigFileIsOneLineAndExitTwo() {
    Run r = run("enrich", "--config", "missing.properties");
    assertThat(r.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(r.err).isEqualTo("newsline enrich: no such file: missing.properties");
  }

  @Test
  void aMissingSettingIsNamedWithItsVariable(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("aggregate.properties"), "bootstrap.servers=127.0.0.1:1\n");
    Run r = run("aggregate", "--config", config.toString());
    assertThat(r.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(r.err).isEqualTo("newsline aggregate: missing setting schema.registry.url"
        + " (set it in the config file or as NEWSLINE_SCHEMA_REGISTRY_URL)");
  }

  @Test
  void aBadOptionPointsToHelp() {
    Run r = run("local", "--frsh");
    assertThat(r.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(r.err).startsWith("newsline local: Unknown option: '--frsh'").endsWith("(see newsline local --help)");
  }

  @Test
  void badOptionValuesAreUsageErrorsNamingTheOptionBeforeAnythingStarts(@TempDir Path dir) {
    // they were IllegalArgumentExceptions with exit 1, --http-port -1 and --timeout after Kafka had started
    Path data = dir.resolve("data");
    Run port = run("local", "--data", data.toString(), "--http-port", "-1");
    assertThat(port.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(port.err).isEqualTo("newsline local: Invalid value for option '--http-port': a port from 0 to 65535, not '-1'"
        + " (see newsline local --help)");
    assertThat(run("local", "--data", data.toString(), "--kafka-port", "70000").err).contains("a port from 0 to 65535, not '70000'");
    assertThat(run("local", "--data", data.toString(), "--push-port", "99999", "--push-token", "t").err)
        .contains("'--push-port': a port from 0 to 65535");
    Run timeout = run("local", "--data", data.toString(), "--once", "--timeout", "banana");
    assertThat(timeout.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(timeout.err).contains("'--timeout': a duration such as 30s, 5m or 2h, not 'banana'");
    assertThat(run("local", "--data", data.toString(), "--push-port", "0").err)
        .isEqualTo("newsline local: --push-port needs --push-token (see newsline local --help)"); // was "local: ...", after Kafka started
    assertThat(data).doesNotExist(); // nothing started
    Run time = run("batch", "--input", "x.jsonl", "--output", dir.toString(), "--ingested-at", "yesterday");
    assertThat(time.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(time.err).contains("'--ingested-at': an ISO-8601 time such as 2026-12-01T00:00:00Z, not 'yesterday'")
        .doesNotContain("java.");
    Run folder = run("batch", "--input", dir.toString(), "--output", dir.resolve("out").toString());
    assertThat(folder.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(folder.err).isEqualTo("newsline batch: --input: " + dir + " is a folder; give a JSON Lines file (see newsline batch --help)");
    Run url = run("health", "localhost:8092/health");
    assertThat(url.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(url.err).contains("an http(s) URL such as http://localhost:8092/health, not 'localhost:8092/health'");
  }

  @Test
  void badFeedsAndSourceSettingsAreUsageErrorsBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    // --feed notaurl was refused only once Kafka, the registry and the stages had started
    Path data = dir.resolve("data");
    Run option = run("local", "--data", data.toString(), "--feed", "notaurl");
    assertThat(option.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(option.err).isEqualTo("newsline local: Invalid value for option '--feed' (URL): an http(s) feed URL such as"
        + " https://example.org/rss, not 'notaurl' (see newsline local --help)");
    assertThat(run("local", "--data", data.toString(), "--feed", "https://example.org/rss", "--feed", "ftp://example.org/rss").err)
        .contains("not 'ftp://example.org/rss'");
    assertThat(run("local", "--data", data.toString(), "--feed", "file:///etc/passwd").exit).isEqualTo(ErrorReport.USAGE);
    Path config = Files.writeString(dir.resolve("local.properties"), "ingest.feeds=https://example.org/rss javascript:alert(1)\n");
    Run setting = run("local", "--data", data.toString(), "--config", config.toString());
    assertThat(setting.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(setting.err).isEqualTo("newsline local: ingest.feeds: 'javascript:alert(1)' is not an http(s) feed URL");
    Path feedsFile = Files.writeString(dir.resolve("feeds.txt"), "https://example.org/rss 10m\nexample.org/atom\n");
    Path withFile = Files.writeString(dir.resolve("file.properties"), "ingest.feeds.file=" + feedsFile + "\n");
    assertThat(run("local", "--data", data.toString(), "--config", withFile.toString()).err)
        .isEqualTo("newsline local: " + feedsFile + ":2: 'example.org/atom' is not an http(s) feed URL");
    Path missing = Files.writeString(dir.resolve("missing.properties"), "ingest.feeds.file=" + dir.resolve("nofeeds.txt") + "\n");
    assertThat(run("local", "--data", data.toString(), "--config", missing.toString()).err)
        .isEqualTo("newsline local: no such file: " + dir.resolve("nofeeds.txt"));
    // --input naming a file was refused (processed/: Not a directory) once Kafka and the stages had started
    Path file = Files.writeString(dir.resolve("afile"), "hi\n");
    Run input = run("local", "--data", data.toString(), "--input", file.toString());
    assertThat(input.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(input.err).isEqualTo("newsline local: --input: " + file + " is a file; give a folder to watch (see newsline local --help)");
    assertThat(data).doesNotExist(); // nothing started

    // the ingest service: at once, not after waiting startup.timeout for a broker that is not there
    Path ingest = Files.writeString(dir.resolve("ingest.properties"), "bootstrap.servers=127.0.0.1:1\n"
        + "schema.registry.url=http://127.0.0.1:1\nstartup.timeout=1m\ningest.feeds=notaurl\n");
    long t0 = System.nanoTime();
    Run service = run("ingest", "--config", ingest.toString());
    assertThat(service.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(service.err).isEqualTo("newsline ingest: ingest.feeds: 'notaurl' is not an http(s) feed URL");
    assertThat(System.nanoTime() - t0).isLessThan(java.time.Duration.ofSeconds(30).toNanos());
    Path push = Files.writeString(dir.resolve("push.properties"), "bootstrap.servers=127.0.0.1:1\n"
        + "schema.registry.url=http://127.0.0.1:1\nstartup.timeout=1m\ningest.push.port=70000\ningest.push.token=t\n");
    assertThat(run("ingest", "--config", push.toString()).err)
        .isEqualTo("newsline ingest: setting ingest.push.port: a port from 0 to 65535, not 70000");
  }

  @Test
  void aDataFolderThatIsAFileIsUsageError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("data"), "x");
    Run r = run("local", "--data", file.toString());
    assertThat(r.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(r.err).isEqualTo("newsline local: not a folder: " + file.toAbsolutePath());
  }

  @Test
  void aTakenPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ErrorReport.Failure f = ErrorReport.describe(new RuntimeException(
          new java.net.BindException("port " + taken.getLocalPort() + " (http.port) is in use")));
      assertThat(f.status()).isEqualTo(ErrorReport.FAILED);
      assertThat(f.message()).isEqualTo("port " + taken.getLocalPort() + " (http.port) is in use");
    }
  }

  @Test
  void anUnreachableBrokerAtStartUpIsOneLineAfterTheWait(@TempDir Path dir) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path config = Files.writeString(dir.resolve("enrich.properties"), "bootstrap.servers=127.0.0.1:" + closed
        + "\nschema.registry.url=http://127.0.0.1:" + closed + "\nstartup.timeout=1s\n");
    Run r = run("enrich", "--config", config.toString());
    assertThat(r.exit).isEqualTo(ErrorReport.FAILED);
    assertThat(r.err.lines().filter(l -> l.startsWith("newsline enrich:")).toList())
        .containsExactly("newsline enrich: cannot reach Kafka at 127.0.0.1:" + closed + " (bootstrap.servers): connection refused for 1 s");
    assertThat(r.err).doesNotContain("\tat ");
  }

  @Test
  void aMalformedBootstrapSettingIsAConfigurationError(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("enrich.properties"), "bootstrap.servers=kafka\nschema.registry.url=http://r:8081\n");
    Run r = run("enrich", "--config", config.toString());
    assertThat(r.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(r.err).isEqualTo("newsline enrich: setting bootstrap.servers: 'kafka' is not host:port");
  }

  @Test
  void debugAddsTheStackTrace() {
    Run r = run("--debug", "enrich", "--config", "missing.properties");
    assertThat(r.exit).isEqualTo(ErrorReport.USAGE);
    assertThat(r.err).startsWith("newsline enrich: no such file: missing.properties\n").contains("NoSuchFileException").contains("\tat ");
  }

  private static Run run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Newsline.run(args);
    } finally {
      System.setErr(original);
    }
    return new Run(exit, err.toString(StandardCharsets.UTF_8).strip());
  }
}
