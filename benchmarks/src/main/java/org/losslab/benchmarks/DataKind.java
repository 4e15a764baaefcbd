package org.losslab.benchmarks;

/**
 * The kinds of synthetic data a loss is measured on, one per pair of domains, so that every value lies inside the
 * loss's domains and validation passes.
 */
enum DataKind {
  /** Real predictions near real labels, with 1 % gross outliers (regression losses). */
  REGRESSION,
  /** Probabilities in [1e-6, 1 − 1e-6] against 0/1 labels, 30 % positive (binary cross entropies). */
  BINARY,
  /** Real margin scores against −1/+1 labels (hinge losses). */
  SIGN,
  /** Rows of {@link #CLASSES_PER_ROW} probabilities against a class index (categorical cross entropy). */
  CLASSES;

  /** M for {@link #CLASSES}: the element count of a benchmark is rows × M. */
  static final int CLASSES_PER_ROW = 10;
}
