package org.losslab.classification;

import org.losslab.api.Domains;

/**
 * What hinge and squared hinge share: a real margin score against a label read as its {@code label_encoding}
 * says, and the hinge max(0, 1 − y·p) itself.
 */
abstract class MarginLoss extends BinaryLoss {
  /** The domains under the default {@code label_encoding}: real margins against ±1 labels. */
  static final Domains DEFAULT_DOMAINS = LabelEncoding.SIGN.domains();

  private final LabelEncoding encoding;

  MarginLoss(LabelEncoding encoding) {
    this.encoding = encoding;
  }

  @Override
  final Domains domains() {
    return encoding.domains();
  }

  /** Whether labels are 0/1 ({@code label_encoding: zero_one}) rather than ±1. */
  final boolean zeroOne() {
    return encoding == LabelEncoding.ZERO_ONE;
  }

  /** The label as −1 or +1. */
  final double sign(double label) {
    return encoding.sign(label);
  }

  /** max(0, 1 − y·p), or NaN where 1 − y·p is NaN. */
  final double hinge(double prediction, double label) {
    double margin = 1 - sign(label) * prediction;
    return Double.isNaN(margin) ? Double.NaN : Math.max(0, margin);
  }

  /** {@code Hinge(label_encoding=sign)}. */
  @Override
  public final String toString() {
    return getClass().getSimpleName() + "(label_encoding=" + encoding.id() + ")";
  }
}
