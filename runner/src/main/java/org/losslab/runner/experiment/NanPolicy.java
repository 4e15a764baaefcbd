package org.losslab.runner.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a run does with NaN in a dataset, after SciPy's {@code nan_policy}; set with {@code nan_policy:} at the top of
 * an experiment or in a dataset (the dataset's wins). ±∞ is not NaN: it is always an error.
 */
public enum NanPolicy {
  /** An error naming the first offending row (the default). */
  RAISE,
  /** Rows with a NaN in their predictions, labels or weight are dropped; the report says how many. */
  OMIT,
  /** NaN flows into the values: an affected loss is NaN, reported as such. */
  PROPAGATE;

  /** The ids as written in experiments. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(NanPolicy::id).toList();
  }

  /** {@code raise}, {@code omit} or {@code propagate}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
