package io.newsline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The newsline command line. */
@Command(
    name = "newsline",
    mixinStandardHelpOptions = true,
    versionProvider = Newsline.Version.class,
    description = "Turns a flood of news articles into per-event timelines on Kafka.",
    subcommands = {
      LocalCommand.class,
      IngestCommand.class,
      EnrichCommand.class,
      AggregateCommand.class,
      BatchCommand.class,
      HealthCommand.class,
      ResetCommand.class,
      StanceCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Newsline implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Kafka's test kit ships a log4j2.yaml that would win over ours by file type; name ours explicitly
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "newsline-log4j2.xml");
    }
    // our shutdown hook closes the stages and logs while doing so; log4j must not stop first
    System.setProperty("log4j2.shutdownHookEnabled", "false");
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new Newsline()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Newsline.class.getPackage().getImplementationVersion();
      return new String[] {"newsline " + (v == null ? "dev" : v)};
    }
  }
}
