package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An interval of allowed numeric parameter values, each end open or closed (or unbounded).
 *
 * @param lower the lower end, {@code -∞} when unbounded
 * @param lowerClosed whether {@code lower} itself is allowed
 * @param upper the upper end, {@code +∞} when unbounded
 * @param upperClosed whether {@code upper} itself is allowed
 */
@API(status = STABLE, since = "0.1")
public record Range(double lower, boolean lowerClosed, double upper, boolean upperClosed) {

  public Range {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException("invalid range: lower " + lower + ", upper " + upper);
    }
  }

  /** Every finite number. */
  public static Range all() {
    return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
  }

  /** {@code x > lower}. */
  public static Range greaterThan(double lower) {
    return new Range(lower, false, Double.POSITIVE_INFINITY, false);
  }

  /** {@code x >= lower}. */
  public static Range atLeast(double lower) {
    return new Range(lower, true, Double.POSITIVE_INFINITY, false);
  }

  /** {@code lower <= x <= upper}. */
  public static Range closed(double lower, double upper) {
    return new Range(lower, true, upper, true);
  }

  /** {@code lower < x < upper}. */
  public static Range open(double lower, double upper) {
    return new Range(lower, false, upper, false);
  }

  /** Whether {@code value} lies in the range; NaN and ±∞ never do. */
  public boolean contains(double value) {
    if (!Double.isFinite(value)) {
      return false;
    }
    boolean aboveLower = lowerClosed ? value >= lower : value > lower;
    boolean belowUpper = upperClosed ? value <= upper : value < upper;
    return aboveLower && belowUpper;
  }

  /** The range as a user reads it: {@code > 0}, {@code >= 0}, {@code [0, 1]}, {@code (0, 1)} or {@code any number}. */
  @Override
  public String toString() {
    boolean hasLower = lower != Double.NEGATIVE_INFINITY;
    boolean hasUpper = upper != Double.POSITIVE_INFINITY;
    if (hasLower && hasUpper) {
      return (lowerClosed ? "[" : "(") + format(lower) + ", " + format(upper) + (upperClosed ? "]" : ")");
    }
    if (hasLower) {
      return (lowerClosed ? ">= " : "> ") + format(lower);
    }
    if (hasUpper) {
      return (upperClosed ? "<= " : "< ") + format(upper);
    }
    return "any number";
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
