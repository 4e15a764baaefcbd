package org.losslab.runner.evaluate;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.losslab.api.Batch;

/** What the evaluator does to a dataset's content as a whole: hash it, find its NaN rows, drop them. */
final class DatasetContent {
  private static final int CHUNK = 8192;

  private DatasetContent() {}

  /**
   * The SHA-256 of a batch: a version tag, its shapes, then every prediction, label and weight as the IEEE 754 bits
   * of the double it is evaluated as, big-endian. The same numbers give the same hash from CSV, .npy or inline.
   */
  static String sha256(Batch batch) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Long.BYTES);
    buffer.put("losslab-dataset-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    buffer.putInt(batch.rows()).putInt(batch.predictionColumns()).putInt(batch.labelRows())
        .putInt(batch.labelColumns()).putInt(batch.weightCount());
    for (int i = 0, n = batch.rows() * batch.predictionColumns(); i < n; i++) {
      flushIfFull(digest, buffer).putLong(Double.doubleToLongBits(batch.prediction(i)));
    }
    for (int i = 0, n = batch.labelRows() * batch.labelColumns(); i < n; i++) {
      flushIfFull(digest, buffer).putLong(Double.doubleToLongBits(batch.label(i)));
    }
    for (int row = 0; row < batch.weightCount(); row++) {
      flushIfFull(digest, buffer).putLong(Double.doubleToLongBits(batch.weight(row)));
    }
    buffer.flip();
    digest.update(buffer);
    return HexFormat.of().formatHex(digest.digest());
  }

  private static ByteBuffer flushIfFull(MessageDigest digest, ByteBuffer buffer) {
    if (buffer.remaining() < Long.BYTES) {
      buffer.flip();
      digest.update(buffer);
      buffer.clear();
    }
    return buffer;
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
