package org.losslab.kernels.vector;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.EXPM1;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LOG1P;
import static jdk.incubator.vector.VectorOperators.POW;
import static org.apiguardian.api.API.Status.INTERNAL;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Domains;
import org.losslab.api.LabelDomain;
import org.losslab.api.PredictionDomain;
import org.losslab.kernels.CrossEntropyForm;
import org.losslab.kernels.Loop;
import org.losslab.kernels.LoopFactory;
import org.losslab.kernels.ScalarLoops;

/**
 * The loops on the Vector API, in double precision at the machine's preferred width (8 lanes with AVX-512);
 * single-precision inputs are widened on load, so both precisions compute the same numbers. Each lane keeps its
 * own sum; the lanes are added at the end of the range, and the elements after the last full vector go through
 * the scalar loop. {@code org.losslab.kernels.Kernels} loads this class by name, and only when the JVM has
 * {@code jdk.incubator.vector}.
 *
 * <p>Where the formulas differ from the scalar ones (to need fewer logarithms and exponentials, which cost far
 * more than arithmetic), they are as accurate; the Vector API's log, log1p, exp and expm1 are within 1 ulp.
 *
 * <p>The loops of the memory-bound losses check their inputs as they read them ({@link Loop#checks}), which saves
 * the framework a second pass over memory: the regression losses are not finite where an input is not; the hinge
 * losses add up, per lane, a measure that is 0 for valid inputs and positive, ∞ or NaN otherwise, and return NaN
 * unless it is 0. The cross-entropy loops, bound by their logarithms, leave the check to the framework's scan:
 * with a check, inside their loop or in a second loop of the same method, the JDK 17 JIT boxed the loop's vectors
 * in most runs of a JVM that had run other loops before (an allocation per element, and half the speed).
 */
@API(status = INTERNAL, since = "0.1")
public final class VectorLoops implements LoopFactory {
  static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  /** Floats with as many lanes as {@link #DOUBLES}, so that one load widens to one double vector. */
  static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
  static final int LANES = DOUBLES.length();
  private static final double LOG_2 = Math.log(2);

  private final ScalarLoops scalar = new ScalarLoops();

  @Override
  public String path() {
    return "vector (" + DOUBLES.vectorBitSize() + "-bit, " + LANES + " doubles)";
  }

  @Override
  public Loop mse() {
    return new Mse(scalar.mse());
  }

  @Override
  public Loop l1() {
    return new L1(scalar.l1());
  }

  @Override
  public Loop mbe() {
    return new Mbe(scalar.mbe());
  }

  @Override
  public Loop huber(double delta) {
    return new Huber(delta, scalar.huber(delta));
  }

  @Override
  public Loop smoothL1(double beta) {
    return beta == 0 ? l1() : new SmoothL1(beta, scalar.smoothL1(beta));
  }

  @Override
  public Loop logCosh() {
    return new LogCosh(scalar.logCosh());
  }

  @Override
  public Loop crossEntropy(CrossEntropyForm form) {
    Loop tail = scalar.crossEntropy(form);
    boolean product = Focus.exists(form.gamma());
    if (!form.fromLogits()) {
      return product ? new ProbabilityCrossEntropy(form, tail) : new ProbabilityPowerCrossEntropy(form, tail);
    }
    if (form.gamma() == 0) {
      return new LogitCrossEntropy(form, tail);
    }
    return product ? new LogitFocalCrossEntropy(form, tail) : new LogitPowerCrossEntropy(form, tail);
  }

  @Override
  public Loop hinge(boolean zeroOne) {
    return new Hinge(zeroOne, scalar.hinge(zeroOne));
  }

  @Override
  public Loop squaredHinge(boolean zeroOne) {
    return new SquaredHinge(zeroOne, scalar.squaredHinge(zeroOne));
  }

