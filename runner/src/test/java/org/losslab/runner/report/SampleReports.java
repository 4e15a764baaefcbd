package org.losslab.runner.report;

import static org.losslab.runner.evaluate.Status.COMPUTED;
import static org.losslab.runner.evaluate.Status.ERROR;
import static org.losslab.runner.evaluate.Status.FAIL;
import static org.losslab.runner.evaluate.Status.PASS;
import static org.losslab.runner.evaluate.Status.SKIPPED;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;

/** Reports built by hand for the writers' tests. */
final class SampleReports {

  /** An error message that no format may mangle: a comma, quotes, a line break and a pipe. */
  static final String MESSAGE = "gamma, alpha: \"bad\"\nsee | docs";

  /** The tutorial prints {@code L1 Loss: 1.3333334} for its float32 example; this is that float, widened. */
  static final double TUTORIAL_L1 = 1.3333334f;

  private SampleReports() {}

  /**
   * Every status, two datasets and a NaN value. On {@code tutorial}: l1 passes, huber fails by -0.5, focal fails
   * with {@link #MESSAGE}, hinge is skipped (it still has an expectation). On {@code doubled}: 1.0, 2.0 and NaN, so
   * the ratios to the first are 1, 2 and NaN.
   */
  static Report mixed() {
    return new Report("tutorial", "Losses from the tutorial", 1e-6, List.of(
        new Result("l1", "l1", params("reduction", "mean"), "tutorial", TUTORIAL_L1, 1.3333334, PASS, null),
        new Result("huber(delta=2.0)", "huber", params("delta", 2.0, "reduction", "mean"), "tutorial", 2.0, 2.5,
            FAIL, null),
        new Result("focal", "focal", params("gamma", 2.0, "alpha", 0.25), "tutorial", null, null, ERROR, MESSAGE),
        new Result("hinge", "hinge", params("margin", 1), "tutorial", null, 0.4, SKIPPED, "labels must be -1 or 1"),
        new Result("l1", "l1", params("reduction", "mean"), "doubled", 1.0, null, COMPUTED, null),
        new Result("huber(delta=2.0)", "huber", params("delta", 2.0, "reduction", "mean"), "doubled", 2.0, null,
            COMPUTED, null),
        new Result("log_cosh", "log_cosh", params(), "doubled", Double.NaN, null, COMPUTED, null)));
  }

  /** One computed result per value, all on dataset {@code data}, named {@code a}, {@code b}, … */
  static Report computed(double... values) {
    List<Result> results = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      String name = String.valueOf((char) ('a' + i));
      results.add(new Result(name, name, params(), "data", values[i], null, COMPUTED, null));
    }
    return new Report("computed", null, 1e-6, results);
  }

  /** A map in the order given: name, value, name, value, … */
  static Map<String, Object> params(Object... namesAndValues) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }
}
