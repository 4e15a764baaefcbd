package org.losslab.runner.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossRegistry;
import org.losslab.api.Parameters;
import org.losslab.runner.data.CsvSource;
import org.losslab.runner.data.GeneratedSource;
import org.losslab.runner.data.InlineSource;
import org.losslab.runner.data.NpySource;
import org.losslab.runner.data.ReadOptions;
import org.losslab.runner.experiment.Experiment;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.ExperimentReader;
import org.losslab.runner.experiment.LossRun;

/**
 * The evaluator reads each dataset once, in chunks: the values must not depend on the chunk size (beyond the last
 * bits) nor on the thread count (at all), and every problem must name the dataset's row, not the chunk's.
 */
class StreamingTests {
  private static final LossRegistry REGISTRY = LossRegistry.load(StreamingTests.class.getClassLoader());
  private static final Evaluator EVALUATOR =
      new Evaluator(Set.of(new NpySource(), new InlineSource(), new CsvSource(), new GeneratedSource()));
  /** Past the 2^15-row kernel chunk, and not a multiple of anything. */
  private static final int ROWS = 100_003;

  @TempDir
  Path folder;

  @ParameterizedTest
  @ValueSource(ints = {1000, 1 << 15, 3 << 15})
  void chunkedValuesAreTheWholeBatchsValuesWithinRounding(int chunkElements) throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    double[] predictions = random.doubles(ROWS, -3, 3).toArray();
    double[] labels = random.doubles(ROWS, -3, 3).toArray();
    Experiment experiment = regression(predictions, labels, "");
    List<Result> whole = evaluate(experiment, 1 << 22, 1);
    List<Result> chunked = evaluate(experiment, chunkElements, 2);

