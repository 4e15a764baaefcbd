package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.api.Batch;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.api.NanPolicy;
import org.losslab.api.Parameters;
import org.losslab.api.PredictionDomain;
import org.losslab.kernels.Kernels;

/**
 * Every binary loss of this module, evaluated through its fused kernel, against its own per-element definition
 * ({@link ModulatedCrossEntropy}, the margin losses): the reference is {@code values(batch)} (w·ℓ element by
 * element, from the {@code ElementLoss}) summed in double-double arithmetic, independently of the kernels. Each path
 * this JVM has is checked: scalar always, vector when the JVM has {@code jdk.incubator.vector} (the build runs this
 * class a second time with it, see the pom), and the path {@link Kernels#best()} picks. Options cover the defaults,
 * the tutorial's ({@code log_base: 2, epsilon_mode: scale, epsilon: 1e-5}), logits, γ of 0, ½, 1, 2 and 3.5, and
 * class weights of 0.
 *
 * <p>Tolerance: 1e-13·Σ|w·ℓ|. The kernels differ from the definition by their order of addition and, on the vector
 * path, by up to 10 ulp per element (one logarithm with the log1p correction for class 0, σ and softplus from one
 * exponential); what this test measures is nearer 1e-15.
 */
class KernelAgreementTests {
  private static final double TOLERANCE = 1e-13;
  private static final String TUTORIAL = "log_base=2 epsilon_mode=scale epsilon=1e-5";

  record Configuration(BinaryLossProvider provider, String options) {
    LossFunction create(String reduction, Kernels kernels) {
      Map<String, Object> parameters = new HashMap<>(Fixtures.configuration(options));
      parameters.put("reduction", reduction);
      return provider.create(Parameters.validate(provider.id(), provider.parameters(), parameters), kernels);
    }

    @Override
    public String toString() {
      return provider.id() + " " + options;
    }
  }

  static Stream<Configuration> configurations() {
    return Stream.of(
        new Configuration(new BinaryCrossEntropy.Provider(), ""),
        new Configuration(new BinaryCrossEntropy.Provider(), "positive_weight=2 negative_weight=0.5"),
        new Configuration(new BinaryCrossEntropy.Provider(), TUTORIAL),
        new Configuration(new BinaryCrossEntropy.Provider(), "from_logits=true"),
        new Configuration(new BinaryCrossEntropy.Provider(), "from_logits=true log_base=2 negative_weight=0"),
        new Configuration(new WeightedCrossEntropy.Provider(), "weight=3"),
        new Configuration(new WeightedCrossEntropy.Provider(), TUTORIAL),
        new Configuration(new BalancedCrossEntropy.Provider(), "beta=0.3"),
        new Configuration(new BalancedCrossEntropy.Provider(), "beta=0 epsilon=1e-3"),
        new Configuration(new FocalLoss.Provider(), ""),
        new Configuration(new FocalLoss.Provider(), TUTORIAL),
        new Configuration(new FocalLoss.Provider(), "gamma=0.5"),
        new Configuration(new FocalLoss.Provider(), "gamma=1 alpha=1"),
        new Configuration(new FocalLoss.Provider(), "gamma=3.5 alpha=0.6 epsilon_mode=scale"),
        new Configuration(new FocalLoss.Provider(), "from_logits=true"),
        new Configuration(new FocalLoss.Provider(), "from_logits=true gamma=0.5 log_base=2"),
        new Configuration(new Hinge.Provider(), ""),
        new Configuration(new Hinge.Provider(), "label_encoding=zero_one"),
        new Configuration(new SquaredHinge.Provider(), ""),
        new Configuration(new SquaredHinge.Provider(), "label_encoding=zero_one"));
  }

  /** Scalar, vector if this JVM has it, and the best. */
  static List<Kernels> paths() {
    List<Kernels> paths = new ArrayList<>(List.of(Kernels.scalar(), Kernels.best()));
    if (Kernels.vectorized()) {
      paths.add(Kernels.vector());
    }
    return paths;
  }

