package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * N rows of predictions (M outputs each) with their labels and optional per-row sample weights, from
 * {@code double[]} or {@code float[]}.
 *
 * <p>Arrays are row-major and are <em>not copied</em>, so that batches of 10<sup>8</sup> elements cost no extra
 * memory: do not change them while a loss evaluates the batch. A {@code Batch} only checks that each array is
 * rectangular; whether predictions, labels and weights fit together, and fit a loss, is checked by the loss
 * ({@link LossFunction#validate}), so that the message can name it.
 */
@API(status = STABLE, since = "0.1")
public final class Batch {
  private final int rows;
  private final int predictionColumns;
  private final int labelRows;
  private final int labelColumns;
  private final double @Nullable [] predictionsDouble;
  private final float @Nullable [] predictionsFloat;
  private final double @Nullable [] labelsDouble;
  private final float @Nullable [] labelsFloat;
  private final double @Nullable [] weights;
  private final NanPolicy nanPolicy;
  private final int threads;
  private final long firstRow;

  private Batch(int rows, int predictionColumns, double @Nullable [] predictionsDouble, float @Nullable [] predictionsFloat,
      int labelRows, int labelColumns, double @Nullable [] labelsDouble, float @Nullable [] labelsFloat,
      double @Nullable [] weights, NanPolicy nanPolicy) {
    this(rows, predictionColumns, predictionsDouble, predictionsFloat, labelRows, labelColumns, labelsDouble,
        labelsFloat, weights, nanPolicy, 1, 0);
  }

  private Batch(int rows, int predictionColumns, double @Nullable [] predictionsDouble, float @Nullable [] predictionsFloat,
      int labelRows, int labelColumns, double @Nullable [] labelsDouble, float @Nullable [] labelsFloat,
      double @Nullable [] weights, NanPolicy nanPolicy, int threads, long firstRow) {
    this.rows = rows;
    this.predictionColumns = predictionColumns;
    this.predictionsDouble = predictionsDouble;
    this.predictionsFloat = predictionsFloat;
    this.labelRows = labelRows;
    this.labelColumns = labelColumns;
    this.labelsDouble = labelsDouble;
    this.labelsFloat = labelsFloat;
    this.weights = weights;
    this.nanPolicy = nanPolicy;
    this.threads = threads;
    this.firstRow = firstRow;
  }

  /** One output per row: {@code predictions[i]} against {@code labels[i]}. */
  public static Batch of(double[] predictions, double[] labels) {
    return new Batch(predictions.length, 1, predictions, null, labels.length, 1, labels, null, null, NanPolicy.RAISE);
  }

  /** One output per row, in single precision (as the tutorial's {@code dtype="float32"} arrays). */
  public static Batch of(float[] predictions, float[] labels) {
    return new Batch(predictions.length, 1, null, predictions, labels.length, 1, null, labels, null, NanPolicy.RAISE);
  }

  /** Rows of outputs: {@code predictions[i][j]} against {@code labels[i][j]} (or a one-column class index). */
  public static Batch of(double[][] predictions, double[][] labels) {
    return new Batch(predictions.length, width(predictions, "predictions"), flatten(predictions), null,
        labels.length, width(labels, "labels"), flatten(labels), null, null, NanPolicy.RAISE);
  }

  /** Rows of outputs in single precision. */
  public static Batch of(float[][] predictions, float[][] labels) {
    return new Batch(predictions.length, width(predictions, "predictions"), flatten(predictions), null,
        labels.length, width(labels, "labels"), flatten(labels), null, null, NanPolicy.RAISE).toFloat();
  }

  /**
   * Row-major arrays: {@code predictions} holds N·{@code predictionColumns} values, {@code labels} holds
   * N'·{@code labelColumns} values.
   */
  public static Batch ofRows(double[] predictions, int predictionColumns, double[] labels, int labelColumns) {
    return new Batch(rows(predictions.length, predictionColumns, "predictions"), predictionColumns, predictions, null,
        rows(labels.length, labelColumns, "labels"), labelColumns, labels, null, null, NanPolicy.RAISE);
  }

  /** Row-major single-precision arrays, as {@link #ofRows(double[], int, double[], int)}. */
  public static Batch ofRows(float[] predictions, int predictionColumns, float[] labels, int labelColumns) {
    return new Batch(rows(predictions.length, predictionColumns, "predictions"), predictionColumns, null, predictions,
        rows(labels.length, labelColumns, "labels"), labelColumns, null, labels, null, NanPolicy.RAISE);
  }

  /** This batch with one sample weight per row (checked by the loss: finite, ≥ 0, not all 0). */
  public Batch withWeights(double[] weights) {
    return new Batch(rows, predictionColumns, predictionsDouble, predictionsFloat, labelRows, labelColumns,
        labelsDouble, labelsFloat, weights.clone(), nanPolicy, threads, firstRow);
  }

  /** This batch evaluated under another NaN policy; the default is {@link NanPolicy#RAISE}. */
  public Batch withNanPolicy(NanPolicy policy) {
    return new Batch(rows, predictionColumns, predictionsDouble, predictionsFloat, labelRows, labelColumns,
        labelsDouble, labelsFloat, weights, policy, threads, firstRow);
  }

  /**
   * This batch evaluated on up to {@code threads} threads; the default is 1, the calling thread alone.
   *
   * <p>The value does not depend on the thread count: rows are cut into chunks whose size depends only on the
   * number of columns, each chunk's sum is computed once, and the chunk sums are added pairwise in chunk order, so
   * that 1 and 16 threads give the same bits. The calling thread works too, helped by threads of one shared pool
   * of daemon threads, so that at most {@link Runtime#availableProcessors()} threads work on a batch whatever the
   * count asked for; a batch of a few chunks is evaluated on the calling thread alone. A loss evaluated on several
   * threads is called concurrently on disjoint rows, so it must not keep mutable state (the losses of losslab, and
   * a loss written as the immutable class or lambda the {@link ElementLoss} documentation shows, do not).
   *
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public Batch withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
    }
    return new Batch(rows, predictionColumns, predictionsDouble, predictionsFloat, labelRows, labelColumns,
        labelsDouble, labelsFloat, weights, nanPolicy, threads, firstRow);
  }

  /**
   * This batch as rows {@code firstRow} onwards of a larger dataset read in chunks: validation messages and
   * {@link InvalidInputException#row()} number its rows from {@code firstRow}, so that a problem found in a chunk
   * names the row of the dataset. The default is 0. Nothing else changes.
   *
   * @throws IllegalArgumentException if {@code firstRow} is negative
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public Batch withFirstRow(long firstRow) {
    if (firstRow < 0) {
      throw new IllegalArgumentException("firstRow (" + firstRow + ") must be >= 0");
    }
    return new Batch(rows, predictionColumns, predictionsDouble, predictionsFloat, labelRows, labelColumns,
        labelsDouble, labelsFloat, weights, nanPolicy, threads, firstRow);
  }

  /** The dataset row number of this batch's row 0 ({@link #withFirstRow}); 0 for a batch that is a whole dataset. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public long firstRow() {
    return firstRow;
  }

  private Batch toFloat() {
    return new Batch(rows, predictionColumns, null, toFloat(predictionsDouble), labelRows, labelColumns, null,
        toFloat(labelsDouble), weights, nanPolicy, threads, firstRow);
  }

  /** N, the number of prediction rows. */
  public int rows() {
    return rows;
  }

  /** M, the number of outputs per row. */
  public int predictionColumns() {
    return predictionColumns;
  }

  /** The number of label rows; a valid batch has as many as {@link #rows()}. */
  public int labelRows() {
    return labelRows;
  }

  /** The number of label columns: M for element-wise losses, M or 1 (a class index) for row-wise ones. */
  public int labelColumns() {
    return labelColumns;
  }

  /** Whether the predictions are single precision. */
  public boolean isFloat() {
    return predictionsFloat != null;
  }

  /** Whether the batch carries sample weights. */
  public boolean hasWeights() {
    return weights != null;
  }

  /** The NaN policy this batch is evaluated under. */
  public NanPolicy nanPolicy() {
    return nanPolicy;
  }

  /** The number of threads the batch may be evaluated on (1 unless {@link #withThreads} said otherwise). */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public int threads() {
    return threads;
  }

  /** The prediction at a row-major index (row · M + column). */
  public double prediction(int index) {
    return predictionsDouble != null ? predictionsDouble[index] : predictionsFloat[index];
  }

  /** The label at a row-major index (row · label columns + column). */
  public double label(int index) {
    return labelsDouble != null ? labelsDouble[index] : labelsFloat[index];
  }

  /** The weight of a row, 1 when the batch has none. */
  public double weight(int row) {
    return weights == null ? 1.0 : weights[row];
  }

  /** The number of weights given (−1 when none): a valid batch has one per row. */
  public int weightCount() {
    return weights == null ? -1 : weights.length;
  }

  /** The predictions when they are double precision, for kernels that read the array directly. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public double @Nullable [] doublePredictions() {
    return predictionsDouble;
  }

  /** The predictions when they are single precision, for kernels that read the array directly. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public float @Nullable [] floatPredictions() {
    return predictionsFloat;
  }

  /** The labels when they are double precision, for kernels that read the array directly. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public double @Nullable [] doubleLabels() {
    return labelsDouble;
  }

  /** The labels when they are single precision, for kernels that read the array directly. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public float @Nullable [] floatLabels() {
    return labelsFloat;
  }

  /** The sample weights, one per row, when the batch has them, for kernels that read the array directly. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public double @Nullable [] weights() {
    return weights;
  }

  /** {@code [3, 1]}: the predictions' shape, as messages print it. */
  public String predictionShape() {
    return "[" + rows + ", " + predictionColumns + "]";
  }

  /** {@code [3, 1]}: the labels' shape, as messages print it. */
  public String labelShape() {
    return "[" + labelRows + ", " + labelColumns + "]";
  }

  @Override
  public String toString() {
    return "Batch(predictions " + predictionShape() + ", labels " + labelShape()
        + (weights == null ? "" : ", weights [" + weights.length + "]") + (isFloat() ? ", float32" : "")
        + (threads == 1 ? "" : ", " + threads + " threads") + ")";
  }

  private static int width(Object[] rows, String what) {
    if (rows.length == 0) {
      return 1;
    }
    int width = java.lang.reflect.Array.getLength(rows[0]);
    for (int i = 1; i < rows.length; i++) {
      int length = java.lang.reflect.Array.getLength(rows[i]);
      if (length != width) {
        throw new InvalidInputException(what + " row " + i + " has " + length + " values but row 0 has " + width
            + "; every row must have the same number of values");
      }
    }
    return width;
  }

  private static int rows(int length, int columns, String what) {
    if (columns <= 0 || length % columns != 0) {
      throw new InvalidInputException(what + ": " + length + " values do not fill rows of " + columns + " columns");
    }
    return length / columns;
  }

  private static double[] flatten(double[][] rows) {
    return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] flatten(float[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < width; j++) {
        flat[i * width + j] = rows[i][j];
      }
    }
    return flat;
  }

  private static float @Nullable [] toFloat(double @Nullable [] values) {
    if (values == null) {
      return null;
    }
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