  /**
   * What every vector loop shares: the scalar loop for the tail, and the scalar input checks of the tail.
   *
   * <p>The vector code itself is written out in each loop, without helper methods: a helper that takes or returns
   * vectors can be compiled on its own first (it is hot before its caller is), boxing its vectors, and the JIT then
   * declines to inline the big compiled method into the loop ("already compiled into a big method"), so that every
   * element allocates. Only the Vector API's own methods, which it forces inline, appear in the loops.
   */
  abstract static class VectorLoop extends Loop {
    final Loop tail;

    VectorLoop(Loop tail) {
      this.tail = tail;
    }

    @Override
    public final double value(double prediction, double label) {
      return tail.value(prediction, label);
    }

    /** How far (p, y) is from a valid input: 0 when valid, else positive, ∞ or NaN. Regression needs none. */
    double outside(double prediction, double label) {
      return 0;
    }

    final double outside(double[] p, double[] y, int from, int to) {
      double outside = 0;
      for (int i = from; i < to; i++) {
        outside += outside(p[i], y[i]);
      }
      return outside;
    }

    final double outside(float[] p, float[] y, int from, int to) {
      double outside = 0;
      for (int i = from; i < to; i++) {
        outside += outside(p[i], y[i]);
      }
      return outside;
    }

    /** The sum, or NaN when some input was outside its domain. */
    static double checked(double sum, double outside) {
      return outside == 0 ? sum : Double.NaN;
    }
  }

  /** A regression loss: not finite where p or y is not, so its sum checks real inputs for free. */
  abstract static class RegressionLoop extends VectorLoop {
    RegressionLoop(Loop tail) {
      super(tail);
    }

    @Override
    public final boolean checks(Domains domains) {
      return domains.equals(Domains.REGRESSION);
    }
  }

  /**
   * |y² − (c·y + d)| + 0·p: with (c, d) = (0, 1), |y² − 1|, 0 exactly for y = ±1; with (1, 0), |y² − y|, 0 exactly
   * for y = 0 or 1 (the label itself is checked: 2y − 1 rounds to −1 for a tiny y); 0·p is NaN for an infinite p.
   */
  static double outsideMargin(double p, double y, double c, double d) {
    return Math.abs(y * y - (y * c + d)) + p * 0;
  }

  /** (p − y)². */
  static final class Mse extends RegressionLoop {
    Mse(Loop tail) {
      super(tail);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector r = prediction.sub(label);
        DoubleVector loss = r.mul(r);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector r = prediction.sub(label);
        DoubleVector loss = r.mul(r);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }
  }

  /** |p − y|. */
  static final class L1 extends RegressionLoop {
    L1(Loop tail) {
      super(tail);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector loss = prediction.sub(label).abs();
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector loss = prediction.sub(label).abs();
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }
  }

  /** p − y. */
  static final class Mbe extends RegressionLoop {
    Mbe(Loop tail) {
      super(tail);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector loss = prediction.sub(label);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector loss = prediction.sub(label);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }
  }

  /** m·(|r| − m/2) with m = min(|r|, δ): the definition's branch-free form, lane by lane. */
  static final class Huber extends RegressionLoop {
    private final double delta;

    Huber(double delta, Loop tail) {
      super(tail);
      this.delta = delta;
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector a = prediction.sub(label).abs();
        DoubleVector m = a.min(delta);
        DoubleVector loss = m.mul(a.sub(m.mul(0.5)));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector a = prediction.sub(label).abs();
        DoubleVector m = a.min(delta);
        DoubleVector loss = m.mul(a.sub(m.mul(0.5)));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }
  }

  /** ½r²/β inside, |r| − ½β outside, both computed and one kept per lane (β &gt; 0; β = 0 is L1). */
  static final class SmoothL1 extends RegressionLoop {
    private final double beta;
    private final double halfOverBeta;

