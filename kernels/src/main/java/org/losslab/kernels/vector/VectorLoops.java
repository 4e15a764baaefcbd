package org.losslab.kernels.vector;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.L2D;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.POW;
import static org.apiguardian.api.API.Status.INTERNAL;
import static org.losslab.kernels.vector.VectorMath.E0;
import static org.losslab.kernels.vector.VectorMath.E1;
import static org.losslab.kernels.vector.VectorMath.E2;
import static org.losslab.kernels.vector.VectorMath.E3;
import static org.losslab.kernels.vector.VectorMath.E4;
import static org.losslab.kernels.vector.VectorMath.E5;
import static org.losslab.kernels.vector.VectorMath.E6;
import static org.losslab.kernels.vector.VectorMath.E7;
import static org.losslab.kernels.vector.VectorMath.E8;
import static org.losslab.kernels.vector.VectorMath.E9;
import static org.losslab.kernels.vector.VectorMath.EXP_HIGH;
import static org.losslab.kernels.vector.VectorMath.EXP_LOW;
import static org.losslab.kernels.vector.VectorMath.LG1;
import static org.losslab.kernels.vector.VectorMath.LG2;
import static org.losslab.kernels.vector.VectorMath.LG3;
import static org.losslab.kernels.vector.VectorMath.LG4;
import static org.losslab.kernels.vector.VectorMath.LG5;
import static org.losslab.kernels.vector.VectorMath.LG6;
import static org.losslab.kernels.vector.VectorMath.LG7;
import static org.losslab.kernels.vector.VectorMath.LN2_HEAD;
import static org.losslab.kernels.vector.VectorMath.LN2_TAIL;
import static org.losslab.kernels.vector.VectorMath.LOG2_E;
import static org.losslab.kernels.vector.VectorMath.MINUS_LN2_HI;
import static org.losslab.kernels.vector.VectorMath.MINUS_LN2_LO;
import static org.losslab.kernels.vector.VectorMath.P0;
import static org.losslab.kernels.vector.VectorMath.P1;
import static org.losslab.kernels.vector.VectorMath.P2;
import static org.losslab.kernels.vector.VectorMath.P3;
import static org.losslab.kernels.vector.VectorMath.P4;
import static org.losslab.kernels.vector.VectorMath.P5;
import static org.losslab.kernels.vector.VectorMath.P6;
import static org.losslab.kernels.vector.VectorMath.P7;
import static org.losslab.kernels.vector.VectorMath.P8;
import static org.losslab.kernels.vector.VectorMath.P9;
import static org.losslab.kernels.vector.VectorMath.SHIFT;
import static org.losslab.kernels.vector.VectorMath.SHIFT_BITS;
import static org.losslab.kernels.vector.VectorMath.SQRT_HALF_BITS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
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
 * more than arithmetic), they are as accurate. Log-cosh and the cross-entropy from logits use {@link VectorMath}'s
 * exp and log1p, written out in the loop (see there why), within 1 ulp; the cross-entropy from probabilities its
 * log, within 1 ulp too, except for γ other than 0, 1 or 2, which keeps the Vector API's log and pow (SVML on
 * x86-64).
 *
 * <p>The running sum is the argument of its addition, not the receiver ({@code loss.add(sum)}): a vector carried
 * from one iteration to the next has its declared type at the loop's head, and a method called on it is a virtual
 * call whose inlining, in a kernel compiled after a few calls (as the launcher has them), may find no type profile;
 * the JIT then allocated every vector of the loop for the rest of the run (l1 on 10⁸ rows: 137 collections in 2 runs
 * of 4, against 2–4 in 8 of 8 with the argument). As an argument it is checked against the receiver's exact class,
 * which types it.
 *
 * <p>Every loop checks its inputs ({@link Loop#checks}), which spares the framework its scalar scan. The
 * memory-bound ones do it as they read them, which saves a second pass over memory: the regression losses are not
 * finite where an input is not; the hinge losses add up, per lane, a measure that is 0 for valid inputs and
 * positive, ∞ or NaN otherwise, and return NaN unless it is 0. The cross-entropy loops check in a pass of their
 * own, after the sum, over data then in the cache ({@link CrossEntropyLoop}): with the check inside their loop or
 * in a second loop of the same method, the JDK 17 JIT boxed the loop's vectors in most runs of a JVM that had run
 * other loops before (an allocation per element, and half the speed).
 */
@API(status = INTERNAL, since = "0.1")
public final class VectorLoops implements LoopFactory {
  static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  /** Floats with as many lanes as {@link #DOUBLES}, so that one load widens to one double vector. */
  static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
  static final int LANES = DOUBLES.length();
  /**
   * Longs of {@link #DOUBLES}' shape, the bits of its lanes. The exponent arithmetic reinterprets between the two with
   * these constants ({@code reinterpretShape(LONGS, 0)}), not with {@code reinterpretAsLongs()}, which looks the
   * species up at run time: in a kernel compiled early, the JIT could not always fold that lookup, the intrinsic
   * failed, and every vector of the loop from there on was allocated, for the rest of the run.
   */
  static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, DOUBLES.vectorShape());

  private final ScalarLoops scalar = new ScalarLoops();

  @Override
  public String path() {
    return "vector (" + DOUBLES.vectorBitSize() + "-bit, " + LANES + " doubles)";
  }

  /**
   * x − x lane by lane, added up: 0 while every value is finite, NaN from the first NaN or ±∞ on. On the species
   * the loss loops use, so that it brings no other vector classes into the Vector API's shared code. A reader runs
   * it on each block it has just copied, while the block is in the cache.
   */
  @Override
  public boolean allFinite(float[] values, int from, int to) {
    FloatVector nan = FloatVector.zero(FLOATS);
    int i = from;
    for (int end = from + FLOATS.loopBound(to - from); i < end; i += LANES) {
      FloatVector value = FloatVector.fromArray(FLOATS, values, i);
      nan = nan.add(value.sub(value));
    }
    return nan.reduceLanes(ADD) == 0 && scalar.allFinite(values, i, to);
  }

  @Override
  public boolean allFinite(double[] values, int from, int to) {
    DoubleVector nan = DoubleVector.zero(DOUBLES);
    int i = from;
    for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
      DoubleVector value = DoubleVector.fromArray(DOUBLES, values, i);
      nan = nan.add(value.sub(value));
    }
    return nan.reduceLanes(ADD) == 0 && scalar.allFinite(values, i, to);
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
      if (!product) {
        return new ProbabilityPowerCrossEntropy(form, tail);
      }
      return form.clip() ? new ProbabilityCrossEntropy(form, tail) : new ScaledProbabilityCrossEntropy(form, tail);
    }
    return product ? new LogitCrossEntropy(form, tail) : new LogitPowerCrossEntropy(form, tail);
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
   * declines to inline the big compiled method into the loop ("already compiled into a big method"); in a big loop
   * it also stops inlining ordinary methods at all past {@code NodeCountInliningCutoff} (measured with {@link
   * VectorMath}'s exp and log1p as calls: the second one stayed a call). Either way every element allocates. Only
   * the Vector API's own methods, which it forces inline, appear in the loops; {@link VectorMath}'s are copied in.
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) + tail.sum(p, y, w, i, to);
    }
  }

  /**
   * log cosh a, a = |r|, with one exponential and one log1p, of whichever argument the lane needs (both &lt; 0.3):
   * <pre>
   *   a &lt; 0.75:  log1p(cosh a − 1),              cosh a − 1 = a²·C(a²)    (no cancellation near 0)
   *   a ≥ 0.75:  (a − log 2) + log1p(e^(−2a))                             (e^(−2a) ≤ 0.23)
   * </pre>
   * C is a minimax polynomial (relative error 2⁻⁶²). From the split on, a − log 2 is exact (Sterbenz's lemma, with
   * log 2 in two parts) up to a = 1.38 and log1p(e^(−2a)) is below 0.2, so the sum loses little; below the split it
   * would cancel. Where e^(−2a) underflows, ℓ = a − log 2, as it should. Both exp and log1p are {@link VectorMath}'s,
   * written out: cheaper than JDK 17's expm1 and log1p, which the previous form needed.
   */
  static final class LogCosh extends RegressionLoop {
    private static final double SPLIT = 0.75;
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    private static final DoubleVector C0 = DoubleVector.broadcast(DOUBLES, 0x1.0000000000000p-1);
    private static final DoubleVector C1 = DoubleVector.broadcast(DOUBLES, 0x1.5555555555553p-5);
    private static final DoubleVector C2 = DoubleVector.broadcast(DOUBLES, 0x1.6c16c16c17551p-10);
    private static final DoubleVector C3 = DoubleVector.broadcast(DOUBLES, 0x1.a01a019e8f005p-16);
    private static final DoubleVector C4 = DoubleVector.broadcast(DOUBLES, 0x1.27e4fd6e5bfefp-22);
    private static final DoubleVector C5 = DoubleVector.broadcast(DOUBLES, 0x1.1eeafe609160cp-29);
    private static final DoubleVector C6 = DoubleVector.broadcast(DOUBLES, 0x1.96e8c8d13c867p-37);

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
        VectorMask<Double> inside = a.lt(SPLIT);
        DoubleVector a2 = a.mul(a);
        DoubleVector a4 = a2.mul(a2);
        DoubleVector coshMinusOne =
            a2.mul(a4.fma(C6, a2.fma(C5, C4)).fma(a4.mul(a4), a2.fma(C3, C2).fma(a4, a2.fma(C1, C0))));
        DoubleVector e; // VectorMath.exp(a.mul(-2)), written out: see VectorMath
        {
          DoubleVector x = a.mul(-2);
          DoubleVector c = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(GT, EXP_HIGH));
          DoubleVector t = c.fma(LOG2_E, SHIFT);
          DoubleVector k = t.sub(SHIFT);
          DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
          DoubleVector r2 = r.mul(r);
          DoubleVector r4 = r2.mul(r2);
          DoubleVector poly = r.fma(E9, E8).fma(r4, r.fma(E7, E6).fma(r2, r.fma(E5, E4)))
              .fma(r4, r.fma(E3, E2).fma(r2, r.fma(E1, E0)));
          LongVector kBits = ((LongVector) t.reinterpretShape(LONGS, 0)).sub(SHIFT_BITS);
          LongVector half = kBits.lanewise(ASHR, 1);
          DoubleVector scale1 = (DoubleVector) half.add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          DoubleVector scale2 =
              (DoubleVector) kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          e = r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
        }
        DoubleVector log1p; // VectorMath.log1p(e.blend(coshMinusOne, inside)), written out: see VectorMath
        {
          DoubleVector x = e.blend(coshMinusOne, inside);
          DoubleVector ratio = x.div(x.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z.fma(P9, P8).fma(z4, z.fma(P7, P6).fma(z2, z.fma(P5, P4)))
              .fma(z4, z.fma(P3, P2).fma(z2, z.fma(P1, P0))));
          DoubleVector halfSquare = x.mul(x).mul(0.5);
          log1p = x.sub(halfSquare.sub(ratio.mul(halfSquare.add(r))));
        }
        DoubleVector loss = a.sub(LN2_HI).blend(0, inside).add(log1p.sub(LN2_LO).blend(log1p, inside));
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        VectorMask<Double> inside = a.lt(SPLIT);
        DoubleVector a2 = a.mul(a);
        DoubleVector a4 = a2.mul(a2);
        DoubleVector coshMinusOne =
            a2.mul(a4.fma(C6, a2.fma(C5, C4)).fma(a4.mul(a4), a2.fma(C3, C2).fma(a4, a2.fma(C1, C0))));
        DoubleVector e; // VectorMath.exp(a.mul(-2)), written out: see VectorMath
        {
          DoubleVector x = a.mul(-2);
          DoubleVector c = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(GT, EXP_HIGH));
          DoubleVector t = c.fma(LOG2_E, SHIFT);
          DoubleVector k = t.sub(SHIFT);
          DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
          DoubleVector r2 = r.mul(r);
          DoubleVector r4 = r2.mul(r2);
          DoubleVector poly = r.fma(E9, E8).fma(r4, r.fma(E7, E6).fma(r2, r.fma(E5, E4)))
              .fma(r4, r.fma(E3, E2).fma(r2, r.fma(E1, E0)));
          LongVector kBits = ((LongVector) t.reinterpretShape(LONGS, 0)).sub(SHIFT_BITS);
          LongVector half = kBits.lanewise(ASHR, 1);
          DoubleVector scale1 = (DoubleVector) half.add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          DoubleVector scale2 =
              (DoubleVector) kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          e = r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
        }
        DoubleVector log1p; // VectorMath.log1p(e.blend(coshMinusOne, inside)), written out: see VectorMath
        {
          DoubleVector x = e.blend(coshMinusOne, inside);
          DoubleVector ratio = x.div(x.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z.fma(P9, P8).fma(z4, z.fma(P7, P6).fma(z2, z.fma(P5, P4)))
              .fma(z4, z.fma(P3, P2).fma(z2, z.fma(P1, P0))));
          DoubleVector halfSquare = x.mul(x).mul(0.5);
          log1p = x.sub(halfSquare.sub(ratio.mul(halfSquare.add(r))));
        }
        DoubleVector loss = a.sub(LN2_HI).blend(0, inside).add(log1p.sub(LN2_LO).blend(log1p, inside));
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
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
   * A cross-entropy loop, which checks its inputs in a pass of its own once it has summed them: labels 0 or 1
   * (y·(1 − y) is exactly 0 only there, and NaN or ±∞ elsewhere), probabilities within [0, 1] or logits other than
   * NaN. Otherwise the framework would scan them, in scalar loops that took 40 % of the time of a tutorial
   * cross-entropy; here the pass is vectorised (16 floats at a time) over data the sum has just brought into the
   * cache.
   *
   * <p>The check is a method of its own, and so is the sum ({@code total}), too big to be inlined into {@code sum}:
   * with the check inside the loop, or a second loop in the same method, the JDK 17 JIT boxed the loop's vectors in
   * most runs of a JVM that had run other loops before (an allocation per element, and half the speed).
   */
  abstract static class CrossEntropyLoop extends VectorLoop {
    private static final VectorSpecies<Float> WIDE_FLOATS = FloatVector.SPECIES_PREFERRED;
    private final boolean probabilities;
    private final Domains domains;

    CrossEntropyLoop(CrossEntropyForm form, Loop tail) {
      super(tail);
      this.probabilities = !form.fromLogits();
      this.domains = new Domains(probabilities ? PredictionDomain.PROBABILITY : PredictionDomain.LOGIT,
          LabelDomain.BINARY);
    }

    @Override
    public final boolean checks(Domains domains) {
      return domains.equals(this.domains);
    }

    // The check after the sum: the sum hides the wait for memory behind its arithmetic, the check then reads the
    // range from the cache (run first, the check took a third of the time).
    @Override
    public final double sum(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      double total = total(p, y, w, from, to);
      return fits(p, y, from, to) ? total : Double.NaN;
    }

    @Override
    public final double sum(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      double total = total(p, y, w, from, to);
      return fits(p, y, from, to) ? total : Double.NaN;
    }

    /** The sum, for inputs that {@link #fits}. */
    abstract double total(double[] p, double[] y, double @Nullable [] w, int from, int to);

    abstract double total(float[] p, float[] y, double @Nullable [] w, int from, int to);

    private boolean fits(double[] p, double[] y, int from, int to) {
      int end = from + DOUBLES.loopBound(to - from);
      boolean fits = probabilities ? probabilitiesAndLabelsFit(p, y, from, end) : labelsFit(y, from, end);
      for (int i = end; i < to; i++) {
        fits &= !(probabilities && outsideProbability(p[i])) && y[i] * (1 - y[i]) == 0;
      }
      return fits;
    }

    private boolean fits(float[] p, float[] y, int from, int to) {
      int end = from + WIDE_FLOATS.loopBound(to - from);
      boolean fits = probabilities ? probabilitiesAndLabelsFit(p, y, from, end) : labelsFit(y, from, end);
      for (int i = end; i < to; i++) {
        fits &= !(probabilities && outsideProbability(p[i])) && y[i] * (1 - y[i]) == 0;
      }
      return fits;
    }

    /**
     * Σ (t + |t|) + |y·(y − 1)| with t = p·(p − 1), a sum of terms that are ≥ 0, or NaN or ∞: t ≤ 0 exactly for
     * 0 ≤ p ≤ 1, and y·(y − 1) = 0 exactly for y = 0 or 1 (outside, neither rounds to 0: one factor is at least ½,
     * and an underflow would need both tiny). So the sum is 0 exactly when every input is valid; adds and absolute
     * values only, cheaper than Math.max's NaN rules.
     */
    private static boolean probabilitiesAndLabelsFit(double[] p, double[] y, int from, int end) {
      DoubleVector off = DoubleVector.zero(DOUBLES);
      for (int i = from; i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector t = prediction.mul(prediction.sub(1));
        off = off.add(t.add(t.abs())).add(label.mul(label.sub(1)).abs());
      }
      return off.reduceLanes(ADD) == 0;
    }

    private static boolean probabilitiesAndLabelsFit(float[] p, float[] y, int from, int end) {
      FloatVector off = FloatVector.zero(WIDE_FLOATS);
      for (int i = from; i < end; i += WIDE_FLOATS.length()) {
        FloatVector prediction = FloatVector.fromArray(WIDE_FLOATS, p, i);
        FloatVector label = FloatVector.fromArray(WIDE_FLOATS, y, i);
        FloatVector t = prediction.mul(prediction.sub(1));
        off = off.add(t.add(t.abs())).add(label.mul(label.sub(1)).abs());
      }
      return off.reduceLanes(ADD) == 0;
    }

    /** As above, labels only: a NaN logit needs no check, the sum is NaN then (and ±∞ are valid logits). */
    private static boolean labelsFit(double[] y, int from, int end) {
      DoubleVector off = DoubleVector.zero(DOUBLES);
      for (int i = from; i < end; i += LANES) {
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        off = off.add(label.mul(label.sub(1)).abs());
      }
      return off.reduceLanes(ADD) == 0;
    }

    private static boolean labelsFit(float[] y, int from, int end) {
      FloatVector off = FloatVector.zero(WIDE_FLOATS);
      for (int i = from; i < end; i += WIDE_FLOATS.length()) {
        FloatVector label = FloatVector.fromArray(WIDE_FLOATS, y, i);
        off = off.add(label.mul(label.sub(1)).abs());
      }
      return off.reduceLanes(ADD) == 0;
    }

    private static boolean outsideProbability(double p) {
      return !(p >= 0 && p <= 1);
    }
  }

  /**
   * −c·s̄^γ·log s from probabilities, γ = 0, 1 or 2, clip mode, with one logarithm per element: q = clamp(p, ε,
   * 1 − ε); s = q for class 1 and log q is exact-input; s = u = 1 − q for class 0, where log1p(−q) = log u −
   * ((u − 1) + q)/u recovers what rounding 1 − q lost (the classic log1p correction), so tiny q keep their digits.
   * 1/u is taken as 1 + q: the correction is below 2⁻⁵³ and matters only next to a tiny log u, where q is tiny too,
   * so the dropped q²/(1 − q) changes the result by less than an ulp, and saves a division. The correction is
   * written ((s − 1) + s̄)·(1 + q) for both classes: for class 1 (s = q, s̄ = fl(1 − q)) it is 0 exactly, since
   * fl(q − 1) = −fl(1 − q), and needs no blend. The weights are negated once, outside the loop, and their product
   * with the focus multiplies the logarithm in the fused multiply-add that sums it.
   *
   * <p>The logarithm is {@link VectorMath#log}, written out. The Vector API's (SVML on JDK 17 for x86-64, JEP 414)
   * takes 26 cycles per 8 lanes against about 30, but it is a call, across which every vector register is
   * caller-saved: C2 spills every vector live across it and reloads it after (6 of them in these loops), and with
   * it the loop took a quarter more time (10.7 against 8.5 ms for 5·10⁶ floats on one thread, the tutorial's
   * weighted cross-entropy in {@link ScaledProbabilityCrossEntropy}). The clamp
   * compares and blends: Java's min and max, with their NaN and −0 rules, cost 8 of the loop's 62 cycles; the
   * comparisons give the same numbers for valid inputs (a −0 stays −0, which changes no loss).
   */
  static final class ProbabilityCrossEntropy extends CrossEntropyLoop {
    private final double minusPositiveWeight;
    private final double minusNegativeWeight;
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double low;
    private final double high;
    private final double lnBase;

    ProbabilityCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(form, tail);
      this.minusPositiveWeight = -form.positiveWeight();
      this.minusNegativeWeight = -form.negativeWeight();
      Focus focus = Focus.of(form.gamma());
      this.a = focus.a();
      this.b = focus.b();
      this.c = focus.c();
      this.d = focus.d();
      this.low = form.epsilon();
      this.high = 1 - form.epsilon();
      this.lnBase = form.lnBase();
    }

    @Override
    double total(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector raised = prediction.blend(low, prediction.lt(low));
        DoubleVector q = raised.blend(high, raised.compare(GT, high));
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector correction = s.sub(1).add(sBar).mul(q.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector factor =
            DoubleVector.broadcast(DOUBLES, minusNegativeWeight).blend(minusPositiveWeight, positive).mul(focus);
        DoubleVector log; // VectorMath.log(s), written out: see VectorMath
        {
          LongVector bits = (LongVector) s.mul(0x1p54).reinterpretShape(LONGS, 0);
          LongVector k = bits.sub(SQRT_HALF_BITS).lanewise(ASHR, 52);
          DoubleVector f = ((DoubleVector) bits.sub(k.lanewise(LSHL, 52)).reinterpretShape(DOUBLES, 0)).sub(1);
          DoubleVector dk = ((DoubleVector) k.convertShape(L2D, DOUBLES, 0)).sub(54);
          DoubleVector ratio = f.div(f.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z2.fma(LG7, z.fma(LG6, LG5)).fma(z4, z.fma(LG4, LG3).fma(z2, z.fma(LG2, LG1))));
          DoubleVector halfSquare = f.mul(f).mul(0.5);
          log = dk.mul(LN2_HEAD).sub(halfSquare.sub(ratio.mul(halfSquare.add(r)).add(dk.mul(LN2_TAIL))).sub(f))
              .blend(Double.NEGATIVE_INFINITY, s.eq(0));
        }
        DoubleVector loss = log.sub(correction);
        sum = w == null ? loss.fma(factor, sum) : loss.mul(factor).fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    double total(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector raised = prediction.blend(low, prediction.lt(low));
        DoubleVector q = raised.blend(high, raised.compare(GT, high));
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector correction = s.sub(1).add(sBar).mul(q.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector factor =
            DoubleVector.broadcast(DOUBLES, minusNegativeWeight).blend(minusPositiveWeight, positive).mul(focus);
        DoubleVector log; // VectorMath.log(s), written out: see VectorMath
        {
          LongVector bits = (LongVector) s.mul(0x1p54).reinterpretShape(LONGS, 0);
          LongVector k = bits.sub(SQRT_HALF_BITS).lanewise(ASHR, 52);
          DoubleVector f = ((DoubleVector) bits.sub(k.lanewise(LSHL, 52)).reinterpretShape(DOUBLES, 0)).sub(1);
          DoubleVector dk = ((DoubleVector) k.convertShape(L2D, DOUBLES, 0)).sub(54);
          DoubleVector ratio = f.div(f.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z2.fma(LG7, z.fma(LG6, LG5)).fma(z4, z.fma(LG4, LG3).fma(z2, z.fma(LG2, LG1))));
          DoubleVector halfSquare = f.mul(f).mul(0.5);
          log = dk.mul(LN2_HEAD).sub(halfSquare.sub(ratio.mul(halfSquare.add(r)).add(dk.mul(LN2_TAIL))).sub(f))
              .blend(Double.NEGATIVE_INFINITY, s.eq(0));
        }
        DoubleVector loss = log.sub(correction);
        sum = w == null ? loss.fma(factor, sum) : loss.mul(factor).fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /**
   * {@link ProbabilityCrossEntropy} in scale mode (q = p·(1 − ε)), the tutorial's weighted and binary cross-entropy
   * and focal loss: without the clamp, since p·(1 − ε) is within [0, 1] for every p in [0, 1]. The loop does not
   * check p, its caller does (an invalid p gives some number or NaN here, and the sum is NaN then). Without the two
   * compares and blends, the tutorial's focal loss took a fifth less time; a loop of its own for γ = 0 (no focus)
   * would save another 4 %, not worth a third copy.
   */
  static final class ScaledProbabilityCrossEntropy extends CrossEntropyLoop {
    private final double minusPositiveWeight;
    private final double minusNegativeWeight;
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double scale;
    private final double lnBase;

    ScaledProbabilityCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(form, tail);
      this.minusPositiveWeight = -form.positiveWeight();
      this.minusNegativeWeight = -form.negativeWeight();
      Focus focus = Focus.of(form.gamma());
      this.a = focus.a();
      this.b = focus.b();
      this.c = focus.c();
      this.d = focus.d();
      this.scale = 1 - form.epsilon();
      this.lnBase = form.lnBase();
    }

    @Override
    double total(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector q = prediction.mul(scale);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector correction = s.sub(1).add(sBar).mul(q.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector factor =
            DoubleVector.broadcast(DOUBLES, minusNegativeWeight).blend(minusPositiveWeight, positive).mul(focus);
        DoubleVector log; // VectorMath.log(s), written out: see VectorMath
        {
          LongVector bits = (LongVector) s.mul(0x1p54).reinterpretShape(LONGS, 0);
          LongVector k = bits.sub(SQRT_HALF_BITS).lanewise(ASHR, 52);
          DoubleVector f = ((DoubleVector) bits.sub(k.lanewise(LSHL, 52)).reinterpretShape(DOUBLES, 0)).sub(1);
          DoubleVector dk = ((DoubleVector) k.convertShape(L2D, DOUBLES, 0)).sub(54);
          DoubleVector ratio = f.div(f.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z2.fma(LG7, z.fma(LG6, LG5)).fma(z4, z.fma(LG4, LG3).fma(z2, z.fma(LG2, LG1))));
          DoubleVector halfSquare = f.mul(f).mul(0.5);
          log = dk.mul(LN2_HEAD).sub(halfSquare.sub(ratio.mul(halfSquare.add(r)).add(dk.mul(LN2_TAIL))).sub(f))
              .blend(Double.NEGATIVE_INFINITY, s.eq(0));
        }
        DoubleVector loss = log.sub(correction);
        sum = w == null ? loss.fma(factor, sum) : loss.mul(factor).fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    double total(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector q = prediction.mul(scale);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector correction = s.sub(1).add(sBar).mul(q.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector factor =
            DoubleVector.broadcast(DOUBLES, minusNegativeWeight).blend(minusPositiveWeight, positive).mul(focus);
        DoubleVector log; // VectorMath.log(s), written out: see VectorMath
        {
          LongVector bits = (LongVector) s.mul(0x1p54).reinterpretShape(LONGS, 0);
          LongVector k = bits.sub(SQRT_HALF_BITS).lanewise(ASHR, 52);
          DoubleVector f = ((DoubleVector) bits.sub(k.lanewise(LSHL, 52)).reinterpretShape(DOUBLES, 0)).sub(1);
          DoubleVector dk = ((DoubleVector) k.convertShape(L2D, DOUBLES, 0)).sub(54);
          DoubleVector ratio = f.div(f.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z2.fma(LG7, z.fma(LG6, LG5)).fma(z4, z.fma(LG4, LG3).fma(z2, z.fma(LG2, LG1))));
          DoubleVector halfSquare = f.mul(f).mul(0.5);
          log = dk.mul(LN2_HEAD).sub(halfSquare.sub(ratio.mul(halfSquare.add(r)).add(dk.mul(LN2_TAIL))).sub(f))
              .blend(Double.NEGATIVE_INFINITY, s.eq(0));
        }
        DoubleVector loss = log.sub(correction);
        sum = w == null ? loss.fma(factor, sum) : loss.mul(factor).fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /**
   * As {@link ProbabilityCrossEntropy}, for any other γ and both modes: s̄^γ with the vector pow, and the Vector
   * API's log; both are SVML calls, so the written-out log would spare none of the spills around them.
   */
  static final class ProbabilityPowerCrossEntropy extends CrossEntropyLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double gamma;
    private final double scale;
    private final double low;
    private final double high;
    private final double lnBase;

    ProbabilityPowerCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(form, tail);
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      this.gamma = form.gamma();
      this.scale = form.clip() ? 1 : 1 - form.epsilon();
      this.low = form.clip() ? form.epsilon() : 0;
      this.high = form.clip() ? 1 - form.epsilon() : 1;
      this.lnBase = form.lnBase();
    }

    @Override
    double total(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        DoubleVector scaled = prediction.mul(scale);
        DoubleVector raised = scaled.blend(low, scaled.lt(low));
        DoubleVector q = raised.blend(high, raised.compare(GT, high));
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector log = s.lanewise(LOG).sub(s.sub(1).add(q).mul(q.add(1)).blend(0, positive));
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(focus).mul(log.neg());
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    double total(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector scaled = prediction.mul(scale);
        DoubleVector raised = scaled.blend(low, scaled.lt(low));
        DoubleVector q = raised.blend(high, raised.compare(GT, high));
        VectorMask<Double> positive = label.eq(1);
        DoubleVector oneMinusQ = q.neg().add(1);
        DoubleVector s = oneMinusQ.blend(q, positive);
        DoubleVector log = s.lanewise(LOG).sub(s.sub(1).add(q).mul(q.add(1)).blend(0, positive));
        DoubleVector sBar = q.blend(oneMinusQ, positive);
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector loss = weight.mul(focus).mul(log.neg());
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /**
   * c·σ(−t)^γ·softplus(−t) from logits x, γ = 0, 1 or 2, t = x for class 1 and −x for class 0, with one exponential
   * e = e^(−|x|) shared by softplus(−t) = max(−t, 0) + log1p(e) (exact at ±∞) and σ(−t) = (1 or e)/(1 + e); exp and
   * log1p are {@link VectorMath}'s, written out. γ = 0 no longer has a loop of its own: its σ, unused, costs a
   * division, little next to the exponential and logarithm, and spares a third copy of them.
   */
  static final class LogitCrossEntropy extends CrossEntropyLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double lnBase;

    LogitCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(form, tail);
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
    double total(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e; // VectorMath.exp(prediction.abs().neg()), written out: see VectorMath
        {
          DoubleVector x = prediction.abs().neg();
          DoubleVector c = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(GT, EXP_HIGH));
          DoubleVector t = c.fma(LOG2_E, SHIFT);
          DoubleVector k = t.sub(SHIFT);
          DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
          DoubleVector r2 = r.mul(r);
          DoubleVector r4 = r2.mul(r2);
          DoubleVector poly = r.fma(E9, E8).fma(r4, r.fma(E7, E6).fma(r2, r.fma(E5, E4)))
              .fma(r4, r.fma(E3, E2).fma(r2, r.fma(E1, E0)));
          LongVector kBits = ((LongVector) t.reinterpretShape(LONGS, 0)).sub(SHIFT_BITS);
          LongVector half = kBits.lanewise(ASHR, 1);
          DoubleVector scale1 = (DoubleVector) half.add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          DoubleVector scale2 =
              (DoubleVector) kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          e = r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
        }
        DoubleVector log1p; // VectorMath.log1p(e), written out: see VectorMath
        {
          DoubleVector x = e;
          DoubleVector ratio = x.div(x.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z.fma(P9, P8).fma(z4, z.fma(P7, P6).fma(z2, z.fma(P5, P4)))
              .fma(z4, z.fma(P3, P2).fma(z2, z.fma(P1, P0))));
          DoubleVector halfSquare = x.mul(x).mul(0.5);
          log1p = x.sub(halfSquare.sub(ratio.mul(halfSquare.add(r))));
        }
        DoubleVector softplus = minusT.blend(0, minusT.lt(0)).add(log1p);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    double total(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e; // VectorMath.exp(prediction.abs().neg()), written out: see VectorMath
        {
          DoubleVector x = prediction.abs().neg();
          DoubleVector c = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(GT, EXP_HIGH));
          DoubleVector t = c.fma(LOG2_E, SHIFT);
          DoubleVector k = t.sub(SHIFT);
          DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
          DoubleVector r2 = r.mul(r);
          DoubleVector r4 = r2.mul(r2);
          DoubleVector poly = r.fma(E9, E8).fma(r4, r.fma(E7, E6).fma(r2, r.fma(E5, E4)))
              .fma(r4, r.fma(E3, E2).fma(r2, r.fma(E1, E0)));
          LongVector kBits = ((LongVector) t.reinterpretShape(LONGS, 0)).sub(SHIFT_BITS);
          LongVector half = kBits.lanewise(ASHR, 1);
          DoubleVector scale1 = (DoubleVector) half.add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          DoubleVector scale2 =
              (DoubleVector) kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          e = r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
        }
        DoubleVector log1p; // VectorMath.log1p(e), written out: see VectorMath
        {
          DoubleVector x = e;
          DoubleVector ratio = x.div(x.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z.fma(P9, P8).fma(z4, z.fma(P7, P6).fma(z2, z.fma(P5, P4)))
              .fma(z4, z.fma(P3, P2).fma(z2, z.fma(P1, P0))));
          DoubleVector halfSquare = x.mul(x).mul(0.5);
          log1p = x.sub(halfSquare.sub(ratio.mul(halfSquare.add(r))));
        }
        DoubleVector softplus = minusT.blend(0, minusT.lt(0)).add(log1p);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.fma(a, b).mul(sBar.fma(c, d));
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }

  /** As {@link LogitCrossEntropy}, for any other γ: σ(−t)^γ with the vector pow. */
  static final class LogitPowerCrossEntropy extends CrossEntropyLoop {
    private final double positiveWeight;
    private final double negativeWeight;
    private final double gamma;
    private final double lnBase;

    LogitPowerCrossEntropy(CrossEntropyForm form, Loop tail) {
      super(form, tail);
      this.positiveWeight = form.positiveWeight();
      this.negativeWeight = form.negativeWeight();
      this.gamma = form.gamma();
      this.lnBase = form.lnBase();
    }

    @Override
    double total(double[] p, double[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction = DoubleVector.fromArray(DOUBLES, p, i);
        DoubleVector label = DoubleVector.fromArray(DOUBLES, y, i);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e; // VectorMath.exp(prediction.abs().neg()), written out: see VectorMath
        {
          DoubleVector x = prediction.abs().neg();
          DoubleVector c = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(GT, EXP_HIGH));
          DoubleVector t = c.fma(LOG2_E, SHIFT);
          DoubleVector k = t.sub(SHIFT);
          DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
          DoubleVector r2 = r.mul(r);
          DoubleVector r4 = r2.mul(r2);
          DoubleVector poly = r.fma(E9, E8).fma(r4, r.fma(E7, E6).fma(r2, r.fma(E5, E4)))
              .fma(r4, r.fma(E3, E2).fma(r2, r.fma(E1, E0)));
          LongVector kBits = ((LongVector) t.reinterpretShape(LONGS, 0)).sub(SHIFT_BITS);
          LongVector half = kBits.lanewise(ASHR, 1);
          DoubleVector scale1 = (DoubleVector) half.add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          DoubleVector scale2 =
              (DoubleVector) kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          e = r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
        }
        DoubleVector log1p; // VectorMath.log1p(e), written out: see VectorMath
        {
          DoubleVector x = e;
          DoubleVector ratio = x.div(x.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z.fma(P9, P8).fma(z4, z.fma(P7, P6).fma(z2, z.fma(P5, P4)))
              .fma(z4, z.fma(P3, P2).fma(z2, z.fma(P1, P0))));
          DoubleVector halfSquare = x.mul(x).mul(0.5);
          log1p = x.sub(halfSquare.sub(ratio.mul(halfSquare.add(r))));
        }
        DoubleVector softplus = minusT.blend(0, minusT.lt(0)).add(log1p);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }

    @Override
    double total(float[] p, float[] y, double @Nullable [] w, int from, int to) {
      DoubleVector sum = DoubleVector.zero(DOUBLES);
      int i = from;
      for (int end = from + DOUBLES.loopBound(to - from); i < end; i += LANES) {
        DoubleVector prediction =
            (DoubleVector) FloatVector.fromArray(FLOATS, p, i).convertShape(F2D, DOUBLES, 0);
        DoubleVector label =
            (DoubleVector) FloatVector.fromArray(FLOATS, y, i).convertShape(F2D, DOUBLES, 0);
        VectorMask<Double> positive = label.eq(1);
        DoubleVector minusT = prediction.blend(prediction.neg(), positive);
        DoubleVector e; // VectorMath.exp(prediction.abs().neg()), written out: see VectorMath
        {
          DoubleVector x = prediction.abs().neg();
          DoubleVector c = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(GT, EXP_HIGH));
          DoubleVector t = c.fma(LOG2_E, SHIFT);
          DoubleVector k = t.sub(SHIFT);
          DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
          DoubleVector r2 = r.mul(r);
          DoubleVector r4 = r2.mul(r2);
          DoubleVector poly = r.fma(E9, E8).fma(r4, r.fma(E7, E6).fma(r2, r.fma(E5, E4)))
              .fma(r4, r.fma(E3, E2).fma(r2, r.fma(E1, E0)));
          LongVector kBits = ((LongVector) t.reinterpretShape(LONGS, 0)).sub(SHIFT_BITS);
          LongVector half = kBits.lanewise(ASHR, 1);
          DoubleVector scale1 = (DoubleVector) half.add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          DoubleVector scale2 =
              (DoubleVector) kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
          e = r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
        }
        DoubleVector log1p; // VectorMath.log1p(e), written out: see VectorMath
        {
          DoubleVector x = e;
          DoubleVector ratio = x.div(x.add(2));
          DoubleVector z = ratio.mul(ratio);
          DoubleVector z2 = z.mul(z);
          DoubleVector z4 = z2.mul(z2);
          DoubleVector r = z.mul(z.fma(P9, P8).fma(z4, z.fma(P7, P6).fma(z2, z.fma(P5, P4)))
              .fma(z4, z.fma(P3, P2).fma(z2, z.fma(P1, P0))));
          DoubleVector halfSquare = x.mul(x).mul(0.5);
          log1p = x.sub(halfSquare.sub(ratio.mul(halfSquare.add(r))));
        }
        DoubleVector softplus = minusT.blend(0, minusT.lt(0)).add(log1p);
        DoubleVector weight = DoubleVector.broadcast(DOUBLES, negativeWeight).blend(positiveWeight, positive);
        DoubleVector sBar = e.blend(1, minusT.compare(GE, 0)).div(e.add(1));
        DoubleVector focus = sBar.lanewise(POW, gamma);
        DoubleVector loss = weight.mul(focus).mul(softplus);
        sum = w == null ? loss.add(sum) : loss.fma(DoubleVector.fromArray(DOUBLES, w, i), sum);
      }
      return sum.reduceLanes(ADD) / lnBase + tail.sum(p, y, w, i, to);
    }
  }
}
