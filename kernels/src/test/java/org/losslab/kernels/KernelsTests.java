package org.losslab.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.api.Batch;
import org.losslab.api.Domains;
import org.losslab.api.LabelDomain;
import org.losslab.api.PredictionDomain;

/**
 * The vector loops against the scalar ones, loss by loss and option by option, on random data in both precisions,
 * with and without weights, at every length and offset around the vector width (so that every tail length runs),
 * and at the edges of each loss's formulas. The scalar loops evaluate each loss's definition verbatim (the losses
 * modules test them, and the vector path, against {@code ElementLoss.value}); here the two paths must agree within
 * 1e-13·Σ|w·ℓ|, about 500 ulp of the sum (the vector path adds in another order and uses other formulas for
 * log-cosh and cross-entropy: up to 10 ulp per element measured, see {@code Kernels}).
 *
 * <p>Runs with {@code --add-modules jdk.incubator.vector} (this module's surefire configuration).
 */
class KernelsTests {
  private static final double TOLERANCE = 1e-13;
  private static final LoopFactory SCALAR = Kernels.scalar().loops();
  private static final LoopFactory VECTOR = Kernels.vector().loops();
  private static final int LANES = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();

  /** The inputs a loss takes. */
  enum Inputs { REGRESSION, PROBABILITY, LOGIT, SIGN, ZERO_ONE }

