package org.losslab.benchmarks;

import java.util.concurrent.TimeUnit;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.api.LossRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link LossFunction#value} of every built-in loss over a batch of {@code size} elements, in both precisions, on 1
 * and 2 threads.
 *
 * <p>The data is generated once per trial from a fixed seed, inside the loss's domains ({@link SyntheticData}), so
 * each call validates and reduces the whole batch as a user's call does. Defaults suit a 2-core machine (one fork,
 * short iterations); see the README's Speed section for a quick and a thorough command line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The forks run as the losslab launcher runs the CLI: the Vector API kernels, and huge pages on request.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector",
    "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LossBenchmark {
  static final long SEED = 42;

  /** Elements (rows × outputs): 10^6 and 10^7. */
  @Param({"1000000", "10000000"})
  public int size;

  @Param({"float32", "float64"})
  public String precision;

  @Param({"1", "2"})
  public int threads;

  @Param({"mse", "l1", "mbe", "huber", "smooth_l1", "log_cosh", "binary_cross_entropy", "weighted_cross_entropy",
      "balanced_cross_entropy", "focal", "categorical_cross_entropy", "hinge", "squared_hinge"})
  public String loss;

  private LossFunction function;
  private Batch batch;

  @Setup(Level.Trial)
  public void setUp() {
    LossSetups.Setup setup = LossSetups.BUILT_IN.get(loss);
    if (setup == null) {
      throw new IllegalArgumentException("loss \"" + loss + "\" has no benchmark set-up; known: "
          + LossSetups.BUILT_IN.keySet());
    }
    function = LossRegistry.load().create(setup.id(), setup.parameters());
    batch = SyntheticData.generate(setup.data(), size, SEED).batch(precision).withThreads(threads);
    function.validate(batch);
  }

  @Benchmark
  public double value() {
    return function.value(batch);
  }
}