    SmoothL1(double beta, Loop tail) {
      super(tail);
      this.beta = beta;
      this.halfOverBeta = 0.5 / beta;
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector r = prediction.sub(label);
        DoubleVector a = r.abs();
        // ½r²/β as r²·(½/β): within an ulp of the definition's, without a division
        DoubleVector loss = a.sub(0.5 * beta).blend(r.mul(r).mul(halfOverBeta), a.lt(beta));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector r = prediction.sub(label);
        DoubleVector a = r.abs();
        // ½r²/β as r²·(½/β): within an ulp of the definition's, without a division
        DoubleVector loss = a.sub(0.5 * beta).blend(r.mul(r).mul(halfOverBeta), a.lt(beta));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }
  }

  /**
   * log cosh a with one expm1 and one log1p per element, from v = e<sup>a</sup> − 1 (a = |r|):
   * <pre>
   *   a ≤ 1:  log1p(cosh a − 1),             cosh a − 1 = v² / (2(1 + v))     (no cancellation, as 2 sinh²(a/2))
   *   a &gt; 1:  a − log 2 + log1p(e^(−2a)),  e^(−2a) = 1 / (1 + v)²        (0 once v overflows: then ℓ = a − log 2)
   * </pre>
   */
  static final class LogCosh extends RegressionLoop {
    LogCosh(Loop tail) {
      super(tail);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector a = prediction.sub(label).abs();
        DoubleVector v = a.lanewise(EXPM1);
        DoubleVector onePlusV = v.add(1);
        VectorMask<Double> inside = a.compare(LE, 1);
        DoubleVector numerator = DoubleVector.broadcast(DOUBLES, 1).blend(v.mul(v), inside);
        DoubleVector denominator = onePlusV.mul(onePlusV).blend(onePlusV.mul(2), inside);
        DoubleVector loss = numerator.div(denominator).lanewise(LOG1P).add(a.sub(LOG_2).blend(0, inside));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector a = prediction.sub(label).abs();
        DoubleVector v = a.lanewise(EXPM1);
        DoubleVector onePlusV = v.add(1);
        VectorMask<Double> inside = a.compare(LE, 1);
        DoubleVector numerator = DoubleVector.broadcast(DOUBLES, 1).blend(v.mul(v), inside);
        DoubleVector denominator = onePlusV.mul(onePlusV).blend(onePlusV.mul(2), inside);
        DoubleVector loss = numerator.div(denominator).lanewise(LOG1P).add(a.sub(LOG_2).blend(0, inside));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }
  }

  /** max(0, 1 − s·p) with s = a·y + b: (1, 0) for ±1 labels, (2, −1) for 0/1 labels, exact either way. */
  static final class Hinge extends VectorLoop {
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final Domains domains;

    Hinge(boolean zeroOne, Loop tail) {
      super(tail);
      this.a = zeroOne ? 2 : 1;
      this.b = zeroOne ? -1 : 0;
      this.c = zeroOne ? 1 : 0;
      this.d = zeroOne ? 0 : 1;
      this.domains = new Domains(PredictionDomain.REAL, zeroOne ? LabelDomain.BINARY : LabelDomain.SIGN);
    }

    @Override
    public boolean checks(Domains domains) {
      return domains.equals(this.domains);
    }

