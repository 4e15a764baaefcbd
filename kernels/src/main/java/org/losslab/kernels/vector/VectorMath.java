package org.losslab.kernels.vector;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.L2D;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static org.losslab.kernels.vector.VectorLoops.DOUBLES;
import static org.losslab.kernels.vector.VectorLoops.LONGS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;

/**
 * exp, log1p and log of every lane of a {@link DoubleVector}, from arithmetic that C2 compiles to plain vector
 * instructions, for the loops that need them (log-cosh, cross-entropy from logits and from probabilities).
 *
 * <p>Why not {@code lanewise(EXP)} and {@code LOG1P}: on JDK 17 for x86-64 they are not per-lane scalar calls (as
 * one might expect; JEP 414 brought Intel's SVML there, {@code libjsvml}), but they are calls to general-purpose
 * routines: about 26 and 27 cycles per 8 lanes on this machine's AMD EPYC, against 22 for {@link #exp} and 13 for
 * {@link #log1p}, which needs only 0 ≤ x ≤ 1. Elsewhere (JDK 17 on AArch64) they are per-lane calls, ten times
 * slower. SVML's {@code LOG} alone is faster than {@link #log} (26 cycles per 8 lanes against about 30), but as a
 * call it makes C2 spill every live vector around it (vector registers are caller-saved), which cost the
 * cross-entropy loops more than the difference: see {@code VectorLoops.ProbabilityCrossEntropy}.
 *
 * <p>Each function reduces its argument (exp by Cody and Waite's scheme with integer operations on the exponent
 * bits, as in fdlibm; log1p needs no reduction on its range; log splits off the exponent, as fdlibm), evaluates a
 * polynomial (Estrin's scheme: shorter dependency chains than Horner's, 9 % faster in the loops), and rebuilds the
 * result. The coefficients of exp and log1p are minimax fits made for this class (Remez exchange in 50-digit
 * arithmetic, rounded to double); log's are fdlibm's. Measured against
 * {@link StrictMath} over 4·10⁶ inputs per range (random bit patterns, every binade, subnormals, the edges of each
 * range) and at the special values ({@code VectorMathTests}), every result is within 1 ulp of StrictMath's:
 * <ul>
 *   <li>{@link #exp}: every double; 0 below about −745.13, ∞ above about 709.78, NaN for NaN; subnormal results
 *       correctly rounded;
 *   <li>{@link #log1p}: for 0 ≤ x ≤ 1, the range the loops need (e<sup>−|x|</sup>, e<sup>−2a</sup>, cosh a − 1 &lt;
 *       0.3); it keeps ±0, subnormals and NaN.
 *   <li>{@link #log}: for 0 ≤ x ≤ 1, the range of a probability, subnormals included; −∞ at ±0. Its coefficients
 *       are fdlibm's ({@code e_log.c}), for the range fdlibm reduces to.
 * </ul>
 *
 * <p>The loops do not call these methods: they hold copies of their bodies, statement for statement. A loop that
 * calls both is too big for C2's inliner, which stops inlining ordinary methods past {@code NodeCountInliningCutoff}
 * (18000 nodes; only the Vector API's own {@code @ForceInline} methods get past it), so the second call stays a call
 * and every vector passed to it is allocated: measured with {@code -XX:+PrintInlining}, log-cosh then ran at a third
 * of its speed. The methods here are the reference the copies follow and the tests measure.
 */
final class VectorMath {
  /** 1.5·2⁵²: x + SHIFT rounds x to an integer and leaves it in the low bits (for |x| &lt; 2⁵¹). */
  static final double SHIFT = 0x1.8p52;
  static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
  static final double LOG2_E = 0x1.71547652b82fep0;
  /** −ln 2 to double precision and the rest: with an FMA, x − k·ln 2 is exact to 2⁻¹⁰⁰ or so where exp needs it. */
  static final DoubleVector MINUS_LN2_HI = constant(-0x1.62e42fefa39efp-1);
  static final DoubleVector MINUS_LN2_LO = constant(-0x1.abc9e3b39803fp-56);
  /** e^x is 0 below −745.14 and ∞ above 709.79; clamping there keeps k = round(x/ln 2) in [−1076, 1025]. */
  static final double EXP_LOW = -746;
  static final double EXP_HIGH = 710;

