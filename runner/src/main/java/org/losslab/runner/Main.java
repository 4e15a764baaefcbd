package org.losslab.runner;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.losslab.api.Suggestions;
import picocli.CommandLine;

/** The {@code losslab} command: parses the arguments, wires the parts with Guice, runs, and exits with its code. */
public final class Main {
  private static final String GUICE_BYTECODE = "guice_bytecode_gen_option";

  private Main() {}

  public static void main(String[] args) {
    // Guice generates bytecode for faster reflection, which only pays off in a long-lived injector; this one
    // builds a handful of objects once (about 25 ms less start-up without it).
    if (System.getProperty(GUICE_BYTECODE) == null) {
      System.setProperty(GUICE_BYTECODE, "DISABLED");
    }
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command in-process (as tests do) and returns its exit code; see {@link ExitCodes}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, new RunnerModule());
  }

  /** Runs the command with another Guice module, for tests that replace a part. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, com.google.inject.Module module) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    Injector injector = Guice.createInjector(module);
    CommandLine commandLine = new CommandLine(LosslabCommand.class, new GuiceFactory(injector));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorHandler(verbose));
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      String hint = "";
      if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
          && !unmatched.getUnmatched().isEmpty()) {
        hint = Suggestions.hint(unmatched.getUnmatched().get(0),
            exception.getCommandLine().getSubcommands().keySet());
      }
      err.println("losslab: " + exception.getMessage() + hint);
      err.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCodes.INVALID;
    });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Lets picocli create commands through Guice, so commands get their parts injected. */
  private record GuiceFactory(Injector injector) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type.getName().startsWith("org.losslab.")) {
        return injector.getInstance(type);
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
