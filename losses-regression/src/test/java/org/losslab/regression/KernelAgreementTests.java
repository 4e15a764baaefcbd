package org.losslab.regression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.api.NanPolicy;
import org.losslab.api.Parameters;
import org.losslab.kernels.Kernels;

/**
 * Every loss of this module, evaluated through its fused kernel, against its own per-element definition: the
 * reference is {@code values(batch)} (w·ℓ element by element, from the {@code ElementLoss}) summed in double-double
 * arithmetic, independently of the kernels. Each path this JVM has is checked: scalar always, vector when the JVM
 * has {@code jdk.incubator.vector} (the build runs this class a second time with it, see the pom), and the path
 * {@link Kernels#best()} picks. Batches span several chunks (2¹⁵ elements each), in both precisions, one and three
 * columns, with and without weights (some 0).
 *
 * <p>Tolerance: 1e-13·Σ|w·ℓ|. The kernels differ from the definition by their order of addition (one accumulator
 * per chunk, or per lane, and chunks added pairwise) and, on the vector path, by up to 10 ulp per element for
 * log-cosh; what this test measures is nearer 1e-15.
 */
class KernelAgreementTests {
  private static final double TOLERANCE = 1e-13;

  record Configuration(RegressionProvider provider, Map<String, Object> parameters) {
    LossFunction create(String reduction, Kernels kernels) {
      Map<String, Object> withReduction = new java.util.HashMap<>(parameters);
      withReduction.put("reduction", reduction);
      return provider.create(Parameters.validate(provider.id(), provider.parameters(), withReduction), kernels);
    }

    @Override
    public String toString() {
      return provider.id() + parameters;
    }
  }

  static Stream<Configuration> configurations() {
    return Stream.of(
        new Configuration(new MeanSquaredError.Provider(), Map.of()),
        new Configuration(new MeanAbsoluteError.Provider(), Map.of()),
        new Configuration(new MeanBiasError.Provider(), Map.of()),
        new Configuration(new Huber.Provider(), Map.of()),
        new Configuration(new Huber.Provider(), Map.of("delta", 0.3)),
        new Configuration(new SmoothL1.Provider(), Map.of()),
        new Configuration(new SmoothL1.Provider(), Map.of("beta", 0.0)),
        new Configuration(new SmoothL1.Provider(), Map.of("beta", 2.5)),
        new Configuration(new LogCosh.Provider(), Map.of()));
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
    for (int columns : new int[] {1, 3}) {
      int rows = 2 * (1 << 15) / columns + 13;
      double[] predictions = new double[rows * columns];
      double[] labels = new double[rows * columns];
      for (int i = 0; i < predictions.length; i++) {
        double scale = random.nextInt(10) == 0 ? Math.pow(10, random.nextDouble(-6, 3)) : 2;
        predictions[i] = random.nextDouble(-1, 1) * scale;
        labels[i] = random.nextDouble(-1, 1);
      }
      double[] weights = random.doubles(rows, 0, 2).map(w -> w < 0.1 ? 0 : w).toArray();
      List<Batch> batches = List.of(Batch.ofRows(predictions, columns, labels, columns),
          Batch.ofRows(floats(predictions), columns, floats(labels), columns),
          Batch.ofRows(predictions, columns, labels, columns).withWeights(weights),
          Batch.ofRows(floats(predictions), columns, floats(labels), columns).withWeights(weights));
      for (Batch batch : batches) {
        double[] terms = configuration.create("none", Kernels.scalar()).values(batch);
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
    SplittableRandom random = new SplittableRandom(7);
    int n = 3 * (1 << 15) + 5;
    float[] predictions = new float[n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      predictions[i] = (float) random.nextGaussian();
      labels[i] = (float) random.nextGaussian();
    }
    Batch batch = Batch.of(predictions, labels).withWeights(random.doubles(n, 0, 1).toArray());
    for (Kernels kernels : paths()) {
      LossFunction loss = configuration.create("mean", kernels);
      double oneThread = loss.value(batch);
      for (int threads : new int[] {2, 3, 8}) {
        assertThat(loss.value(batch.withThreads(threads))).as("%s, %d threads", kernels, threads)
            .isEqualTo(oneThread);
      }
    }
  }

  @Test
  void aNanPropagatesThroughTheKernelPath() {
    double[] predictions = new double[3 * (1 << 15)];
    double[] labels = new double[predictions.length];
    predictions[70_000] = Double.NaN;
    Batch batch = Batch.of(predictions, labels).withNanPolicy(NanPolicy.PROPAGATE).withThreads(2);

    for (Kernels kernels : paths()) {
      for (Configuration configuration : configurations().toList()) {
        assertThat(configuration.create("mean", kernels).value(batch)).as("%s", configuration).isNaN();
      }
    }
  }

  @Test
  void anOverflowingLossIsInfiniteAsTheDefinitionSays() {
    Batch batch = Batch.of(new double[] {1e300, 0}, new double[] {-1e300, 0}).withWeights(new double[] {0, 1});

    for (Kernels kernels : paths()) {
      // The zero weight removes the infinite row, as the definition does.
      assertThat(new Configuration(new MeanSquaredError.Provider(), Map.of()).create("sum", kernels).value(batch))
          .isZero();
      assertThat(new Configuration(new MeanSquaredError.Provider(), Map.of()).create("sum", kernels)
          .value(Batch.of(new double[] {1e300}, new double[] {-1e300}))).isInfinite();
    }
  }

  private static float[] floats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  /** Σ terms in double-double arithmetic (TwoSum), rounded once: error about n·2⁻¹⁰⁶ relative. */
  static double doubleDouble(double[] terms) {
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
