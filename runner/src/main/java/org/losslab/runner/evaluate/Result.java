package org.losslab.runner.evaluate;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of a report: a loss configuration on a dataset.
 *
 * @param name the row label: the experiment's {@code name}, or the id plus non-default parameters
 * @param loss the loss's id (an alias in the experiment is resolved to the id)
 * @param params every parameter with defaults filled in
 * @param dataset the dataset's name
 * @param value the reduced loss, when evaluated
 * @param expected the expectation, when the experiment gives one
 * @param status the outcome
 * @param message the error ({@link Status#ERROR}) or the reason ({@link Status#SKIPPED}); null otherwise
 */
public record Result(String name, String loss, Map<String, Object> params, String dataset, @Nullable Double value,
    @Nullable Double expected, Status status, @Nullable String message) {

  public Result {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  /** value − expected, when both exist. */
  public @Nullable Double difference() {
    return value != null && expected != null ? value - expected : null;
  }

  /** |value − expected| / |expected| (or the absolute difference when expected is 0), when both exist. */
  public @Nullable Double relativeDifference() {
    if (value == null || expected == null) {
      return null;
    }
    double difference = Math.abs(value - expected);
    return expected == 0 ? difference : difference / Math.abs(expected);
  }
}
