package org.losslab.runner.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.data.DatasetSpec;

/**
 * An experiment that has passed every check that needs no data: its datasets declared, its losses resolved and
 * configured (sweeps expanded), its expectations attached.
 *
 * @param name the {@code experiment:} name
 * @param description the optional description
 * @param tolerance the relative tolerance for expectations
 * @param file the experiment file; data paths resolve against its folder
 * @param datasets the datasets in file order
 * @param runs the loss configurations in file order, one per sweep point
 * @param nanPolicies each dataset's NaN policy, by name (the dataset's own, else the experiment's, else raise)
 */
public record Experiment(String name, @Nullable String description, double tolerance, Path file,
    List<DatasetSpec> datasets, List<LossRun> runs, Map<String, NanPolicy> nanPolicies) {

  /** The relative tolerance when the experiment sets none. */
  public static final double DEFAULT_TOLERANCE = 1e-9;

  public Experiment {
    datasets = List.copyOf(datasets);
    runs = List.copyOf(runs);
    nanPolicies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nanPolicies));
  }

  /** The NaN policy of a dataset. */
  public NanPolicy nanPolicy(String dataset) {
    return nanPolicies.getOrDefault(dataset, NanPolicy.RAISE);
  }
}