  @Test
  void theVectorPathIsChosenExactlyWhenTheJvmHasTheModule() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    assertThat(Kernels.vectorized()).isEqualTo(module);
    assertThat(Kernels.best().path()).startsWith(module ? "vector (" : "scalar (jdk.incubator.vector not enabled");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void theKernelsAgreeWithTheDefinition(Configuration configuration) {
    SplittableRandom random = new SplittableRandom(configuration.toString().hashCode());
    LossFunction definition = configuration.create("none", Kernels.scalar());
    for (int columns : new int[] {1, 3}) {
      int rows = 2 * (1 << 15) / columns + 13;
      double[][] data = inputs(definition, rows * columns, random);
      double[] weights = random.doubles(rows, 0, 2).map(w -> w < 0.1 ? 0 : w).toArray();
      List<Batch> batches = List.of(Batch.ofRows(data[0], columns, data[1], columns),
          Batch.ofRows(floats(data[0]), columns, floats(data[1]), columns),
          Batch.ofRows(data[0], columns, data[1], columns).withWeights(weights),
          Batch.ofRows(floats(data[0]), columns, floats(data[1]), columns).withWeights(weights));
      for (Batch batch : batches) {
        double[] terms = definition.values(batch);
        double exact = doubleDouble(terms);
        double magnitude = 0;
        for (double term : terms) {
          magnitude += Math.abs(term);
        }
        for (Kernels kernels : paths()) {
          double sum = configuration.create("sum", kernels).value(batch);
          assertThat(Math.abs(sum - exact)).as("%s on %s, %s", configuration, batch, kernels)
              .isLessThanOrEqualTo(TOLERANCE * magnitude);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void theValueIsTheSameOnEveryThreadCount(Configuration configuration) {
    SplittableRandom random = new SplittableRandom(11);
    int n = 3 * (1 << 15) + 5;
    double[][] data = inputs(configuration.create("none", Kernels.scalar()), n, random);
    Batch batch = Batch.of(floats(data[0]), floats(data[1])).withWeights(random.doubles(n, 0, 1).toArray());
    for (Kernels kernels : paths()) {
      LossFunction loss = configuration.create("mean", kernels);
      double oneThread = loss.value(batch);
      for (int threads : new int[] {2, 3, 8}) {
        assertThat(loss.value(batch.withThreads(threads))).as("%s, %d threads", kernels, threads)
            .isEqualTo(oneThread);
      }
    }
  }

  /** The limits the kernels leave to the definition: an infinite loss, a zero class weight on it, a NaN. */
  @Test
  void limitsAreTheDefinitionsOnEveryPath() {
    Configuration exact = new Configuration(new BinaryCrossEntropy.Provider(), "epsilon=0");
    Configuration positiveOnly = new Configuration(new BinaryCrossEntropy.Provider(), "epsilon=0 negative_weight=0");
    Configuration logits = new Configuration(new FocalLoss.Provider(), "from_logits=true");
    int n = 2 * (1 << 15);
    double[] half = new double[n];
    Arrays.fill(half, 0.5);
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    double[] certainlyWrong = half.clone();
    certainlyWrong[n - 1] = 1; // label 0, p = 1: −log 0 = +∞
    double[] infinite = new double[n];
    infinite[3] = Double.NEGATIVE_INFINITY;
    infinite[4] = Double.POSITIVE_INFINITY;
    for (Kernels kernels : paths()) {
      assertThat(exact.create("mean", kernels).value(Batch.of(certainlyWrong, new double[n]))).isInfinite();
      // Class 0 weighs nothing, so even its infinite loss costs 0 (where 0·∞ would be NaN).
      assertThat(positiveOnly.create("sum", kernels).value(Batch.of(certainlyWrong, new double[n]))).isZero();
      // Logits of ±∞ are exact limits: 0 when the label agrees, +∞ when it does not.
      double[] labels = ones.clone();
      labels[3] = 0;
      assertThat(logits.create("sum", kernels).value(Batch.of(infinite, labels)))
          .isCloseTo(logits.create("sum", Kernels.scalar()).value(Batch.of(infinite, labels)),
              offset(1e-9));
      labels[3] = 1;
      assertThat(logits.create("sum", kernels).value(Batch.of(infinite, labels))).isInfinite();
      double[] nan = half.clone();
      nan[n / 2 + 1] = Double.NaN;
      assertThat(exact.create("mean", kernels).value(Batch.of(nan, new double[n]).withNanPolicy(NanPolicy.PROPAGATE)))
          .isNaN();
    }
  }

  /** Random inputs the loss accepts: probabilities (some very near 0 or 1) or logits, labels 0/1 or ±1. */
  private static double[][] inputs(LossFunction loss, int n, SplittableRandom random) {
    double[] p = new double[n];
    double[] y = new double[n];
    boolean sign = loss.domains().labels() == LabelDomain.SIGN;
    PredictionDomain predictions = loss.domains().predictions();
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(20);
      if (predictions == PredictionDomain.PROBABILITY) {
        p[i] = kind == 0 ? Math.pow(10, random.nextDouble(-12, 0))
            : kind == 1 ? 1 - Math.pow(10, random.nextDouble(-12, 0)) : random.nextDouble();
      } else {
        p[i] = kind == 0 ? Math.pow(10, random.nextDouble(-8, 2.5)) * (random.nextBoolean() ? 1 : -1)
            : random.nextGaussian() * 3;
      }
      y[i] = random.nextBoolean() ? 1 : sign ? -1 : 0;
    }
    return new double[][] {p, y};
  }

  private static float[] floats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  /** Σ terms in double-double arithmetic (TwoSum), rounded once: error about n·2⁻¹⁰⁶ relative. */
  private static double doubleDouble(double[] terms) {
    double high = 0;
    double low = 0;
    for (double term : terms) {
      double sum = high + term;
      double virtual = sum - high;
      low += (high - (sum - virtual)) + (term - virtual);
      high = sum;
    }
    return high + low;
  }
}
