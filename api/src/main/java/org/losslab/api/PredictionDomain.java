package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What a loss accepts as predictions. */
@API(status = STABLE, since = "0.1")
public enum PredictionDomain {
  /** Any finite real number: a regression output or a margin score. */
  REAL("real", "any finite number"),
  /** A probability in [0, 1]. */
  PROBABILITY("probability", "a probability in [0, 1]"),
  /**
   * A logit (a raw score before the sigmoid or softmax): any real number, and also ±∞, which stands for a
   * saturated score and has an exact limit.
   */
  LOGIT("logit", "a logit (any real number, ±∞ allowed)");

  private final String id;
  private final String description;

  PredictionDomain(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The short name used in listings: {@code real}, {@code probability} or {@code logit}. */
  public String id() {
    return id;
  }

  /** What the domain allows, in words, for error messages. */
  public String description() {
    return description;
  }

  /** Whether a non-NaN value lies in this domain. */
  public boolean contains(double value) {
    return switch (this) {
      case REAL -> Double.isFinite(value);
      case PROBABILITY -> value >= 0.0 && value <= 1.0;
      case LOGIT -> !Double.isNaN(value);
    };
  }

  /** Whether ±∞ is a legitimate value here rather than bad data. */
  public boolean allowsInfinity() {
    return this == LOGIT;
  }

  @Override
  public String toString() {
    return id;
  }
}