  record Case(String name, Inputs inputs, Function<LoopFactory, Loop> loop) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>(List.of(
        new Case("mse", Inputs.REGRESSION, LoopFactory::mse),
        new Case("l1", Inputs.REGRESSION, LoopFactory::l1),
        new Case("mbe", Inputs.REGRESSION, LoopFactory::mbe),
        new Case("huber(delta=1)", Inputs.REGRESSION, f -> f.huber(1)),
        new Case("huber(delta=0.3)", Inputs.REGRESSION, f -> f.huber(0.3)),
        new Case("smooth_l1(beta=1)", Inputs.REGRESSION, f -> f.smoothL1(1)),
        new Case("smooth_l1(beta=0.25)", Inputs.REGRESSION, f -> f.smoothL1(0.25)),
        new Case("smooth_l1(beta=0)", Inputs.REGRESSION, f -> f.smoothL1(0)),
        new Case("log_cosh", Inputs.REGRESSION, LoopFactory::logCosh),
        new Case("hinge", Inputs.SIGN, f -> f.hinge(false)),
        new Case("hinge(zero_one)", Inputs.ZERO_ONE, f -> f.hinge(true)),
        new Case("squared_hinge", Inputs.SIGN, f -> f.squaredHinge(false)),
        new Case("squared_hinge(zero_one)", Inputs.ZERO_ONE, f -> f.squaredHinge(true))));
    double log2 = Math.log(2);
    for (double gamma : new double[] {0, 1, 2, 0.5, 3.7}) {
      for (boolean clip : new boolean[] {true, false}) {
        for (double lnBase : new double[] {1, log2}) {
          for (double epsilon : new double[] {1e-7, 1e-5, 0}) {
            CrossEntropyForm form = new CrossEntropyForm(0.25, 0.75, gamma, false, epsilon, clip, lnBase);
            cases.add(new Case("cross_entropy(" + form + ")", Inputs.PROBABILITY, f -> f.crossEntropy(form)));
          }
        }
      }
      for (double lnBase : new double[] {1, log2}) {
        CrossEntropyForm form = new CrossEntropyForm(2, 0.5, gamma, true, 1e-7, true, lnBase);
        cases.add(new Case("cross_entropy(" + form + ")", Inputs.LOGIT, f -> f.crossEntropy(form)));
      }
    }
    return cases;
  }

  @Test
  void theVectorPathIsTheBestWhenTheModuleIsPresent() {
    assertThat(Kernels.vectorized()).isTrue();
    assertThat(Kernels.best().path()).isEqualTo(VECTOR.path()).startsWith("vector (").endsWith(" doubles)");
    assertThat(Kernels.scalar().path()).isEqualTo("scalar");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vectorAndScalarAgreeAtEveryLengthAndOffset(Case loss) {
    Loop vector = loss.loop().apply(VECTOR);
    Loop scalar = loss.loop().apply(SCALAR);
    SplittableRandom random = new SplittableRandom(loss.name().hashCode());
    int size = 4 * LANES + 3;
    double[][] data = inputs(loss.inputs(), size, random);
    float[][] floats = {toFloats(data[0]), toFloats(data[1])};
    double[] weights = random.doubles(size, 0, 3).toArray();
    for (int from = 0; from <= LANES + 1; from++) {
      for (int to = from; to <= size; to++) {
        for (double[] w : new double[][] {null, weights}) {
          assertAgree(loss, vector.sum(data[0], data[1], w, from, to), scalar.sum(data[0], data[1], w, from, to),
              magnitude(scalar, data[0], data[1], w, from, to), from, to);
          assertAgree(loss, vector.sum(floats[0], floats[1], w, from, to), scalar.sum(floats[0], floats[1], w, from, to),
              magnitude(scalar, toDoubles(floats[0]), toDoubles(floats[1]), w, from, to), from, to);
        }
      }
    }
  }

  /**
   * 2·10⁴ elements in one range against the definition summed in double-double, in both precisions, weighted or
   * not. One accumulator (one per lane on the vector path) over terms of very different sizes drifts: by up to
   * 3e-13 relative over 10⁵ terms (Huber, measured). The framework's chunks hold at most 2¹⁵ elements; this test
   * allows 1e-12.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bothPathsStayCloseToTheExactSumOfALargeRange(Case loss) {
    SplittableRandom random = new SplittableRandom(~loss.name().hashCode());
    int n = 20_011;
    double[][] data = inputs(loss.inputs(), n, random);
    float[][] floats = {toFloats(data[0]), toFloats(data[1])};
    double[] weights = random.doubles(n, 0, 3).toArray();
    Loop scalar = loss.loop().apply(SCALAR);
    for (double[] w : new double[][] {null, weights}) {
      double exact = exactSum(scalar, data[0], data[1], w, n);
      double exactFloat = exactSum(scalar, toDoubles(floats[0]), toDoubles(floats[1]), w, n);
      for (LoopFactory path : new LoopFactory[] {SCALAR, VECTOR}) {
        Loop loop = loss.loop().apply(path);
        assertAgree(loss, loop.sum(data[0], data[1], w, 0, n), exact,
            magnitude(scalar, data[0], data[1], w, 0, n), 0, n, 1e-12);
        assertAgree(loss, loop.sum(floats[0], floats[1], w, 0, n), exactFloat,
            magnitude(scalar, toDoubles(floats[0]), toDoubles(floats[1]), w, 0, n), 0, n, 1e-12);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vectorAndScalarAgreeAtTheEdgesOfTheFormulas(Case loss) {
    double[][] edges = edges(loss.inputs());
    Loop vector = loss.loop().apply(VECTOR);
    Loop scalar = loss.loop().apply(SCALAR);
    for (double[] edge : edges) {
      // The edge in every lane position, so that it meets the vector loop, not only the scalar tail.
      double[] predictions = new double[2 * LANES];
      double[] labels = new double[2 * LANES];
      Arrays.fill(predictions, edge[0]);
      Arrays.fill(labels, edge[1]);
      double expected = scalar.sum(predictions, labels, null, 0, predictions.length);
      double actual = vector.sum(predictions, labels, null, 0, predictions.length);
      if (!Double.isFinite(expected)) {
        // The framework recomputes a chunk whose kernel sum is not finite: the vector path need only not hide it.
        assertThat(Double.isFinite(actual)).as("%s at p = %s, y = %s", loss, edge[0], edge[1]).isFalse();
        continue;
      }
      assertThat(Math.abs(actual - expected))
          .as("%s at p = %s, y = %s: vector %s, scalar %s", loss, edge[0], edge[1], actual, expected)
          .isLessThanOrEqualTo(TOLERANCE * Math.abs(expected));
    }
  }

  static List<Case> probabilityCases() {
    return cases().stream().filter(loss -> loss.inputs() == Inputs.PROBABILITY).toList();
  }

  /**
   * The contract per element ({@code Kernels}): within 10 ulp of the definition (the scalar loop's value), each
   * element alone in a full vector (weight 1 in its lane, 0 in the others, so that the sum is its loss), in both
   * precisions, for probabilities over every binade down to 10⁻³⁰⁰ (subnormals in double), within 10⁻¹⁶ of 1, and
   * uniform, both classes. Measured: at most 3 ulp for γ = 0, 1 and 2, 5 for the other γ.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("probabilityCases")
  void crossEntropyFromProbabilitiesIsWithinTenUlpOfTheDefinitionPerElement(Case loss) {
    Loop vector = loss.loop().apply(VECTOR);
    Loop scalar = loss.loop().apply(SCALAR);
    SplittableRandom random = new SplittableRandom(loss.name().hashCode() + 1);
    double[] weights = new double[LANES];
    weights[0] = 1;
    double worst = 0;
    String worstAt = "";
    for (int n = 0; n < 20_000; n++) {
      int kind = random.nextInt(4);
      double p = kind == 0 ? Math.pow(10, random.nextDouble(-300, 0))
          : kind == 1 ? 1 - Math.pow(10, random.nextDouble(-16, 0))
          : kind == 2 ? random.nextDouble(0, 4.9e-324 * 1e5) : random.nextDouble();
      double y = random.nextBoolean() ? 1 : 0;
      double[] predictions = new double[LANES];
      double[] labels = new double[LANES];
      Arrays.fill(predictions, p);
      Arrays.fill(labels, y);
      float[] floatPredictions = toFloats(predictions);
      float[] floatLabels = toFloats(labels);
      double[][] actualAndExpected = {
          {vector.sum(predictions, labels, weights, 0, LANES), scalar.value(p, y)},
          {vector.sum(floatPredictions, floatLabels, weights, 0, LANES), scalar.value(floatPredictions[0], y)}};
      for (double[] pair : actualAndExpected) {
        if (!Double.isFinite(pair[1])) {
          continue; // the edge test covers infinite losses
        }
        double ulps = pair[0] == pair[1] ? 0 : Math.abs(pair[0] - pair[1]) / Math.ulp(pair[1]);
        if (!(ulps <= worst)) {
          worst = ulps;
          worstAt = "p = " + p + ", y = " + y + ": " + pair[0] + " against " + pair[1];
        }
      }
    }
    assertThat(worst).as("%s, largest error at %s", loss, worstAt).isLessThanOrEqualTo(10);
  }

  @Test
  void aWeightedWideRowIsSummedRowByRowAndAZeroWeightRemovesAFiniteRow() {
    // Three rows of two columns, row 1 weighing 0.
    double[] predictions = {0.5, 0.25, 0.125, 0.875, 0.75, 0.5};
    double[] labels = {1, 0, 1, 1, 1, 0};
    Batch batch = Batch.ofRows(predictions, 2, labels, 2).withWeights(new double[] {2, 0, 3});
    CrossEntropyForm form = new CrossEntropyForm(1, 1, 0, false, 0, true, 1);
    double expected = 2 * (-Math.log(0.5) - Math.log(0.75)) + 3 * (-Math.log(0.75) - Math.log(0.5));

    for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
      assertThat(kernels.crossEntropy(form).weightedSum(batch, 0, 3)).isCloseTo(expected, offset(1e-15 * expected));
    }
  }

  /**
   * A zero weight on an infinite loss (ε = 0, p = 0 for class 1) is NaN for the kernel: the framework then checks
   * the rows and sums them with the definition, which skips the row.
   */
  @Test
  void aZeroWeightOnAnInfiniteRowLeavesTheRowsToTheDefinition() {
    double[] predictions = {0.5, 0.25, 0, 0};
    double[] labels = {1, 0, 1, 1};
    CrossEntropyForm form = new CrossEntropyForm(1, 1, 0, false, 0, true, 1);
    for (int columns : new int[] {1, 2}) {
      Batch batch = Batch.ofRows(predictions, columns, labels, columns)
          .withWeights(columns == 1 ? new double[] {1, 1, 0, 0} : new double[] {1, 0});
      for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
        assertThat(kernels.crossEntropy(form).weightedSum(batch, 0, batch.rows())).isNaN();
      }
    }
  }

  /**
   * Every vector loop checks its inputs (on the scalar path only regression, where the check is free): its sum is
   * not finite (NaN, or ±∞ for regression) over any range holding an invalid input, in a vector or in the tail.
   * The cross-entropy loops check in a pass of their own (the framework's scalar scan cost too much next to them).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aLoopThatChecksItsInputsFindsEveryInvalidOne(Case loss) {
    Domains domains = switch (loss.inputs()) {
      case REGRESSION -> Domains.REGRESSION;
      case PROBABILITY -> new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY);
      case LOGIT -> new Domains(PredictionDomain.LOGIT, LabelDomain.BINARY);
      case SIGN -> new Domains(PredictionDomain.REAL, LabelDomain.SIGN);
      case ZERO_ONE -> new Domains(PredictionDomain.REAL, LabelDomain.BINARY);
    };
    Loop vector = loss.loop().apply(VECTOR);
    assertThat(vector.checks(domains)).isTrue();
    assertThat(vector.checks(new Domains(PredictionDomain.LOGIT, LabelDomain.CLASS))).isFalse();
    boolean scalarChecks = loss.loop().apply(SCALAR).checks(domains);
    assertThat(scalarChecks).isEqualTo(loss.inputs() == Inputs.REGRESSION);
    double[][] invalid = invalid(loss.inputs());
    int size = 2 * LANES + 3;
    double[][] valid = inputs(loss.inputs(), size, new SplittableRandom(3));
    for (double[] bad : invalid) {
      for (int position : new int[] {0, LANES - 1, LANES + 2, size - 1}) { // in a vector, and in the tail
        double[] p = valid[0].clone();
        double[] y = valid[1].clone();
        p[position] = bad[0];
        y[position] = bad[1];
        for (Loop loop : scalarChecks ? List.of(vector, loss.loop().apply(SCALAR)) : List.of(vector)) {
          assertThat(Double.isFinite(loop.sum(p, y, null, 0, size)))
              .as("%s with p = %s, y = %s at %d", loss, bad[0], bad[1], position).isFalse();
          if (Double.compare((float) bad[0], bad[0]) == 0 && Double.compare((float) bad[1], bad[1]) == 0) {
            assertThat(Double.isFinite(loop.sum(toFloats(p), toFloats(y), null, 0, size)))
                .as("%s with float p = %s, y = %s at %d", loss, bad[0], bad[1], position).isFalse();
          }
        }
      }
    }
  }

  @Test
  void singlePrecisionBatchesAreReadAsFloats() {
    Batch batch = Batch.of(new float[] {0.1f, 0.2f, 0.3f}, new float[] {0, 0, 0});
    double expected = (double) 0.1f * 0.1f + (double) 0.2f * 0.2f + (double) 0.3f * 0.3f;

    assertThat(Kernels.vector().mse().weightedSum(batch, 0, 3)).isEqualTo(expected);
    assertThat(Kernels.scalar().mse().weightedSum(batch, 0, 3)).isEqualTo(expected);
  }

  @Test
  void kernelsNameTheirLoop() {
    assertThat(Kernels.scalar().huber(1)).hasToString("FusedKernel(Huber)");
    assertThat(Kernels.vector().logCosh()).hasToString("FusedKernel(LogCosh)");
  }

  private static void assertAgree(Case loss, double actual, double expected, double magnitude, int from, int to) {
    assertAgree(loss, actual, expected, magnitude, from, to, TOLERANCE);
  }

  /**
   * Within {@code tolerance}·Σ|w·ℓ|; where the expected sum is infinite (ε = 0 and a certain wrong prediction), the
   * actual one need only not be finite either: the framework then recomputes the chunk with the definition.
   */
  private static void assertAgree(Case loss, double actual, double expected, double magnitude, int from, int to,
      double tolerance) {
    if (!Double.isFinite(expected)) {
      assertThat(Double.isFinite(actual)).as("%s over [%d, %d): %s against %s", loss, from, to, actual, expected)
          .isFalse();
      return;
    }
    assertThat(Math.abs(actual - expected))
        .as("%s over [%d, %d): %s against %s", loss, from, to, actual, expected)
        .isLessThanOrEqualTo(tolerance * magnitude);
  }

  /**
   * Σ w·ℓ of the definition in double-double arithmetic (Knuth's TwoSum keeps every rounding error in a second
   * double), rounded once: its error, n·2⁻¹⁰⁶ relative, is far below what the tests resolve. NaN or ±∞ where a
   * term is not finite.
   */
  private static double exactSum(Loop scalar, double[] p, double[] y, double @Nullable [] w, int n) {
    double high = 0;
    double low = 0;
    for (int i = 0; i < n; i++) {
      double term = (w == null ? 1 : w[i]) * scalar.value(p[i], y[i]);
      if (!Double.isFinite(term)) {
        return term;
      }
      double sum = high + term;
      double virtual = sum - high;
      low += (high - (sum - virtual)) + (term - virtual);
      high = sum;
    }
    return high + low;
  }

  /** Σ|w·ℓ|, the scale of the rounding errors of a sum of w·ℓ. */
  private static double magnitude(Loop scalar, double[] p, double[] y, double @Nullable [] w, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += Math.abs((w == null ? 1 : w[i]) * scalar.value(p[i], y[i]));
    }
    return sum;
  }

  private static double[][] inputs(Inputs inputs, int n, SplittableRandom random) {
    double[] p = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      switch (inputs) {
        case REGRESSION -> {
          double scale = random.nextInt(10) == 0 ? Math.pow(10, random.nextDouble(-8, 4)) : 3;
          p[i] = random.nextDouble(-1, 1) * scale;
          y[i] = random.nextDouble(-1, 1);
        }
        case PROBABILITY -> {
          int kind = random.nextInt(20);
          p[i] = kind == 0 ? Math.pow(10, random.nextDouble(-30, 0))
              : kind == 1 ? 1 - Math.pow(10, random.nextDouble(-16, 0)) : random.nextDouble();
          y[i] = random.nextBoolean() ? 1 : 0;
        }
        case LOGIT -> {
          p[i] = random.nextInt(20) == 0 ? Math.pow(10, random.nextDouble(-10, 3)) * (random.nextBoolean() ? 1 : -1)
              : random.nextGaussian() * 4;
          y[i] = random.nextBoolean() ? 1 : 0;
        }
        case SIGN -> {
          p[i] = random.nextGaussian() * 2;
          y[i] = random.nextBoolean() ? 1 : -1;
        }
        case ZERO_ONE -> {
          p[i] = random.nextGaussian() * 2;
          y[i] = random.nextBoolean() ? 1 : 0;
        }
      }
    }
    return new double[][] {p, y};
  }

  /** Inputs outside each domain, each with a valid partner: NaN, ±∞ where not allowed, values off the domain. */
  private static double[][] invalid(Inputs inputs) {
    double nan = Double.NaN;
    double infinity = Double.POSITIVE_INFINITY;
    return switch (inputs) {
      case REGRESSION -> new double[][] {{nan, 0}, {0, nan}, {infinity, 0}, {0, -infinity}, {infinity, infinity}};
      case PROBABILITY -> new double[][] {{nan, 1}, {0.5, nan}, {1.2, 1}, {-0.1, 0}, {Math.nextUp(1.0), 0},
          {-Double.MIN_VALUE, 1}, {infinity, 0}, {0.5, 0.5}, {0.5, 2}, {0.5, -1}, {0.5, 1e-300}, {0.5, infinity}};
      case LOGIT -> new double[][] {{nan, 1}, {0.5, nan}, {0.5, 0.5}, {infinity, -1}, {0.5, Math.nextDown(1.0)}};
      case SIGN -> new double[][] {{nan, 1}, {0.5, nan}, {infinity, 1}, {-infinity, -1}, {0.5, 0}, {0.5, 2},
          {0.5, Math.nextDown(1.0)}};
      case ZERO_ONE -> new double[][] {{nan, 1}, {0.5, nan}, {infinity, 1}, {-infinity, 0}, {0.5, -1}, {0.5, 0.5},
          {0.5, 1e-300}};
    };
  }

  private static double[][] edges(Inputs inputs) {
    List<double[]> edges = new ArrayList<>();
    switch (inputs) {
      case REGRESSION -> {
        for (double r : new double[] {0, Double.MIN_VALUE, 1e-300, 1e-8, 0.25, 0.3, Math.nextDown(0.75), 0.75, 1,
            Math.nextUp(1.0), Math.nextDown(1.0), 19, 20, 354, 355, 373, 374, 709, 710, 711, 1e5, 1e300,
            Double.MAX_VALUE}) {
          edges.add(new double[] {r, 0});
          edges.add(new double[] {-r, 0});
        }
      }
      case PROBABILITY -> {
        for (double p : new double[] {0, Double.MIN_VALUE, 1e-300, 1e-30, 1e-17, 1e-16, 1e-7, 1e-5, 0.25, 0.5,
            Math.nextDown(0.5), 0.75, 1 - 1e-5, 1 - 1e-7, 1 - 1e-16, Math.nextDown(1.0), 1}) {
          edges.add(new double[] {p, 0});
          edges.add(new double[] {p, 1});
        }
      }
      case LOGIT -> {
        for (double x : new double[] {0, Double.MIN_VALUE, 1e-300, 1e-8, 1, 17, 36, 37, 40, 100, 700, 709, 710, 745,
            746, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
          for (double y : new double[] {0, 1}) {
            edges.add(new double[] {x, y});
            edges.add(new double[] {-x, y});
          }
        }
      }
      case SIGN, ZERO_ONE -> {
        double negative = inputs == Inputs.SIGN ? -1 : 0;
        for (double p : new double[] {0, 1, -1, Math.nextUp(1.0), Math.nextDown(1.0), 2, -2, 1e300, -1e300}) {
          edges.add(new double[] {p, negative});
          edges.add(new double[] {p, 1});
        }
      }
    }
    return edges.toArray(double[][]::new);
  }

  private static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
