package org.losslab.kernels;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Domains;

/**
 * The loops in plain Java, for every JVM: each evaluates its loss as the loss's own definition does (the same
 * formula, the same order of operations), so that the sums differ from the per-element definition's only in how
 * they are added. The cross-entropy family divides the sum by ln(base) once rather than every element.
 */
@API(status = INTERNAL, since = "0.1")
public final class ScalarLoops implements LoopFactory {

  @Override
  public String path() {
    return "scalar";
  }

  @Override
  public Loop mse() {
    return new Mse();
  }

  @Override
  public Loop l1() {
    return new L1();
  }

  @Override
  public Loop mbe() {
    return new Mbe();
  }

  @Override
  public Loop huber(double delta) {
    return new Huber(delta);
  }

  @Override
  public Loop smoothL1(double beta) {
    return beta == 0 ? new L1() : new SmoothL1(beta);
  }

  @Override
  public Loop logCosh() {
    return new LogCosh();
  }

  @Override
  public Loop crossEntropy(CrossEntropyForm form) {
    return new CrossEntropy(form);
  }

  @Override
  public Loop hinge(boolean zeroOne) {
    return new Hinge(zeroOne, false);
  }

  @Override
  public Loop squaredHinge(boolean zeroOne) {
    return new Hinge(zeroOne, true);
  }

  private static final int FLOAT_EXPONENT = 0x7f80_0000;
  private static final long DOUBLE_EXPONENT = 0x7ff0_0000_0000_0000L;

  /** The largest exponent field seen, all ones only for NaN and ±∞: no branch per element. */
  @Override
  public boolean allFinite(float[] values, int from, int to) {
    int exponent = 0;
    for (int i = from; i < to; i++) {
      exponent = Math.max(exponent, Float.floatToRawIntBits(values[i]) & FLOAT_EXPONENT);
    }
    return exponent != FLOAT_EXPONENT;
  }

  @Override
  public boolean allFinite(double[] values, int from, int to) {
    long exponent = 0;
    for (int i = from; i < to; i++) {
      exponent = Math.max(exponent, Double.doubleToRawLongBits(values[i]) & DOUBLE_EXPONENT);
    }
    return exponent != DOUBLE_EXPONENT;
  }

  /**
   * A loss of the error p − y that is not finite wherever p or y is not: so is its sum, so these loops check real
   * inputs for free (the classification loops do not check; the framework scans their inputs).
   */
  abstract static class RegressionLoop extends Loop {
    @Override
    public final boolean checks(Domains domains) {
      return domains.equals(Domains.REGRESSION);
    }
  }

  /** ℓ, or w·ℓ: the test on {@code weights} does not depend on i, so the JIT takes it out of the loop. */
  static double weighted(double @Nullable [] weights, int i, double loss) {
    return weights == null ? loss : weights[i] * loss;
  }

  static final class Mse extends RegressionLoop {
    @Override
    public double value(double p, double y) {
      double r = p - y;
      return r * r;
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }
  }

  static final class L1 extends RegressionLoop {
    @Override
    public double value(double p, double y) {
      return Math.abs(p - y);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }
  }

  static final class Mbe extends RegressionLoop {
    @Override
    public double value(double p, double y) {
      return p - y;
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }
  }

  static final class Huber extends RegressionLoop {
    private final double delta;

    Huber(double delta) {
      this.delta = delta;
    }

    @Override
    public double value(double p, double y) {
      double a = Math.abs(p - y);
      double m = Math.min(a, delta);
      return m * (a - 0.5 * m);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }
  }

  static final class SmoothL1 extends RegressionLoop {
    private final double beta;

    SmoothL1(double beta) {
      this.beta = beta;
    }

    @Override
    public double value(double p, double y) {
      double r = p - y;
      double a = Math.abs(r);
      return a < beta ? 0.5 * r * r / beta : a - 0.5 * beta;
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }
  }

  static final class LogCosh extends RegressionLoop {
    private static final double LOG_2 = Math.log(2);

    @Override
    public double value(double p, double y) {
      double a = Math.abs(p - y);
      if (a <= 1) {
        double s = Math.sinh(0.5 * a);
        return Math.log1p(2 * s * s);
      }
      return a + Math.log1p(Math.exp(-2 * a)) - LOG_2;
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }
  }

  /** Hinge max(0, 1 − s·p), squared or not, with s = y or 2y − 1. */
  static final class Hinge extends Loop {
    private final boolean zeroOne;
    private final boolean squared;

    Hinge(boolean zeroOne, boolean squared) {
      this.zeroOne = zeroOne;
      this.squared = squared;
    }

    @Override
    public double value(double p, double y) {
      double sign = zeroOne ? 2 * y - 1 : y;
      double hinge = Math.max(0, 1 - sign * p);
      return squared ? hinge * hinge : hinge;
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, value(p[i], y[i]));
      }
      return sum;
    }
  }

  /**
   * The binary cross-entropy family as {@code ModulatedCrossEntropy} defines it, for finite valid inputs:
   * −c·s̄^γ·log s from probabilities (log s from whichever of s and s̄ is exact), c·σ(−t)^γ·softplus(−t) from
   * logits (t = ±x, + for class 1); the sum is divided by ln(base) at the end.
   */
  static final class CrossEntropy extends Loop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double gamma;
    private final boolean fromLogits;
    private final double epsilon;
    private final boolean clip;
    private final double lnBase;

    CrossEntropy(CrossEntropyForm form) {
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      this.gamma = form.gamma();
      this.fromLogits = form.fromLogits();
      this.epsilon = form.epsilon();
      this.clip = form.clip();
      this.lnBase = form.lnBase();
    }

    @Override
    public double value(double p, double y) {
      return natural(p, y) / lnBase;
    }

    /** The loss in nats. */
    double natural(double p, double y) {
      double c = y == 1 ? positiveWeight : negativeWeight;
      if (fromLogits) {
        double t = y == 1 ? p : -p;
        return c * modulation(sigmoid(-t)) * softplus(-t);
      }
      double q = clip ? Math.min(Math.max(p, epsilon), 1 - epsilon) : p * (1 - epsilon);
      double s = y == 1 ? q : 1 - q;
      double sBar = y == 1 ? 1 - q : q;
      double log = sBar < 0.5 ? Math.log1p(-sBar) : Math.log(s);
      return c * modulation(sBar) * -log;
    }

    private double modulation(double sBar) {
      return gamma == 0 ? 1 : Math.pow(sBar, gamma);
    }

    private static double sigmoid(double x) {
      if (x >= 0) {
        return 1 / (1 + Math.exp(-x));
      }
      double e = Math.exp(x);
      return e / (1 + e);
    }

    private static double softplus(double x) {
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, natural(p[i], y[i]));
      }
      return sum / lnBase;
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += weighted(w, i, natural(p[i], y[i]));
      }
      return sum / lnBase;
    }
  }
}
