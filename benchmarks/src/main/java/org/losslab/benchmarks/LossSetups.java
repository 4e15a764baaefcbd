package org.losslab.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * How each built-in loss is measured: the parameters (the tutorial's, where it gives them) and the kind of data.
 *
 * <p>The cross entropies use the tutorial's code conventions (np.log2, predictions scaled by 1 − 1e-5), as the
 * {@code tutorial} rows of {@code examples/document-table.yaml} do: that is the work the NumPy reference does.
 */
final class LossSetups {
  private static final Map<String, Object> TUTORIAL_CROSS_ENTROPY =
      Map.of("log_base", "2", "epsilon_mode", "scale", "epsilon", 1.0e-5);

  /** One loss as measured: an id, its parameters, its data. */
  record Setup(String name, String id, Map<String, Object> parameters, DataKind data) {}

  /** Every built-in id, keyed as the JMH {@code loss} parameter names it. */
  static final Map<String, Setup> BUILT_IN = Map.ofEntries(
      entry(new Setup("mse", "mse", Map.of(), DataKind.REGRESSION)),
      entry(new Setup("l1", "l1", Map.of(), DataKind.REGRESSION)),
      entry(new Setup("mbe", "mbe", Map.of(), DataKind.REGRESSION)),
      entry(new Setup("huber", "huber", Map.of("delta", 2.0), DataKind.REGRESSION)),
      entry(new Setup("smooth_l1", "smooth_l1", Map.of(), DataKind.REGRESSION)),
      entry(new Setup("log_cosh", "log_cosh", Map.of("reduction", "sum"), DataKind.REGRESSION)),
      entry(new Setup("binary_cross_entropy", "binary_cross_entropy",
          with(Map.of("positive_weight", 0.25, "negative_weight", 0.5)), DataKind.BINARY)),
      entry(new Setup("weighted_cross_entropy", "weighted_cross_entropy", with(Map.of("weight", 1.0)),
          DataKind.BINARY)),
      entry(new Setup("balanced_cross_entropy", "balanced_cross_entropy", with(Map.of("beta", 0.5)),
          DataKind.BINARY)),
      entry(new Setup("focal", "focal", with(Map.of("alpha", 0.25, "gamma", 2.0)), DataKind.BINARY)),
      entry(new Setup("categorical_cross_entropy", "categorical_cross_entropy", TUTORIAL_CROSS_ENTROPY,
          DataKind.CLASSES)),
      entry(new Setup("hinge", "hinge", Map.of(), DataKind.SIGN)),
      entry(new Setup("squared_hinge", "squared_hinge", Map.of(), DataKind.SIGN)));

  /**
   * The tutorial's eight NumPy functions ({@code bench/numpy_losses.py}), named as there, each with the losslab
   * configuration that computes the same number, and mse (not in the tutorial) for the bandwidth comparison.
   * The tutorial's balanced_ce_loss multiplies both terms by 1 − β; that is binary_cross_entropy with weights
   * β(1 − β) and 1 − β (see the README's conventions).
   */
  static final List<Setup> TUTORIAL = List.of(
      new Setup("l1_loss", "l1", Map.of(), DataKind.REGRESSION),
      new Setup("mean_bias_error", "mbe", Map.of(), DataKind.REGRESSION),
      new Setup("huber_loss", "huber", Map.of("delta", 2.0), DataKind.REGRESSION),
      new Setup("logcosh", "log_cosh", Map.of("reduction", "sum"), DataKind.REGRESSION),
      new Setup("wce_loss", "weighted_cross_entropy", with(Map.of("weight", 1.0)), DataKind.BINARY),
      new Setup("balanced_ce_loss", "binary_cross_entropy",
          with(Map.of("positive_weight", 0.25, "negative_weight", 0.5)), DataKind.BINARY),
      new Setup("focal_loss", "focal", with(Map.of("alpha", 0.25, "gamma", 2.0)), DataKind.BINARY),
      new Setup("hinge_loss", "hinge", Map.of(), DataKind.SIGN),
      new Setup("mse", "mse", Map.of(), DataKind.REGRESSION));

  private LossSetups() {}

  private static Map.Entry<String, Setup> entry(Setup setup) {
    return Map.entry(setup.name(), setup);
  }

  private static Map<String, Object> with(Map<String, Object> own) {
    var all = new java.util.LinkedHashMap<String, Object>(TUTORIAL_CROSS_ENTROPY);
    all.putAll(own);
    return Map.copyOf(all);
  }
}
