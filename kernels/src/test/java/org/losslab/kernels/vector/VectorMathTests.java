package org.losslab.kernels.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against {@link StrictMath} (fdlibm, itself within 1 ulp of the exact value): 2²¹ inputs per
 * range, from random bit patterns over the whole domain to narrow ranges where a reduction or a scaling step changes
 * (near 0, subnormal results, the overflow threshold), and the special values one by one. The measured maximum is
 * 1 ulp (never 2) for every function; the tests allow 1.
 *
 * <p>Runs with {@code --add-modules jdk.incubator.vector} (this module's surefire configuration).
 */
class VectorMathTests {
  private static final int N = 1 << 21;
  private static final int LANES = VectorLoops.LANES;

  @Test
  void expIsWithinAnUlpOfStrictMathOverTheWholeRange() {
    SplittableRandom random = new SplittableRandom(1);
    assertWithinOneUlp(VectorMath::exp, StrictMath::exp, () -> Double.longBitsToDouble(random.nextLong()));
    assertWithinOneUlp(VectorMath::exp, StrictMath::exp, () -> random.nextDouble(-750, 750));
    assertWithinOneUlp(VectorMath::exp, StrictMath::exp, () -> random.nextDouble(-1, 1));
    assertWithinOneUlp(VectorMath::exp, StrictMath::exp, () -> random.nextDouble(-1e-9, 1e-9));
    // results that are subnormal, and results next to the largest double
    assertWithinOneUlp(VectorMath::exp, StrictMath::exp, () -> random.nextDouble(-745.2, -708));
    assertWithinOneUlp(VectorMath::exp, StrictMath::exp, () -> random.nextDouble(708, 709.79));
  }

  @Test
  void expHasTheLimitsOfStrictMath() {
    double[] special = {0, -0.0, 1, -1, Double.MIN_VALUE, -Double.MIN_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, 709.782712893384,
        709.7827128933841, -745.1332191019411, -745.1332191019412, -708.3964185322641, 1e300, -1e300};
    for (double x : special) {
      assertThat(ulps(evaluate(VectorMath::exp, x), StrictMath.exp(x))).as("exp(%s)", x).isLessThanOrEqualTo(1);
    }
    assertThat(evaluate(VectorMath::exp, 0)).isEqualTo(1);
    assertThat(evaluate(VectorMath::exp, Double.NaN)).isNaN();
    assertThat(evaluate(VectorMath::exp, 710)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(evaluate(VectorMath::exp, -746)).isZero();
  }

  @Test
  void log1pIsWithinAnUlpOfStrictMathFromZeroToOne() {
    SplittableRandom random = new SplittableRandom(2);
    long one = Double.doubleToRawLongBits(1);
    // every binade of [0, 1], subnormals included, as often as the interval [½, 1]
    assertWithinOneUlp(VectorMath::log1p, StrictMath::log1p, () -> Double.longBitsToDouble(random.nextLong(one + 1)));
    assertWithinOneUlp(VectorMath::log1p, StrictMath::log1p, () -> random.nextDouble());
    assertWithinOneUlp(VectorMath::log1p, StrictMath::log1p, () -> random.nextDouble(0, 1e-6));
    assertWithinOneUlp(VectorMath::log1p, StrictMath::log1p, () -> random.nextDouble(0.25, 0.35));
    assertWithinOneUlp(VectorMath::log1p, StrictMath::log1p, () -> 1 - random.nextDouble(0, 1e-6));
  }

  @Test
  void log1pHasTheLimitsOfStrictMath() {
    for (double x : new double[] {0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-17, 0.5, 1}) {
      assertThat(ulps(evaluate(VectorMath::log1p, x), StrictMath.log1p(x))).as("log1p(%s)", x)
          .isLessThanOrEqualTo(1);
    }
    assertThat(Double.doubleToRawLongBits(evaluate(VectorMath::log1p, -0.0)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(evaluate(VectorMath::log1p, Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    assertThat(evaluate(VectorMath::log1p, Double.NaN)).isNaN();
  }

  @Test
  void logIsWithinAnUlpOfStrictMathFromZeroToOne() {
    SplittableRandom random = new SplittableRandom(3);
    long one = Double.doubleToRawLongBits(1);
    // every binade of [0, 1], subnormals included, as often as the interval [½, 1]
    assertWithinOneUlp(VectorMath::log, StrictMath::log, () -> Double.longBitsToDouble(random.nextLong(one + 1)));
    assertWithinOneUlp(VectorMath::log, StrictMath::log, () -> random.nextDouble());
    // next to 1, where log x is tiny, and on both sides of √½, where the reduction changes k
    assertWithinOneUlp(VectorMath::log, StrictMath::log, () -> 1 - random.nextDouble(0, 1e-6));
    assertWithinOneUlp(VectorMath::log, StrictMath::log, () -> random.nextDouble(0.7, 0.72));
    assertWithinOneUlp(VectorMath::log, StrictMath::log, () -> random.nextDouble(0, 1e-300));
  }

  @Test
  void logHasTheLimitsOfStrictMath() {
    for (double x : new double[] {Double.MIN_VALUE, 2 * Double.MIN_VALUE, Math.nextDown(Double.MIN_NORMAL),
        Double.MIN_NORMAL, 1e-300, 1e-17, Math.sqrt(0.5), Math.nextDown(Math.sqrt(0.5)), 0.5, Math.nextDown(1.0),
        1}) {
      assertThat(ulps(evaluate(VectorMath::log, x), StrictMath.log(x))).as("log(%s)", x).isLessThanOrEqualTo(1);
    }
    assertThat(evaluate(VectorMath::log, 1)).isZero();
    assertThat(evaluate(VectorMath::log, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(evaluate(VectorMath::log, -0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  /** The largest error over {@link #N} inputs from {@code inputs}, each input in a different lane position. */
  private static void assertWithinOneUlp(UnaryOperator<DoubleVector> function, DoubleUnaryOperator reference,
      DoubleSupplier inputs) {
    double[] x = new double[LANES];
    double[] y = new double[LANES];
    double worst = 0;
    double worstInput = 0;
    for (int i = 0; i < N; i += LANES) {
      for (int lane = 0; lane < LANES; lane++) {
        x[lane] = inputs.getAsDouble();
      }
      function.apply(DoubleVector.fromArray(VectorLoops.DOUBLES, x, 0)).intoArray(y, 0);
      for (int lane = 0; lane < LANES; lane++) {
        double error = ulps(y[lane], reference.applyAsDouble(x[lane]));
        if (error > worst) {
          worst = error;
          worstInput = x[lane];
        }
      }
    }
    assertThat(worst).as("largest error, at %s", worstInput).isLessThanOrEqualTo(1);
  }

  private static double evaluate(UnaryOperator<DoubleVector> function, double x) {
    return function.apply(DoubleVector.broadcast(VectorLoops.DOUBLES, x)).lane(LANES - 1);
  }

  /** |actual − expected| in ulps of expected; 0 when both are the same NaN or infinity, ∞ when only one is. */
  private static double ulps(double actual, double expected) {
    if (Double.isNaN(expected) || Double.isInfinite(expected) || Double.isNaN(actual) || Double.isInfinite(actual)) {
      return Double.compare(actual, expected) == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return actual == expected ? 0 : Math.abs(actual - expected) / Math.ulp(expected);
  }
}
