package org.losslab.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-bandwidth reference for {@link LossBenchmark}: a plain fused Σ (p[i] + y[i]) over two arrays of the same
 * size and precision ({@link TwoArraySum}), on 1 and 2 threads. It reports calls per second and, in the
 * {@code twoArraySum:bytes} row, bytes per second: elements × bytes per element × 2 arrays / time.
 */
@State(Scope.Benchmark)
// Throughput, in seconds: JMH reports an OPERATIONS counter as a rate only in this mode, so bytes come out as bytes/s.
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The forks run as the losslab launcher runs the CLI: the Vector API kernels, and huge pages on request.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector",
    "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TwoArraySumBenchmark {
  @Param({"1000000", "10000000"})
  public int size;

  @Param({"float32", "float64"})
  public String precision;

  @Param({"1", "2"})
  public int threads;

  private TwoArraySum.Range range;
  private long bytesPerCall;
  private ExecutorService pool;

  /** Bytes read, which JMH turns into a rate: the {@code twoArraySum:bytes} row, in bytes/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Traffic {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    var data = SyntheticData.generate(DataKind.REGRESSION, size, LossBenchmark.SEED).batch(precision);
    if (data.isFloat()) {
      float[] p = data.floatPredictions();
      float[] y = data.floatLabels();
      range = (from, to) -> TwoArraySum.sum(p, y, from, to);
      bytesPerCall = 2L * size * Float.BYTES;
    } else {
      double[] p = data.doublePredictions();
      double[] y = data.doubleLabels();
      range = (from, to) -> TwoArraySum.sum(p, y, from, to);
      bytesPerCall = 2L * size * Double.BYTES;
    }
    pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
      Thread thread = new Thread(runnable, "two-array-sum");
      thread.setDaemon(true);
      return thread;
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public double twoArraySum(Traffic traffic) {
    traffic.bytes += bytesPerCall;
    return TwoArraySum.sum(range, size, threads, pool);
  }
}
