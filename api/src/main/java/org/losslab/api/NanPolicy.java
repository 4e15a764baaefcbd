package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What evaluation does with a NaN in the data (after SciPy's {@code nan_policy}). Dropping such rows
 * ({@code omit}) is the data source's job: by the time a {@link Batch} exists its rows are fixed.
 */
@API(status = STABLE, since = "0.1")
public enum NanPolicy {
  /** An {@link InvalidInputException} naming the first offending row (the default). */
  RAISE,
  /** NaN flows through the arithmetic: the affected elements, and the reduced value, become NaN. */
  PROPAGATE
}
