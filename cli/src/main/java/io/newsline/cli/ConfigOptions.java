package io.newsline.cli;

import io.newsline.common.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** --config FILE and -D key=value, with NEWSLINE_* environment overrides on top of the file. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the stage's settings (see README).")
  Path file;

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Set one setting (wins over file and environment).")
  Map<String, String> overrides = new LinkedHashMap<>();

  Settings load() throws IOException {
    return Settings.load(file, System.getenv()).with(overrides);
  }
}
