package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What a loss accepts as labels. */
@API(status = STABLE, since = "0.1")
public enum LabelDomain {
  /** Any finite real number. */
  REAL("real", "any finite number"),
  /** A binary label, 0 or 1. */
  BINARY("{0,1}", "0 or 1"),
  /** A signed binary label, −1 or +1 (hinge losses). */
  SIGN("{-1,+1}", "-1 or +1"),
  /**
   * A class out of M: either a class index in {0, …, M−1} (one label column) or a row of M class probabilities
   * that sums to 1, one-hot being the usual case (M label columns).
   */
  CLASS("class", "a class index in [0, M) or a one-hot (probability) row of M values");

  private final String id;
  private final String description;

  LabelDomain(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The short name used in listings. */
  public String id() {
    return id;
  }

  /** What the domain allows, in words, for error messages. */
  public String description() {
    return description;
  }

  /**
   * Whether a single finite value can be a label here. {@link #CLASS} needs the whole row and is checked by
   * {@link Validation}; here it accepts any finite non-negative value.
   */
  public boolean contains(double value) {
    return switch (this) {
      case REAL -> Double.isFinite(value);
      case BINARY -> value == 0.0 || value == 1.0;
      case SIGN -> value == -1.0 || value == 1.0;
      case CLASS -> Double.isFinite(value) && value >= 0.0;
    };
  }

  @Override
  public String toString() {
    return id;
  }
}
