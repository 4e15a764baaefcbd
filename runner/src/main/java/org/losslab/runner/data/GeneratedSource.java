package org.losslab.runner.data;

import java.util.List;
import java.util.SplittableRandom;
import org.losslab.api.Batch;
import org.losslab.api.Suggestions;
import org.losslab.runner.experiment.ExperimentException;

/**
 * Generates datasets ({@link DatasetSpec.Generated}), the same rows for the same seed on every machine.
 *
 * <ul>
 *   <li>{@code regression}: labels y = 1 + U(0, 1), predictions y + N(0, 0.1²), one column each; then
 *       round(outlierFraction · N) labels, chosen at random, are multiplied by 10 — the tutorial's "1.5 typed as
 *       15" outliers, which a squared loss chases and a robust one shrugs off.
 *   <li>{@code binary}: labels 1 with probability classBalance, else 0; predictions
 *       sigmoid(2 · (2y − 1) + N(0, 1)), probabilities in (0, 1) that lean towards the label.
 *   <li>{@code multiclass}: a class index label, uniform over {@code classes}; predictions are the softmax of
 *       N(0, 1) scores with 2 added to the label's, one column per class.
 * </ul>
 */
public final class GeneratedSource implements DatasetSource {
  /** The kinds, as the experiment names them. */
  public static final List<String> KINDS = List.of("regression", "binary", "multiclass");

  /** A source with nothing to configure. */
  public GeneratedSource() {}

  @Override
  public boolean supports(DatasetSpec spec) {
    return spec instanceof DatasetSpec.Generated;
  }

  @Override
  public DatasetReader open(DatasetSpec spec, ReadOptions options) {
    return DatasetReader.of(read(spec));
  }

  @Override
  public Dataset read(DatasetSpec spec) {
    if (!(spec instanceof DatasetSpec.Generated generated)) {
      throw new IllegalArgumentException("GeneratedSource reads generated datasets, not " + spec);
    }
    if (generated.rows() < 1) {
      throw problem(generated, ".rows", "rows (" + generated.rows() + ") must be >= 1");
    }
    Normal random = new Normal(new SplittableRandom(generated.seed()));
    Batch batch = switch (generated.kind()) {
      case "regression" -> regression(generated, random);
      case "binary" -> binary(generated, random);
      case "multiclass" -> multiclass(generated, random);
      default -> throw problem(generated, ".kind", "unknown kind \"" + generated.kind() + "\""
          + Suggestions.hint(generated.kind(), KINDS) + " (kinds: " + String.join(", ", KINDS) + ")");
    };
    return new Dataset(generated.name(), batch, "generated " + generated.kind());
  }

  private static Batch regression(DatasetSpec.Generated spec, Normal random) {
    double fraction = spec.outlierFraction();
    if (!(fraction >= 0 && fraction <= 1)) {
      throw problem(spec, ".outlier_fraction", "outlier_fraction (" + fraction + ") must be in [0, 1]");
    }
    int rows = spec.rows();
    double[] labels = new double[rows];
    double[] predictions = new double[rows];
    // The outliers are chosen from a stream of their own, so that one seed gives the same clean rows whatever the
    // fraction: comparing 0 with 0.05 shows the outliers' effect and nothing else.
    SplittableRandom choice = random.split();
    long outliers = Math.round(fraction * rows);
    for (int i = 0; i < rows; i++) {
      double y = 1 + random.uniform();
      labels[i] = y;
      predictions[i] = y + 0.1 * random.gaussian();
      // Selection sampling (Knuth's Algorithm S): exactly `outliers` rows, each subset equally likely, in one pass.
      if (outliers > 0 && choice.nextDouble() * (rows - i) < outliers) {
        labels[i] = 10 * y;
        outliers--;
      }
    }
    return Batch.ofRows(predictions, 1, labels, 1);
  }

  private static Batch binary(DatasetSpec.Generated spec, Normal random) {
    double balance = spec.classBalance();
    if (!(balance >= 0 && balance <= 1)) {
      throw problem(spec, ".class_balance", "class_balance (" + balance + ") must be in [0, 1]");
    }
    int rows = spec.rows();
    double[] labels = new double[rows];
    double[] predictions = new double[rows];
    for (int i = 0; i < rows; i++) {
      double y = random.uniform() < balance ? 1 : 0;
      labels[i] = y;
      // |N(0, 1)| stays below 9 from 53-bit uniforms, so the probability never rounds to 0 or 1.
      predictions[i] = 1 / (1 + StrictMath.exp(-(2 * (2 * y - 1) + random.gaussian())));
    }
    return Batch.ofRows(predictions, 1, labels, 1);
  }

  private static Batch multiclass(DatasetSpec.Generated spec, Normal random) {
    int classes = spec.classes();
    if (classes < 2) {
      throw problem(spec, ".classes", "classes (" + classes + ") must be >= 2");
    }
    int rows = spec.rows();
    if ((long) rows * classes > Datasets.MAX_ARRAY_LENGTH) {
      throw problem(spec, "", rows + " rows of " + classes + " classes are too many: at most "
          + Datasets.MAX_ARRAY_LENGTH + " values fit in one array");
    }
    double[] labels = new double[rows];
    double[] predictions = new double[rows * classes];
    for (int i = 0; i < rows; i++) {
      int label = random.index(classes);
      labels[i] = label;
      int offset = i * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) {
        double score = random.gaussian() + (j == label ? 2 : 0);
        predictions[offset + j] = score;
        max = Math.max(max, score);
      }
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        double e = StrictMath.exp(predictions[offset + j] - max); // less the maximum, so that exp cannot overflow
        predictions[offset + j] = e;
        sum += e;
      }
      for (int j = 0; j < classes; j++) {
        predictions[offset + j] /= sum;
      }
    }
    return Batch.ofRows(predictions, classes, labels, 1);
  }

  private static ExperimentException problem(DatasetSpec.Generated spec, String field, String message) {
    return new ExperimentException(spec.location(), spec.path() + ".generate" + field, message);
  }

  /**
   * Uniform and normal draws from one stream. The normal ones use Box–Muller on {@link SplittableRandom#nextDouble}
   * rather than {@code nextGaussian}, whose algorithm the JDK does not specify, and {@link StrictMath}: the data must
   * not change with the Java version or the processor.
   */
  private static final class Normal {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    Normal(SplittableRandom random) {
      this.random = random;
    }

    double uniform() {
      return random.nextDouble();
    }

    SplittableRandom split() {
      return random.split();
    }

    int index(int bound) {
      return random.nextInt(bound);
    }

    double gaussian() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // 1 − u is in (0, 1], so that log never sees 0.
      double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
      double angle = 2 * Math.PI * random.nextDouble();
      spare = radius * StrictMath.sin(angle);
      hasSpare = true;
      return radius * StrictMath.cos(angle);
    }
  }
}
