package org.losslab.runner.data;

import org.losslab.api.Batch;

/**
 * A dataset read into memory, ready for every loss that uses it.
 *
 * @param name the dataset's name in the experiment
 * @param batch its rows: predictions, labels and weights
 * @param source where it came from, for reports: {@code inline}, {@code data/preds.csv}, {@code generated regression}
 */
public record Dataset(String name, Batch batch, String source) {}
