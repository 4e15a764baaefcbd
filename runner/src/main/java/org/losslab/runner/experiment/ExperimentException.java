package org.losslab.runner.experiment;

import java.util.List;
import org.losslab.api.LossException;
import org.jspecify.annotations.Nullable;

/**
 * The experiment, or the data it names, is invalid: one or more {@link Problem}s, each one line. Nothing is
 * evaluated; the command exits with code 2.
 */
public class ExperimentException extends LossException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public ExperimentException(List<Problem> problems) {
    this(problems, null);
  }

  public ExperimentException(List<Problem> problems, @Nullable Throwable cause) {
    super(String.join("\n", problems.stream().map(Problem::toString).toList()), cause);
    this.problems = List.copyOf(problems);
  }

  /** One problem. */
  public ExperimentException(Location location, String path, String message) {
    this(List.of(new Problem(location, path, message)));
  }

  /** One problem with the exception that revealed it. */
  public ExperimentException(Location location, String path, String message, @Nullable Throwable cause) {
    this(List.of(new Problem(location, path, message)), cause);
  }

  /** Every problem found, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