  // e^r = 1 + r + r²·P(r) for |r| ≤ ln 2 / 2: relative error 2^-55.8.
  static final DoubleVector E0 = constant(0x1.0000000000001p-1);
  static final DoubleVector E1 = constant(0x1.555555555554dp-3);
  static final DoubleVector E2 = constant(0x1.5555555553d78p-5);
  static final DoubleVector E3 = constant(0x1.1111111114498p-7);
  static final DoubleVector E4 = constant(0x1.6c16c1788546ap-10);
  static final DoubleVector E5 = constant(0x1.a01a018c2cf33p-13);
  static final DoubleVector E6 = constant(0x1.a019b921fe0a3p-16);
  static final DoubleVector E7 = constant(0x1.71de5a421fe58p-19);
  static final DoubleVector E8 = constant(0x1.289170d07a967p-22);
  static final DoubleVector E9 = constant(0x1.aeaafdb39da12p-26);

  // log(1 + x) = 2·atanh(s) = 2s + s·z·P(z), s = x/(2 + x), z = s² ≤ 1/9 for 0 ≤ x ≤ 1: error of P 2^-52.7
  // absolute, 2^-56.9 relative to the result.
  static final DoubleVector P0 = constant(0x1.5555555555555p-1);
  static final DoubleVector P1 = constant(0x1.999999999a455p-2);
  static final DoubleVector P2 = constant(0x1.24924923cd3a0p-2);
  static final DoubleVector P3 = constant(0x1.c71c727660741p-3);
  static final DoubleVector P4 = constant(0x1.745cefc3ca7c0p-3);
  static final DoubleVector P5 = constant(0x1.3b18cab10cb31p-3);
  static final DoubleVector P6 = constant(0x1.10ab0535fc9ecp-3);
  static final DoubleVector P7 = constant(0x1.ebaa07be29ed8p-4);
  static final DoubleVector P8 = constant(0x1.67ff27128ae42p-4);
  static final DoubleVector P9 = constant(0x1.4b858637b2603p-3);

  // log(1 + f) = 2s + s·R(z), s = f/(2 + f), z = s² ≤ 0.0295 for √½ − 1 ≤ f ≤ √2 − 1: fdlibm's e_log.c (Lg1 to
  // Lg7, error of R below 2^-58.45), and its split of ln 2, whose high part ends in 21 zero bits (k·LN2_HEAD is exact).
  static final DoubleVector LG1 = constant(6.666666666666735130e-01);
  static final DoubleVector LG2 = constant(3.999999999940941908e-01);
  static final DoubleVector LG3 = constant(2.857142874366239149e-01);
  static final DoubleVector LG4 = constant(2.222219843214978396e-01);
  static final DoubleVector LG5 = constant(1.818357216161805012e-01);
  static final DoubleVector LG6 = constant(1.531383769920937332e-01);
  static final DoubleVector LG7 = constant(1.479819860511658591e-01);
  static final double LN2_HEAD = 6.93147180369123816490e-01;
  static final double LN2_TAIL = 1.90821492927058770002e-10;
  /** The bits of √½, about: (bits of x·2⁵⁴ − these) &gt;&gt; 52 is k with x·2⁵⁴ = 2^k·m, √½ ≤ m &lt; √2. */
  static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;

  private VectorMath() {}

  private static DoubleVector constant(double value) {
    return DoubleVector.broadcast(VectorLoops.DOUBLES, value);
  }

