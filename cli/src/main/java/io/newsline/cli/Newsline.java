package io.newsline.cli;

import io.newsline.runtime.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The newsline command line. */
@Command(
    name = "newsline",
    mixinStandardHelpOptions = true,
    versionProvider = Newsline.Version.class,
    description = "Turns a flood of news articles into per-event timelines on Kafka.",
    footer = {"", "The sentence embedding of every command and stage is the JVM property",
        "newsline.embedding: cascade (the default: a static table, MiniLM where the",
        "join is open), minilm (MiniLM on every article) or static (the table alone);",
        "e.g. JAVA_OPTS=\"-Xmx2g -Dnewsline.embedding=minilm\" ./newsline local.",
        "Events stored under another embedding are migrated when aggregate starts."})
public final class Newsline implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an error (also NEWSLINE_DEBUG=true).")
  boolean debug;

  public static void main(String[] args) {
    // Kafka's test kit ships a log4j2.yaml that would win over ours by file type; name ours explicitly
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "newsline-log4j2.xml");
    }
    // our shutdown hook closes the stages and logs while doing so; log4j must not stop first
    System.setProperty("log4j2.shutdownHookEnabled", "false");
    setLogLevels(args);
    System.exit(run(args));
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Before anything logs: newsline's level from -Dnewsline.log.level, else NEWSLINE_LOG_LEVEL (so
   * a container sets it by environment), else info for the services and warn for the commands a
   * person watches; Kafka's from NEWSLINE_KAFKA_LOG_LEVEL, else warn (rebalances, fencing, lost
   * connections show), or error under local, whose broker and clients share its console.
   */
  static void setLogLevels(String[] args) {
    String command = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    // the services are the stage commands and the registry; not loaded here: nothing may log yet
    boolean service = !java.util.Set.of("", "local", "batch", "stance", "health", "reset", "help").contains(command);
    setDefault("newsline.log.level", System.getenv("NEWSLINE_LOG_LEVEL"), service ? "info" : "warn");
    setDefault("newsline.kafka.log.level", System.getenv("NEWSLINE_KAFKA_LOG_LEVEL"), command.equals("local") ? "error" : "warn");
  }

  private static void setDefault(String property, String env, String fallback) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, env == null || env.isBlank() ? fallback : env.strip());
    }
  }

  /** local, then one subcommand per stage (from {@link Stages}), then the tools. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Newsline());
    cl.addSubcommand(new LocalCommand());
    for (Stage stage : Stages.ALL) {
      cl.addSubcommand(stage.name(), Stages.command(stage).commandLine());
    }
    cl.addSubcommand(new RegistryCommand());
    cl.addSubcommand(new BatchCommand());
    cl.addSubcommand(new HealthCommand());
    cl.addSubcommand(new ResetCommand());
    cl.addSubcommand(new StanceCommand());
    cl.addSubcommand(new CommandLine.HelpCommand());
    return ErrorReport.install(cl.setCaseInsensitiveEnumValuesAllowed(true));
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
