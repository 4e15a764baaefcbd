package org.losslab.runner;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code losslab} command: its subcommands do the work. */
@Command(name = "losslab", mixinStandardHelpOptions = true, versionProvider = LosslabCommand.Version.class,
    description = "Evaluates loss functions on datasets from a YAML experiment and compares the results.",
    subcommands = {RunCommand.class, ValidateCommand.class, ListCommand.class, DescribeCommand.class,
        CheckCommand.class},
    footer = {"", "Exit codes: 0 all fine; 1 an expectation failed; 2 invalid invocation, experiment or data "
        + "(nothing evaluated); 3 a loss failed during evaluation."})
final class LosslabCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, validate, list, describe or check");
  }

  /** The version, from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"losslab " + version(), "Java " + System.getProperty("java.version")};
    }
  }

  /** losslab's version as the build recorded it. */
  static String version() {
    try (InputStream in = LosslabCommand.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