  /** e<sup>x</sup> lane by lane, within 1 ulp. */
  static DoubleVector exp(DoubleVector x) {
    // A NaN fails both comparisons and goes through as NaN.
    DoubleVector c = x.blend(EXP_LOW, x.lt(EXP_LOW)).blend(EXP_HIGH, x.compare(GT, EXP_HIGH));
    DoubleVector t = c.fma(LOG2_E, SHIFT);
    DoubleVector k = t.sub(SHIFT);
    DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, c));
    DoubleVector r2 = r.mul(r);
    DoubleVector r4 = r2.mul(r2);
    DoubleVector poly = r.fma(E9, E8).fma(r4, r.fma(E7, E6).fma(r2, r.fma(E5, E4)))
        .fma(r4, r.fma(E3, E2).fma(r2, r.fma(E1, E0)));
    // 2^k in two factors, each a normal number for every k the clamp allows: the product rounds once, so results
    // that underflow to subnormals are rounded correctly, and those that overflow become ∞.
    LongVector kBits = ((LongVector) t.reinterpretShape(LONGS, 0)).sub(SHIFT_BITS);
    LongVector half = kBits.lanewise(ASHR, 1);
    DoubleVector scale1 = (DoubleVector) half.add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
    DoubleVector scale2 = (DoubleVector) kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretShape(DOUBLES, 0);
    return r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
  }

  /**
   * log x lane by lane for 0 ≤ x ≤ 1, within 1 ulp; −∞ at ±0. fdlibm's scheme, x = 2^k·m with √½ ≤ m &lt; √2 and
   * log x = k·ln 2 + log1p(m − 1) (m − 1 is exact), with integer operations on the exponent bits. x·2⁵⁴ is exact
   * and normal for every x in range, subnormals included, so one reduction serves them all, without a branch.
   */
  static DoubleVector log(DoubleVector x) {
    LongVector bits = (LongVector) x.mul(0x1p54).reinterpretShape(LONGS, 0);
    LongVector k = bits.sub(SQRT_HALF_BITS).lanewise(ASHR, 52);
    DoubleVector f = ((DoubleVector) bits.sub(k.lanewise(LSHL, 52)).reinterpretShape(DOUBLES, 0)).sub(1);
    DoubleVector dk = ((DoubleVector) k.convertShape(L2D, DOUBLES, 0)).sub(54);
    DoubleVector ratio = f.div(f.add(2));
    DoubleVector z = ratio.mul(ratio);
    DoubleVector z2 = z.mul(z);
    DoubleVector z4 = z2.mul(z2);
    DoubleVector r = z.mul(z2.fma(LG7, z.fma(LG6, LG5)).fma(z4, z.fma(LG4, LG3).fma(z2, z.fma(LG2, LG1))));
    DoubleVector halfSquare = f.mul(f).mul(0.5);
    // fdlibm's order: k·ln 2 − ((½f² − (s·(½f² + R) + k·ln2_lo)) − f)
    return dk.mul(LN2_HEAD).sub(halfSquare.sub(ratio.mul(halfSquare.add(r)).add(dk.mul(LN2_TAIL))).sub(f))
        .blend(Double.NEGATIVE_INFINITY, x.eq(0));
  }

  /** log(1 + x) lane by lane for 0 ≤ x ≤ 1, within 1 ulp: x itself is the reduced argument. */
  static DoubleVector log1p(DoubleVector x) {
    DoubleVector ratio = x.div(x.add(2));
    DoubleVector z = ratio.mul(ratio);
    DoubleVector z2 = z.mul(z);
    DoubleVector z4 = z2.mul(z2);
    DoubleVector r = z.mul(z.fma(P9, P8).fma(z4, z.fma(P7, P6).fma(z2, z.fma(P5, P4)))
        .fma(z4, z.fma(P3, P2).fma(z2, z.fma(P1, P0))));
    DoubleVector halfSquare = x.mul(x).mul(0.5);
    return x.sub(halfSquare.sub(ratio.mul(halfSquare.add(r))));
  }
}