    /** |y² − (c·y + d)| + 0·p: see {@link #outsideMargin}. */
    @Override
    double outside(double prediction, double label) {
      return outsideMargin(prediction, label, c, d);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      DoubleVector outside = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector sign = label.mul(a).add(b);
        DoubleVector hinge = sign.mul(prediction).neg().add(1).max(0);
        DoubleVector loss = hinge;
        outside = outside.add(label.mul(label).sub(label.mul(c).add(d)).abs().add(prediction.mul(0)));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      double outsideTotal = outside.reduceLanes(ADD) + outside(p, y, i, to);
      return checked(sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to), outsideTotal);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      DoubleVector outside = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector sign = label.mul(a).add(b);
        DoubleVector hinge = sign.mul(prediction).neg().add(1).max(0);
        DoubleVector loss = hinge;
        outside = outside.add(label.mul(label).sub(label.mul(c).add(d)).abs().add(prediction.mul(0)));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      double outsideTotal = outside.reduceLanes(ADD) + outside(p, y, i, to);
      return checked(sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to), outsideTotal);
    }
  }

  /** max(0, 1 − s·p)², s as for {@link Hinge}. */
  static final class SquaredHinge extends VectorLoop {
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final Domains domains;

    SquaredHinge(boolean zeroOne, Loop tail) {
      super(tail);
      this.a = zeroOne ? 2 : 1;
      this.b = zeroOne ? -1 : 0;
      this.c = zeroOne ? 1 : 0;
      this.d = zeroOne ? 0 : 1;
      this.domains = new Domains(PredictionDomain.REAL, zeroOne ? LabelDomain.BINARY : LabelDomain.SIGN);
    }

    @Override
    public boolean checks(Domains domains) {
      return domains.equals(this.domains);
    }

    /** |y² − (c·y + d)| + 0·p: see {@link #outsideMargin}. */
    @Override
    double outside(double prediction, double label) {
      return outsideMargin(prediction, label, c, d);
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      DoubleVector outside = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector sign = label.mul(a).add(b);
        DoubleVector hinge = sign.mul(prediction).neg().add(1).max(0);
        DoubleVector loss = hinge.mul(hinge);
        outside = outside.add(label.mul(label).sub(label.mul(c).add(d)).abs().add(prediction.mul(0)));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      double outsideTotal = outside.reduceLanes(ADD) + outside(p, y, i, to);
      return checked(sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to), outsideTotal);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      DoubleVector outside = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector sign = label.mul(a).add(b);
        DoubleVector hinge = sign.mul(prediction).neg().add(1).max(0);
        DoubleVector loss = hinge.mul(hinge);
        outside = outside.add(label.mul(label).sub(label.mul(c).add(d)).abs().add(prediction.mul(0)));
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      double outsideTotal = outside.reduceLanes(ADD) + outside(p, y, i, to);
      return checked(sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to), outsideTotal);
    }
  }

  /**
   * s̄^γ as (a·s̄ + b)·(c·s̄ + d), exact for γ = 0 (0, 1, 0, 1), 1 (1, 0, 0, 1) and 2 (1, 0, 1, 0): two fused
   * multiply-adds and a product instead of a power. Other γ have loops of their own with the vector pow: a choice
   * between two vectors inside a loop can make the JIT box them.
   */
  record Focus(double a, double b, double c, double d) {
    /** Whether γ has the product form. */
    static boolean exists(double gamma) {
      return gamma == 0 || gamma == 1 || gamma == 2;
    }

    static Focus of(double gamma) {
      return gamma == 0 ? new Focus(0, 1, 0, 1) : gamma == 1 ? new Focus(1, 0, 0, 1) : new Focus(1, 0, 1, 0);
    }
  }

  /**
   * −c·s̄^γ·log s from probabilities, γ = 0, 1 or 2, with one logarithm per element: q = clamp(p·scale, lo, hi)
   * (clip: scale 1, [ε, 1 − ε]; scale mode: scale 1 − ε, [0, 1], the same numbers as the definition's either way);
   * s = q for class 1 and log q is exact-input; s = u = 1 − q for class 0, where log1p(−q) = log u − ((u − 1) + q)/u
   * recovers what rounding 1 − q lost (the classic log1p correction), so tiny q keep their digits. 1/u is taken as
   * 1 + q: the correction is below 2⁻⁵³ and matters only next to a tiny log u, where q is tiny too, so the dropped
   * q²/(1 − q) changes the result by less than an ulp, and saves a division.
   */
  static final class ProbabilityCrossEntropy extends VectorLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double scale;
    private final double low;
    private final double high;
    private final double lnBase;

    ProbabilityCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(tail);
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      Focus focus = Focus.of(form.gamma());
      this.a = focus.a();
      this.b = focus.b();
      this.c = focus.c();
      this.d = focus.d();
      this.scale = form.clip() ? 1 : 1 - form.epsilon();
      this.low = form.clip() ? form.epsilon() : 0;
      this.high = form.clip() ? 1 - form.epsilon() : 1;
      this.lnBase = form.lnBase();
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector q = prediction.mul(scale).max(low).min(high);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector log = s.lanewise(LOG).sub(s.sub(1).add(q).mul(q.add(1)).blend(0, positive));
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(focus).mul(log.neg());
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector q = prediction.mul(scale).max(low).min(high);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector log = s.lanewise(LOG).sub(s.sub(1).add(q).mul(q.add(1)).blend(0, positive));
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(focus).mul(log.neg());
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /** As {@link ProbabilityCrossEntropy}, for any other γ: s̄^γ with the vector pow. */
  static final class ProbabilityPowerCrossEntropy extends VectorLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double gamma;
    private final double scale;
    private final double low;
    private final double high;
    private final double lnBase;

    ProbabilityPowerCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(tail);
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      this.gamma = form.gamma();
      this.scale = form.clip() ? 1 : 1 - form.epsilon();
      this.low = form.clip() ? form.epsilon() : 0;
      this.high = form.clip() ? 1 - form.epsilon() : 1;
      this.lnBase = form.lnBase();
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector q = prediction.mul(scale).max(low).min(high);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector log = s.lanewise(LOG).sub(s.sub(1).add(q).mul(q.add(1)).blend(0, positive));
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(focus).mul(log.neg());
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector q = prediction.mul(scale).max(low).min(high);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector log = s.lanewise(LOG).sub(s.sub(1).add(q).mul(q.add(1)).blend(0, positive));
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(focus).mul(log.neg());
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /**
   * c·softplus(−t) from logits x (γ = 0), t = x for class 1 and −x for class 0: softplus(−t) = max(−t, 0) +
   * log1p(e^(−|x|)), exact at ±∞.
   */
  static final class LogitCrossEntropy extends VectorLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double lnBase;

    LogitCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(tail);
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      this.lnBase = form.lnBase();
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e = prediction.abs().neg().lanewise(EXP);
        DoubleVector softplus = minusT.max(0).add(e.lanewise(LOG1P));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(softplus);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e = prediction.abs().neg().lanewise(EXP);
        DoubleVector softplus = minusT.max(0).add(e.lanewise(LOG1P));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(softplus);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /**
   * c·σ(−t)^γ·softplus(−t) from logits, γ = 1 or 2, with one exponential e = e^(−|x|) shared by softplus(−t) and
   * σ(−t) = (1 or e)/(1 + e); as {@link LogitCrossEntropy} otherwise.
   */
  static final class LogitFocalCrossEntropy extends VectorLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double lnBase;

    LogitFocalCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(tail);
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      Focus focus = Focus.of(form.gamma());
      this.a = focus.a();
      this.b = focus.b();
      this.c = focus.c();
      this.d = focus.d();
      this.lnBase = form.lnBase();
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e = prediction.abs().neg().lanewise(EXP);
        DoubleVector softplus = minusT.max(0).add(e.lanewise(LOG1P));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e = prediction.abs().neg().lanewise(EXP);
        DoubleVector softplus = minusT.max(0).add(e.lanewise(LOG1P));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /** As {@link LogitFocalCrossEntropy}, for any other γ: σ(−t)^γ with the vector pow. */
  static final class LogitPowerCrossEntropy extends VectorLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double gamma;
    private final double lnBase;

    LogitPowerCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(tail);
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      this.gamma = form.gamma();
      this.lnBase = form.lnBase();
    }

    @Override
    public double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e = prediction.abs().neg().lanewise(EXP);
        DoubleVector softplus = minusT.max(0).add(e.lanewise(LOG1P));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    public double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e = prediction.abs().neg().lanewise(EXP);
        DoubleVector softplus = minusT.max(0).add(e.lanewise(LOG1P));
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? sum.add(loss) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }
}
