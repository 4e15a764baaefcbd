package org.losslab.runner.evaluate;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.kernels.Kernels;

/** What the evaluator does to a dataset's content: hash it, find its NaN rows, drop them. */
final class DatasetContent {
  private static final int CHUNK = 8192;

  private DatasetContent() {}

  /**
   * The SHA-256 of a dataset's content, fed chunk by chunk: the same value however the rows are cut into chunks.
   *
   * <p>It is the SHA-256 of a version tag, the shapes, and the SHA-256s of the predictions, of the labels and of the
   * weights, each of them the IEEE 754 bits of every value as the double it is evaluated as, big-endian, in row
   * order. The same numbers give the same hash from CSV, .npy or inline.
   */
  static final class Hash {
    private final MessageDigest predictions = sha256();
    private final MessageDigest labels = sha256();
    private final MessageDigest weights = sha256();
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Long.BYTES);
    private long rows;
    private long labelRows;
    private int predictionColumns;
    private int labelColumns;
    private long weightCount = -1;

    /** Adds the next rows of the dataset. */
    void add(Batch chunk) {
      rows += chunk.rows();
      labelRows += chunk.labelRows();
      predictionColumns = chunk.predictionColumns();
      labelColumns = chunk.labelColumns();
      for (int i = 0, n = chunk.rows() * chunk.predictionColumns(); i < n; i++) {
        flushIfFull(predictions).putLong(Double.doubleToLongBits(chunk.prediction(i)));
      }
      flush(predictions);
      for (int i = 0, n = chunk.labelRows() * chunk.labelColumns(); i < n; i++) {
        flushIfFull(labels).putLong(Double.doubleToLongBits(chunk.label(i)));
      }
      flush(labels);
      if (chunk.hasWeights()) {
        weightCount = Math.max(weightCount, 0) + chunk.weightCount();
        for (int row = 0; row < chunk.weightCount(); row++) {
          flushIfFull(weights).putLong(Double.doubleToLongBits(chunk.weight(row)));
        }
        flush(weights);
      }
    }

    /** The hash of every row added, hex. */
    String hex() {
      MessageDigest whole = sha256();
      ByteBuffer head = ByteBuffer.allocate(64);
      head.put("losslab-dataset-2".getBytes(StandardCharsets.US_ASCII));
      head.putLong(rows).putInt(predictionColumns).putLong(labelRows).putInt(labelColumns).putLong(weightCount);
      head.flip();
      whole.update(head);
      whole.update(predictions.digest());
      whole.update(labels.digest());
      whole.update(weights.digest());
      return HexFormat.of().formatHex(whole.digest());
    }

    private ByteBuffer flushIfFull(MessageDigest digest) {
      if (buffer.remaining() < Long.BYTES) {
        flush(digest);
      }
      return buffer;
    }

    private void flush(MessageDigest digest) {
      buffer.flip();
      digest.update(buffer);
      buffer.clear();
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }
  }

  /** The SHA-256 of a whole batch, as {@link Hash} gives it. */
  static String sha256(Batch batch) {
    Hash hash = new Hash();
    hash.add(batch);
    return hash.hex();
  }

  /**
   * Whether every prediction, label and weight is finite: a vectorised pass ({@link Kernels#allFinite}), so that
   * the common case costs a fraction of a pass that names the offending row.
   */
  static boolean allFinite(Batch batch) {
    return finite(batch.floatPredictions()) && finite(batch.doublePredictions()) && finite(batch.floatLabels())
        && finite(batch.doubleLabels()) && finite(batch.weights());
  }

  private static boolean finite(float @Nullable [] values) {
    return values == null || Kernels.best().allFinite(values, 0, values.length);
  }

  private static boolean finite(double @Nullable [] values) {
    return values == null || Kernels.best().allFinite(values, 0, values.length);
  }

  /** Which rows hold a NaN in their predictions, labels or weight; null when none does. */
  static boolean[] nanRows(Batch batch) {
    boolean[] nan = null;
    int columns = batch.predictionColumns();
    int labelColumns = batch.labelColumns();
    for (int row = 0; row < batch.rows(); row++) {
      boolean found = batch.hasWeights() && Double.isNaN(batch.weight(row));
      for (int j = 0; j < columns && !found; j++) {
        found = Double.isNaN(batch.prediction(row * columns + j));
      }
      for (int j = 0; j < labelColumns && !found; j++) {
        found = Double.isNaN(batch.label(row * labelColumns + j));
      }
      if (found) {
        if (nan == null) {
          nan = new boolean[batch.rows()];
        }
        nan[row] = true;
      }
    }
    return nan;
  }

  /** The batch without the rows marked in {@code drop}, in the same precision. */
  static Batch without(Batch batch, boolean[] drop, int kept) {
    int columns = batch.predictionColumns();
    int labelColumns = batch.labelColumns();
    double[] predictions = new double[kept * columns];
    double[] labels = new double[kept * labelColumns];
    double[] weights = batch.hasWeights() ? new double[kept] : null;
    int out = 0;
    for (int row = 0; row < batch.rows(); row++) {
      if (drop[row]) {
        continue;
      }
      for (int j = 0; j < columns; j++) {
        predictions[out * columns + j] = batch.prediction(row * columns + j);
      }
      for (int j = 0; j < labelColumns; j++) {
        labels[out * labelColumns + j] = batch.label(row * labelColumns + j);
      }
      if (weights != null) {
        weights[out] = batch.weight(row);
      }
      out++;
    }
    Batch kept32 = batch.isFloat()
        ? Batch.ofRows(toFloat(predictions), columns, toFloat(labels), labelColumns)
        : Batch.ofRows(predictions, columns, labels, labelColumns);
    return weights == null ? kept32 : kept32.withWeights(weights);
  }

  private static float[] toFloat(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
