package org.losslab.runner.experiment;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;

/**
 * One loss configuration of an experiment: a {@code losses:} entry, or one point of its sweep.
 *
 * @param name the label of its result rows
 * @param provider the loss's provider
 * @param function the configured loss
 * @param datasets the datasets named for it, with where each is named; null for "every dataset it accepts"
 * @param expectations expected values by dataset name
 * @param location where the {@code losses:} entry starts
 * @param path its field path, {@code losses[2]}
 */
public record LossRun(String name, LossProvider provider, LossFunction function,
    @Nullable List<DatasetReference> datasets, Map<String, Double> expectations, Location location, String path) {

  /** A dataset named by a loss, and where. */
  public record DatasetReference(String name, Location location, String path) {}
}
