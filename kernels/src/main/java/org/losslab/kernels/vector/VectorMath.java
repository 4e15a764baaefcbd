package org.losslab.kernels.vector;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;

/**
 * exp and log1p of every lane of a {@link DoubleVector}, from arithmetic that C2 compiles to plain vector
 * instructions, for the loops that need both (log-cosh, cross-entropy from logits).
 *
 * <p>Why not {@code lanewise(EXP)} and {@code LOG1P}: on JDK 17 for x86-64 they are not per-lane scalar calls (as
 * one might expect; JEP 414 brought Intel's SVML there, {@code libjsvml}), but they are calls to general-purpose
 * routines: about 26 and 27 cycles per 8 lanes on this machine's AMD EPYC, against 22 for {@link #exp} and 13 for
 * {@link #log1p}, which needs only 0 ≤ x ≤ 1. Elsewhere (JDK 17 on AArch64) they are per-lane calls, ten times
 * slower. SVML's {@code LOG} is kept where a logarithm of any positive number is needed (cross-entropy from
 * probabilities): it measured faster than a hand-written one.
 *
 * <p>Each function reduces its argument (exp by Cody and Waite's scheme with integer operations on the exponent
 * bits, as in fdlibm; log1p needs no reduction on its range), evaluates a polynomial (Estrin's scheme: shorter
 * dependency chains than Horner's, 9 % faster in the loops), and rebuilds the result. The coefficients are minimax
 * fits made for this class (Remez exchange in 50-digit arithmetic, rounded to double). Measured against
 * {@link StrictMath} over 4·10⁶ inputs per range (random bit patterns, every binade, subnormals, the edges of each
 * range) and at the special values ({@code VectorMathTests}), every result is within 1 ulp of StrictMath's:
 * <ul>
 *   <li>{@link #exp}: every double; 0 below about −745.13, ∞ above about 709.78, NaN for NaN; subnormal results
 *       correctly rounded;
 *   <li>{@link #log1p}: for 0 ≤ x ≤ 1, the range the loops need (e<sup>−|x|</sup>, e<sup>−2a</sup>, cosh a − 1 &lt;
 *       0.3); it keeps ±0, subnormals and NaN.
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
    LongVector kBits = t.reinterpretAsLongs().sub(SHIFT_BITS);
    LongVector half = kBits.lanewise(ASHR, 1);
    DoubleVector scale1 = half.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles();
    DoubleVector scale2 = kBits.sub(half).add(1023).lanewise(LSHL, 52).reinterpretAsDoubles();
    return r2.fma(poly, r).add(1).mul(scale1).mul(scale2);
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
