package org.losslab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.SplittableRandom;
import org.apiguardian.api.API;
import org.losslab.api.Batch;
import org.losslab.api.Domains;
import org.losslab.api.LabelDomain;
import org.losslab.api.PredictionDomain;

/**
 * Random batches inside a loss's declared domains, kept away from their edges so that finite-difference steps stay
 * inside them: probabilities in [0.02, 0.98], reals and logits in [−3, 3] and [−6, 6].
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RandomInputs {
  private RandomInputs() {}

  /**
   * A double-precision batch of {@code rows} rows. Element-wise domains get {@code columns} outputs per row and as
   * many labels; {@link LabelDomain#CLASS} gets {@code columns} classes and one class-index label per row.
   */
  public static Batch batch(Domains domains, long seed, int rows, int columns) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] predictions = new double[rows * columns];
    for (int i = 0; i < predictions.length; i++) {
      predictions[i] = prediction(domains.predictions(), random);
    }
    boolean classIndex = domains.labels() == LabelDomain.CLASS;
    int labelColumns = classIndex ? 1 : columns;
    double[] labels = new double[rows * labelColumns];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = classIndex ? random.nextInt(columns) : label(domains.labels(), random);
    }
    if (classIndex && domains.predictions() == PredictionDomain.PROBABILITY) {
      normaliseRows(predictions, columns);
    }
    return Batch.ofRows(predictions, columns, labels, labelColumns);
  }

  /** Positive weights in [0.5, 2], one per row. */
  public static double[] weights(long seed, int rows) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] weights = new double[rows];
    for (int i = 0; i < rows; i++) {
      weights[i] = random.nextDouble(0.5, 2.0);
    }
    return weights;
  }

  static double prediction(PredictionDomain domain, SplittableRandom random) {
    return switch (domain) {
      case REAL -> random.nextDouble(-3, 3);
      case PROBABILITY -> random.nextDouble(0.02, 0.98);
      case LOGIT -> random.nextDouble(-6, 6);
    };
  }

  static double label(LabelDomain domain, SplittableRandom random) {
    return switch (domain) {
      case REAL -> random.nextDouble(-3, 3);
      case BINARY -> random.nextInt(2);
      case SIGN -> random.nextBoolean() ? 1 : -1;
      case CLASS -> 0;
    };
  }

  private static void normaliseRows(double[] values, int columns) {
    for (int row = 0; row < values.length / columns; row++) {
      double sum = 0;
      for (int j = 0; j < columns; j++) {
        sum += values[row * columns + j];
      }
      for (int j = 0; j < columns; j++) {
        values[row * columns + j] /= sum;
      }
    }
  }
}
