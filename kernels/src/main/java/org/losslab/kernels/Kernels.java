package org.losslab.kernels;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;
import org.losslab.api.BatchKernel;

/**
 * The fused batch kernels of the built-in element-wise losses, on the fastest path this JVM has.
 *
 * <p>{@link #best()} is the Vector API path when the JVM was started with {@code --add-modules
 * jdk.incubator.vector} (the {@code losslab} launcher does), and the scalar path otherwise: a library user without
 * the flag gets the same values, within rounding, and no error. The vector classes are loaded by name only once
 * the module is known to be there, so nothing else links against it. The system property
 * {@code losslab.kernels=scalar} forces the scalar path (to compare the two, or where the vector one misbehaves).
 *
 * <p>How close the paths are to the per-element definition ({@code ElementLoss.value}, summed exactly):
 * <ul>
 *   <li>scalar: the same formula in the same order; only the summation differs (a double accumulator per block of
 *       2<sup>12</sup> elements);
 *   <li>vector: lane-wise sums, and fewer transcendental functions for log-cosh and the cross-entropy family (see
 *       {@code VectorLoops}; its exp, log1p and log are within 1 ulp, {@code VectorMathTests}): per element within
 *       10 ulp of the definition, the rounding of the definition's own formula included (measured over 2·10⁵
 *       inputs per loss and option, from 10⁻¹² to 10⁴, logits from 10⁻¹⁰ to 10³ and probabilities within 10⁻³⁰ of
 *       0 and 1; 0 ulp for the arithmetic losses, 8 for log-cosh, 3–6 for cross-entropy from probabilities (3 for
 *       γ of 0, 1 and 2, with {@code VectorMath}'s log: {@code KernelsTests}), 4–9 from logits for γ of 0, ½, 1
 *       and 2). The exception is a large non-integer γ from logits, where σ^γ multiplies the error of σ: 13 ulp
 *       at γ = 3.7 (12 with the previous kernels).
 * </ul>
 * Both stay within 1e-13·Σ|w·ℓ| of the exact sum in the tests ({@code KernelsTests}, and {@code KernelAgreementTests}
 * in the losses modules); typical differences are a few 1e-16 relative. The two paths (and vector widths) can
 * differ in the last bits of a value, so a report is reproducible bit for bit on the same path, not across paths.
 */
@API(status = INTERNAL, since = "0.1")
public final class Kernels {
  private static final String MODULE = "jdk.incubator.vector";
  private static final String VECTOR_LOOPS = "org.losslab.kernels.vector.VectorLoops";
  private static final Kernels SCALAR = new Kernels(new ScalarLoops(), "");
  private static final Kernels BEST = choose();

  private final LoopFactory loops;
  private final String why;

  private Kernels(LoopFactory loops, String why) {
    this.loops = loops;
    this.why = why;
  }

  /** The vector path if this JVM has it, else the scalar one. */
  public static Kernels best() {
    return BEST;
  }

  /** The scalar path, always available. */
  public static Kernels scalar() {
    return SCALAR;
  }

  /** The vector path; an {@link IllegalStateException} saying why when this JVM does not have it. */
  public static Kernels vector() {
    Kernels vector = loadVector();
    if (vector.loops instanceof ScalarLoops) {
      throw new IllegalStateException("the vector kernels are not available: " + vector.why);
    }
    return vector;
  }

  /** Whether {@link #best()} is the vector path. */
  public static boolean vectorized() {
    return !(BEST.loops instanceof ScalarLoops);
  }

  /** {@code vector (512-bit, 8 doubles)}, or {@code scalar} with the reason: for logs and reports. */
  public String path() {
    return why.isEmpty() ? loops.path() : loops.path() + " (" + why + ")";
  }

  public BatchKernel mse() {
    return kernel(loops.mse());
  }

  public BatchKernel l1() {
    return kernel(loops.l1());
  }

  public BatchKernel mbe() {
    return kernel(loops.mbe());
  }

  public BatchKernel huber(double delta) {
    return kernel(loops.huber(delta));
  }

  public BatchKernel smoothL1(double beta) {
    return kernel(loops.smoothL1(beta));
  }

  public BatchKernel logCosh() {
    return kernel(loops.logCosh());
  }

  public BatchKernel crossEntropy(CrossEntropyForm form) {
    return kernel(loops.crossEntropy(form));
  }

  public BatchKernel hinge(boolean zeroOne) {
    return kernel(loops.hinge(zeroOne));
  }

  public BatchKernel squaredHinge(boolean zeroOne) {
    return kernel(loops.squaredHinge(zeroOne));
  }

  /**
   * Whether {@code values[from..to)} holds no NaN and no ±∞: a pass at memory speed on the vector path (about four
   * times the scalar one's), for readers that check what they have just read.
   */
  public boolean allFinite(float[] values, int from, int to) {
    Objects.checkFromToIndex(from, to, values.length);
    return loops.allFinite(values, from, to);
  }

  /** As {@link #allFinite(float[], int, int)}, for doubles. */
  public boolean allFinite(double[] values, int from, int to) {
    Objects.checkFromToIndex(from, to, values.length);
    return loops.allFinite(values, from, to);
  }

  /** The loops themselves, for tests that compare paths element range by element range. */
  public LoopFactory loops() {
    return loops;
  }

  private static BatchKernel kernel(Loop loop) {
    return new FusedKernel(loop);
  }

  @Override
  public String toString() {
    return "Kernels(" + path() + ")";
  }

  private static Kernels choose() {
    String forced = System.getProperty("losslab.kernels", "").trim().toLowerCase(Locale.ROOT);
    if (forced.equals("scalar")) {
      return new Kernels(new ScalarLoops(), "losslab.kernels=scalar");
    }
    return loadVector();
  }

  private static Kernels loadVector() {
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      return new Kernels(new ScalarLoops(), MODULE + " not enabled; java --add-modules " + MODULE + " enables it");
    }
    try {
      Object loops = Class.forName(VECTOR_LOOPS, true, Kernels.class.getClassLoader())
          .getConstructor().newInstance();
      return new Kernels((LoopFactory) loops, "");
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // An exotic vector shape (VectorShape.forBitSize has no half-width shape), a JVM without the intrinsics.
      return new Kernels(new ScalarLoops(), "the vector loops did not load: " + Objects.toString(e.getMessage(),
          e.getClass().getName()));
    }
  }
}
