package org.losslab.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleSupplier;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.api.LossRegistry;

/**
 * Times {@link LossFunction#value} of the tutorial's losses on the float32 {@code .npy} files that
 * {@code bench/generate.py} wrote, the same files the NumPy reference ({@code bench/numpy_inmemory.py}) times, and
 * the two-array sum on 1 and 2 threads as the bandwidth reference. One JSON object per line on stdout.
 *
 * <p>Simpler than JMH for this comparison, and fairer: both sides load the same arrays once, warm up, and report the
 * median of k calls. {@code bench/run.sh} runs one loss per JVM ({@code --only}), as JMH forks: otherwise the
 * losses measured first leave the shared element loop compiled for them (profile pollution) and the later ones pay.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.losslab.benchmarks.InMemoryHarness \
 *       --data DIR [--threads 2] [--warmup 5] [--repeats 10] [--only l1_loss,two_array_sum]
 * </pre>
 */
public final class InMemoryHarness {
  private static final String TWO_ARRAY_SUM = "two_array_sum";
  private static final Map<DataKind, String> FILE_PREFIX =
      new EnumMap<>(Map.of(DataKind.REGRESSION, "regression", DataKind.BINARY, "binary", DataKind.SIGN, "sign"));

  private InMemoryHarness() {}

  public static void main(String[] args) {
    Path data = null;
    int threads = 2;
    int warmup = 5;
    int repeats = 10;
    Set<String> only = Set.of();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--data" -> data = Path.of(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--repeats" -> repeats = Integer.parseInt(value);
        case "--only" -> only = Set.of(value.split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; expected --data DIR, --threads N, --warmup N, --repeats N, --only NAME[,NAME...]");
      }
      i++;
    }
    if (data == null || !Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data " + data + " must name the directory bench/generate.py wrote");
    }
    List<String> known = new ArrayList<>();
    LossSetups.TUTORIAL.forEach(setup -> known.add(setup.name()));
    known.add(TWO_ARRAY_SUM);
    Set<String> selected = only.isEmpty() ? Set.copyOf(known) : only;
    if (!known.containsAll(selected)) {
      throw new IllegalArgumentException("--only " + String.join(",", only) + ": expected names among " + known);
    }
    Map<DataKind, Batch> batches = new EnumMap<>(DataKind.class);
    for (Map.Entry<DataKind, String> kind : FILE_PREFIX.entrySet()) {
      boolean used = LossSetups.TUTORIAL.stream()
          .anyMatch(s -> s.data() == kind.getKey() && selected.contains(s.name()))
          || kind.getKey() == DataKind.REGRESSION && selected.contains(TWO_ARRAY_SUM);
      if (used) {
        batches.put(kind.getKey(), Batch.of(NpyFile.readFloats(data.resolve(kind.getValue() + "-predictions.npy")),
            NpyFile.readFloats(data.resolve(kind.getValue() + "-labels.npy"))));
      }
    }
    LossRegistry registry = LossRegistry.load();
    for (LossSetups.Setup setup : LossSetups.TUTORIAL) {
      if (!selected.contains(setup.name())) {
        continue;
      }
      LossFunction loss = registry.create(setup.id(), setup.parameters());
      Batch batch = batches.get(setup.data()).withThreads(threads);
      double[] value = new double[1];
      double ms = medianMillis(() -> value[0] = loss.value(batch), warmup, repeats);
      print(setup.name(), setup.id(), threads, batch.rows(), ms, value[0]);
    }
    if (!selected.contains(TWO_ARRAY_SUM)) {
      return;
    }
    Batch regression = batches.get(DataKind.REGRESSION);
    float[] p = regression.floatPredictions();
    float[] y = regression.floatLabels();
    TwoArraySum.Range range = (from, to) -> TwoArraySum.sum(p, y, from, to);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Integer> counts = threads > 1 ? List.of(1, threads) : List.of(1);
      for (int count : counts) {
        double[] value = new double[1];
        double ms = medianMillis(() -> value[0] = TwoArraySum.sum(range, p.length, count, pool), warmup, repeats);
        print(TWO_ARRAY_SUM, TWO_ARRAY_SUM, count, p.length, ms, value[0]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static double medianMillis(DoubleSupplier call, int warmup, int repeats) {
    double sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += call.getAsDouble();
    }
    double[] millis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      sink += call.getAsDouble();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    if (Double.isNaN(sink)) {
      System.err.println("InMemoryHarness: a value was NaN");
    }
    Arrays.sort(millis);
    return repeats % 2 == 1 ? millis[repeats / 2] : (millis[repeats / 2 - 1] + millis[repeats / 2]) / 2;
  }

  private static void print(String name, String id, int threads, int elements, double ms, double value) {
    List<String> fields = new ArrayList<>();
    fields.add("\"name\": \"" + name + "\"");
    fields.add("\"id\": \"" + id + "\"");
    fields.add("\"threads\": " + threads);
    fields.add("\"elements\": " + elements);
    fields.add(String.format(Locale.ROOT, "\"ms\": %.4f", ms));
    fields.add("\"value\": " + (Double.isFinite(value) ? Double.toString(value) : "null"));
    System.out.println("{" + String.join(", ", fields) + "}");
  }
}
