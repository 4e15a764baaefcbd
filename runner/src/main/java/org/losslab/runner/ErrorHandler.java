package org.losslab.runner;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.losslab.api.LossException;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Problem;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line per problem on stderr and an exit code; the stack trace
 * only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  private final boolean verbose;

  ErrorHandler(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    // A part Guice builds on first use (the registry, loading plugins) reports its failure wrapped.
    if (exception instanceof com.google.inject.ProvisionException provision && provision.getCause() instanceof Exception cause) {
      exception = cause;
    }
    int code;
    if (exception instanceof ExperimentException invalid) {
      for (Problem problem : invalid.problems()) {
        err.println(problem);
      }
      code = ExitCodes.INVALID;
    } else if (exception instanceof LossException || exception instanceof UncheckedIOException) {
      err.println("losslab: " + exception.getMessage());
      code = ExitCodes.INVALID;
    } else {
      err.println("losslab: internal error: " + exception
          + (verbose ? "" : " (run with --verbose for the stack trace)"));
      code = ExitCodes.EVALUATION_FAILED;
    }
    if (verbose) {
      exception.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