    Batch batch = Batch.of(predictions, labels);
    for (int i = 0; i < whole.size(); i++) {
      Result result = whole.get(i);
      LossFunction loss = experiment.runs().get(i).function();
      // One chunk: bitwise the loss's own value of the whole batch.
      assertThat(result.value()).isEqualTo(loss.value(batch));
      assertThat(chunked.get(i).value()).isCloseTo(result.value(), within(1e-12 * Math.abs(result.value())));
    }
  }

  @Test
  void theValuesDoNotDependOnTheThreadCount() throws IOException {
    SplittableRandom random = new SplittableRandom(12);
    Experiment experiment = regression(random.doubles(ROWS, -3, 3).toArray(), random.doubles(ROWS, -3, 3).toArray(),
        "");
    List<Result> one = evaluate(experiment, 1 << 15, 1);
    for (int threads : new int[] {2, 3, 8}) {
      List<Result> many = evaluate(experiment, 1 << 15, threads);
      for (int i = 0; i < one.size(); i++) {
        assertThat(Double.doubleToRawLongBits(many.get(i).value()))
            .isEqualTo(Double.doubleToRawLongBits(one.get(i).value()));
      }
    }
  }

  @Test
  void aValueOutsideANamedLossesDomainInALateChunkNamesItsDatasetRow() throws IOException {
    double[] predictions = new SplittableRandom(13).doubles(ROWS, 0.01, 0.99).toArray();
    double[] labels = new double[ROWS];
    predictions[70_001] = 1.5;
    Experiment experiment = experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy}}
        losses:
          - loss: binary_cross_entropy
            datasets: [d]
        """, Map.of("p.npy", predictions, "y.npy", labels));
    assertThatThrownBy(() -> evaluate(experiment, 1000, 2))
        .isInstanceOfSatisfying(ExperimentException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(problem -> assertThat(problem.toString())
                .contains("does not accept dataset \"d\"", "predictions row 70001, column 0 is 1.5")));
  }

  @Test
  void theWarmUpOnAChunksFirstRowsLeavesTheirProblemsToTheEvaluation() throws IOException {
    // One chunk of 100,003 rows: the evaluator first calls each loss on its first 256 rows, where the bad value is.
    double[] predictions = new SplittableRandom(21).doubles(ROWS, 0.01, 0.99).toArray();
    double[] labels = new double[ROWS];
    predictions[7] = -0.5;
    Experiment experiment = experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy}}
        losses:
          - loss: binary_cross_entropy
            datasets: [d]
          - loss: focal
        """, Map.of("p.npy", predictions, "y.npy", labels));
    assertThatThrownBy(() -> evaluate(experiment, 1 << 22, 2))
        .isInstanceOfSatisfying(ExperimentException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(problem -> assertThat(problem.toString())
                .contains("does not accept dataset \"d\"", "predictions row 7, column 0 is -0.5")));
  }

  @Test
  void aLossUsedByDefaultIsSkippedByAValueInALateChunkAndTheOthersAreNot() throws IOException {
    double[] predictions = new SplittableRandom(14).doubles(ROWS, 0.01, 0.99).toArray();
    double[] labels = new double[ROWS];
    labels[99_999] = 0.5;
    Experiment experiment = experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy}}
        losses:
          - loss: hinge
            params: {label_encoding: zero_one}
          - loss: mse
        """, Map.of("p.npy", predictions, "y.npy", labels));
    List<Result> results = evaluate(experiment, 1000, 2);
    assertThat(results.get(0).status()).isEqualTo(Status.SKIPPED);
    assertThat(results.get(0).message()).contains("labels row 99999, column 0 is 0.5");
    assertThat(results.get(1).status()).isEqualTo(Status.COMPUTED);
    double sum = 0;
    for (int i = 0; i < ROWS; i++) {
      sum += (predictions[i] - labels[i]) * (predictions[i] - labels[i]);
    }
    assertThat(results.get(1).value()).isCloseTo(sum / ROWS, within(1e-12));
  }

  @Test
  void nanRowsAreOmittedChunkByChunkAndCounted() throws IOException {
    SplittableRandom random = new SplittableRandom(15);
    double[] predictions = random.doubles(ROWS, -1, 1).toArray();
    double[] labels = random.doubles(ROWS, -1, 1).toArray();
    // Every row of the second 1000-row chunk, and a scattering of others.
    for (int i = 1000; i < 2000; i++) {
      predictions[i] = Double.NaN;
    }
    for (int i = 5; i < ROWS; i += 997) {
      labels[i] = Double.NaN;
    }
    Experiment experiment = experiment("""
        nan_policy: omit
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy}}
        losses:
          - loss: l1
        """, Map.of("p.npy", predictions, "y.npy", labels));
    Evaluator.Evaluation evaluation = EVALUATOR.evaluate(experiment,
        new Evaluator.Options(new ReadOptions(1000, 2), true), Progress.silent());
    double sum = 0;
    long kept = 0;
    for (int i = 0; i < ROWS; i++) {
      if (!Double.isNaN(predictions[i]) && !Double.isNaN(labels[i])) {
        sum += Math.abs(predictions[i] - labels[i]);
        kept++;
      }
    }
    assertThat(evaluation.datasets().get(0).omitted()).isEqualTo(ROWS - kept);
    assertThat(evaluation.results().get(0).value()).isCloseTo(sum / kept, within(1e-12));
  }

  @Test
  void aChunkWhoseWeightsAreAllZeroIsFineWhenTheDatasetHasAPositiveOne() throws IOException {
    double[] predictions = new SplittableRandom(16).doubles(5000).toArray();
    double[] labels = new double[5000];
    double[] weights = new double[5000];
    weights[4999] = 2;
    weights[4000] = 1;
    Experiment experiment = experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy, weights: w.npy}}
        losses:
          - loss: l1
        """, Map.of("p.npy", predictions, "y.npy", labels, "w.npy", weights));
    List<Result> results = evaluate(experiment, 1000, 2);
    assertThat(results.get(0).value())
        .isCloseTo((2 * predictions[4999] + predictions[4000]) / 3, within(1e-15));

    weights[4999] = 0;
    weights[4000] = 0;
    Experiment zero = experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy, weights: w.npy}}
        losses:
          - loss: l1
        """, Map.of("p.npy", predictions, "y.npy", labels, "w.npy", weights));
    assertThatThrownBy(() -> evaluate(zero, 1000, 2)).hasMessageContaining("weights are all 0");
  }

  @Test
  void anInfinityInALateChunkNamesItsDatasetRow() throws IOException {
    double[] predictions = new double[ROWS];
    predictions[ROWS - 1] = Double.NEGATIVE_INFINITY;
    Experiment experiment = experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy}}
        losses:
          - loss: l1
        """, Map.of("p.npy", predictions, "y.npy", new double[ROWS]));
    assertThatThrownBy(() -> evaluate(experiment, 1000, 2))
        .hasMessageContaining("predictions row 100002, column 0 is -Infinity; data must be finite");
  }

  @Test
  void aNpyReaderReadsAheadAndClosingItMidFileStopsItsThread() throws IOException {
    double[] predictions = new SplittableRandom(19).doubles(ROWS).toArray();
    double[] labels = new SplittableRandom(20).doubles(ROWS).toArray();
    Files.write(folder.resolve("p.npy"), npy(predictions));
    Files.write(folder.resolve("y.npy"), npy(labels));
    var spec = new org.losslab.runner.data.DatasetSpec.Npy("d", org.losslab.runner.experiment.Location.of("e.yaml"),
        folder.resolve("p.npy"), folder.resolve("y.npy"), null);
    var reader = new NpySource().open(spec, new ReadOptions(1000, 2));
    long row = 0;
    for (int chunk = 0; chunk < 3; chunk++) {
      Batch batch = reader.next().batch();
      for (int i = 0; i < batch.rows(); i++, row++) {
        assertThat(batch.prediction(i)).isEqualTo(predictions[(int) row]);
        assertThat(batch.label(i)).isEqualTo(labels[(int) row]);
      }
    }
    assertThat(readerThreads()).as("the read-ahead thread and the label reader").isEqualTo(2);
    reader.close();
    assertThat(readerThreads()).isZero();
  }

  private static long readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("losslab-npy-") && thread.isAlive()).count();
  }

  @Test
  void aDatasetWithNoRowsIsAnError() throws IOException {
    Experiment experiment = experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy}}
        losses:
          - loss: l1
        """, Map.of("p.npy", new double[0], "y.npy", new double[0]));
    assertThatThrownBy(() -> evaluate(experiment, 1000, 2)).hasMessageContaining("the dataset has no rows");
  }

  @Test
  void aLossWithoutPartialSumsSeesTheWholeDataset() throws IOException {
    SplittableRandom random = new SplittableRandom(17);
    double[] predictions = random.doubles(ROWS).toArray();
    double[] labels = random.doubles(ROWS).toArray();
    Experiment read = regression(predictions, labels, "");
    LossRun l1 = read.runs().get(0);
    // A plugin built before partial sums existed: partial() is the interface's default, which throws.
    LossFunction whole = new WholeOnly(l1.function());
    Experiment experiment = new Experiment(read.name(), read.description(), read.tolerance(), read.file(),
        read.datasets(), List.of(new LossRun("old-plugin", l1.provider(), whole, l1.datasets(), Map.of(),
            l1.location(), l1.path())), Map.of());
    List<Result> results = evaluate(experiment, 1000, 2);
    assertThat(results.get(0).status()).isEqualTo(Status.COMPUTED);
    assertThat(results.get(0).value()).isEqualTo(l1.function().value(Batch.of(predictions, labels)));
  }

  @Test
  void progressIsReportedPerTenthOfADatasetAwayFromATerminal() throws IOException {
    SplittableRandom random = new SplittableRandom(18);
    Experiment experiment = regression(random.doubles(ROWS).toArray(), random.doubles(ROWS).toArray(), "");
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err)) {
      @Override
      boolean speak() {
        return true;
      }
    };
    EVALUATOR.evaluate(experiment, new Evaluator.Options(new ReadOptions(1000, 1), false), progress);
    assertThat(err.toString().lines().toList())
        .startsWith("reading d: 0 %", "reading d: 10 %")
        .contains("reading d: 50 %", "reading d: 100 %");
  }

  private List<Result> evaluate(Experiment experiment, int chunkElements, int threads) {
    return EVALUATOR.evaluate(experiment, new Evaluator.Options(new ReadOptions(chunkElements, threads), false),
        Progress.silent()).results();
  }

  private Experiment regression(double[] predictions, double[] labels, String extra) throws IOException {
    return experiment("""
        datasets:
          d: {npy: {predictions: p.npy, labels: y.npy}}
        losses:
          - loss: l1
          - loss: mse
            params: {reduction: sum}
          - loss: huber
            params: {delta: 0.5}
          - loss: log_cosh
          - loss: mbe
        """ + extra, Map.of("p.npy", predictions, "y.npy", labels));
  }

  private Experiment experiment(String body, Map<String, double[]> files) throws IOException {
    for (Map.Entry<String, double[]> file : files.entrySet()) {
      Files.write(folder.resolve(file.getKey()), npy(file.getValue()));
    }
    Path yaml = Files.writeString(folder.resolve("e.yaml"), "experiment: streaming\n" + body);
    return new ExperimentReader(REGISTRY).read(yaml, yaml.toString());
  }

  /** A 1-D little-endian float64 .npy file, version 1.0. */
  private static byte[] npy(double[] values) {
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + values.length + ",), }";
    int length = (10 + header.length() + 1 + 63) / 64 * 64 - 10;
    ByteBuffer file = ByteBuffer.allocate(10 + length + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) length);
    file.put(header.getBytes(StandardCharsets.US_ASCII));
    file.put(" ".repeat(length - header.length() - 1).getBytes(StandardCharsets.US_ASCII)).put((byte) '\n');
    for (double value : values) {
      file.putDouble(value);
    }
    return file.array();
  }

  /** A loss that only evaluates whole batches. */
  private record WholeOnly(LossFunction loss) implements LossFunction {
    @Override
    public String name() {
      return loss.name();
    }

    @Override
    public Parameters parameters() {
      return loss.parameters();
    }

    @Override
    public Domains domains() {
      return loss.domains();
    }

    @Override
    public void validate(Batch batch) {
      loss.validate(batch);
    }

    @Override
    public double value(Batch batch) {
      return loss.value(batch);
    }

    @Override
    public double[] values(Batch batch) {
      return loss.values(batch);
    }

    @Override
    public double[] gradient(Batch batch) {
      return loss.gradient(batch);
    }

    @Override
    public double[] firstDerivatives(Batch batch) {
      return loss.firstDerivatives(batch);
    }

    @Override
    public double[] secondDerivatives(Batch batch) {
      return loss.secondDerivatives(batch);
    }
  }
}
