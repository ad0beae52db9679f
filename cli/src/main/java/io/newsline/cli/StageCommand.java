package io.newsline.cli;

import io.newsline.common.config.Settings;
import io.newsline.runtime.Topics;
import io.newsline.runtime.stage.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** newsline STAGE --config FILE: one stage as a service (health, metrics, graceful shutdown). */
@Command(mixinStandardHelpOptions = true)
class StageCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  final Stage stage;

  StageCommand(Stage stage) {
    this.stage = stage;
  }

  /** The picocli command: the stage's name, its description and its topics in the help. */
  final CommandLine commandLine() {
    CommandLine cl = new CommandLine(this);
    Topics topics = new Topics(Settings.empty());
    List<String> help = new ArrayList<>(List.of(stage.description()));
    help.addAll(moreDescription());
    help.add("Reads " + String.join(", ", stage.inputs(topics)) + "; writes " + String.join(", ", stage.outputs(topics))
        + " (default topic names). Health and metrics on port " + stage.defaultPort() + " (http.port).");
    cl.getCommandSpec().name(stage.name()).usageMessage().description(help.toArray(String[]::new));
    return cl;
  }

  /** Description lines after the stage's own, for a command with options of its own. */
  List<String> moreDescription() {
    return List.of();
  }

  @Override
  public Integer call() throws Exception {
    return StageProcess.run(stage, config.load());
  }
}
