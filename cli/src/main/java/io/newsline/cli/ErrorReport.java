package io.newsline.cli;

import io.newsline.common.config.ConfigException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How a command that fails tells the user: one line on stderr naming what to fix, and an exit
 * status, 2 for usage and configuration errors (bad option, missing or unreadable file, missing or
 * malformed setting) and 1 for anything else (port in use, broker unreachable, a bug). The stack
 * trace only with --debug (or NEWSLINE_DEBUG=true).
 */
final class ErrorReport implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int USAGE = 2;
  static final int FAILED = 1;

  /** Installs the handlers on the command line and returns it. */
  static CommandLine install(CommandLine cli) {
    ErrorReport r = new ErrorReport();
    return cli.setExecutionExceptionHandler(r).setParameterExceptionHandler(r);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
        + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
    if (debug(cmd)) {
      e.printStackTrace(err);
    }
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    Failure f = describe(e);
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + f.message()
        + (f.status() == FAILED && !debug(cmd) && f.unexpected() ? " (run with --debug for the stack trace)" : ""));
    if (debug(cmd)) {
      e.printStackTrace(err);
    }
    err.flush();
    return f.status();
  }

  /** What went wrong, in the user's terms. */
  record Failure(String message, int status, boolean unexpected) {}

  static Failure describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigException || t instanceof ParameterException) {
        return new Failure(t.getMessage(), USAGE, false);
      }
      if (t instanceof NoSuchFileException n) {
        return new Failure("no such file: " + n.getFile(), USAGE, false);
      }
      if (t instanceof AccessDeniedException a) {
        return new Failure("permission denied: " + a.getFile(), USAGE, false);
      }
      if (t instanceof NotDirectoryException n) {
        return new Failure("not a folder: " + n.getFile(), USAGE, false);
      }
      if (t instanceof FileSystemException fs && fs.getFile() != null) {
        return new Failure("cannot use " + fs.getFile() + ": " + (fs.getReason() == null ? t.getClass().getSimpleName() : fs.getReason()),
            USAGE, false);
      }
      if (t instanceof DataFolder.InUseException || t instanceof UnreachableException) {
        return new Failure(t.getMessage(), FAILED, false);
      }
      if (t instanceof BindException) {
        String m = String.valueOf(t.getMessage());
        return new Failure(m.startsWith("port ") ? m : "a port is in use (" + m + ")", FAILED, false);
      }
    }
    String what = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new Failure(what, FAILED, true);
  }

  private static boolean debug(CommandLine cmd) {
    CommandLine root = cmd;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof Newsline n && n.debug || "true".equalsIgnoreCase(System.getenv("NEWSLINE_DEBUG"));
  }

  /** A service the command needs did not answer at start-up; the message names it and its setting. */
  static final class UnreachableException extends RuntimeException {
    UnreachableException(String message) {
      super(message, null, false, false);
    }
  }
}
