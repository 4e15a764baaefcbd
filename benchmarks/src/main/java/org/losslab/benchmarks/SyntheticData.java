package org.losslab.benchmarks;

import java.util.SplittableRandom;
import org.losslab.api.Batch;

/**
 * Predictions and labels of one {@link DataKind}, generated once from a fixed seed, held in double precision and, on
 * request, rounded to single precision (so that both precisions see the same data).
 *
 * <p>The distributions follow {@code bench/generate.py}, which writes the data that the in-memory harness and the
 * NumPy reference read; the values differ (another generator), the shape of the data does not.
 */
final class SyntheticData {
  private final double[] predictions;
  private final double[] labels;
  private final int predictionColumns;

  private SyntheticData(double[] predictions, double[] labels, int predictionColumns) {
    this.predictions = predictions;
    this.labels = labels;
    this.predictionColumns = predictionColumns;
  }

  /** {@code elements} predictions (rows × M for {@link DataKind#CLASSES}, rounded down to whole rows). */
  static SyntheticData generate(DataKind kind, int elements, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    if (kind == DataKind.CLASSES) {
      int m = DataKind.CLASSES_PER_ROW;
      int rows = elements / m;
      double[] p = new double[rows * m];
      double[] y = new double[rows];
      for (int i = 0; i < rows; i++) {
        int label = random.nextInt(m);
        y[i] = label;
        double total = 0;
        for (int j = 0; j < m; j++) {
          // Softmax of noisy logits that favour the true class: rows of probabilities summing to 1.
          double e = Math.exp(random.nextGaussian() + (j == label ? 2 : 0));
          p[i * m + j] = e;
          total += e;
        }
        for (int j = 0; j < m; j++) {
          p[i * m + j] /= total;
        }
      }
      return new SyntheticData(p, y, m);
    }
    double[] p = new double[elements];
    double[] y = new double[elements];
    for (int i = 0; i < elements; i++) {
      switch (kind) {
        case REGRESSION -> {
          y[i] = 3 * random.nextGaussian();
          double noise = random.nextDouble() < 0.01 ? 10 * random.nextGaussian() : random.nextGaussian();
          p[i] = y[i] + noise;
        }
        case BINARY -> {
          y[i] = random.nextDouble() < 0.3 ? 1 : 0;
          double logit = (2 * y[i] - 1) * 1.5 + 1.5 * random.nextGaussian();
          p[i] = Math.min(1 - 1e-6, Math.max(1e-6, 1 / (1 + Math.exp(-logit))));
        }
        case SIGN -> {
          y[i] = random.nextBoolean() ? 1 : -1;
          p[i] = 0.5 * y[i] + random.nextGaussian();
        }
        default -> throw new AssertionError(kind);
      }
    }
    return new SyntheticData(p, y, 1);
  }

  /** The data as a batch of the given precision, {@code float32} or {@code float64}. */
  Batch batch(String precision) {
    int labelColumns = labels.length == predictions.length ? predictionColumns : 1;
    return switch (precision) {
      case "float64" -> Batch.ofRows(predictions, predictionColumns, labels, labelColumns);
      case "float32" -> Batch.ofRows(toFloat(predictions), predictionColumns, toFloat(labels), labelColumns);
      default -> throw new IllegalArgumentException("precision \"" + precision + "\" must be float32 or float64");
    };
  }

  private static float[] toFloat(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
