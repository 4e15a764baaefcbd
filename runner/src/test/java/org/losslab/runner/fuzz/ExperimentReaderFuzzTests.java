package org.losslab.runner.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.LossRegistry;
import org.losslab.runner.experiment.Experiment;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.ExperimentReader;

/**
 * Any bytes as an experiment file: {@link ExperimentReader} returns an experiment or throws an
 * {@link ExperimentException} with at least one problem, each one line, within {@link ReaderContract#TIME_BOUND}.
 *
 * <p>Without {@code JAZZER_FUZZ} each method runs the inputs in
 * {@code src/test/resources/org/losslab/runner/fuzz/ExperimentReaderFuzzTestsInputs/<method>/} as ordinary tests;
 * with {@code JAZZER_FUZZ=1} Jazzer mutates those of {@link #readsOrExplains} (see the README, "Fuzzing").
 */
class ExperimentReaderFuzzTests {
  private static final ExperimentReader READER = new ExperimentReader(LossRegistry.load());

  @TempDir
  static Path folder;

  // No line breaks in dictionary entries: Jazzer 0.30.0 writes them unescaped, and libFuzzer refuses the dictionary.
  @FuzzTest(maxDuration = "5m")
  @DictionaryEntries({
      "experiment: ", "description: ", "tolerance: ", "nan_policy: ", "omit", "propagate", "datasets:", "losses:",
      "  - loss: ", "name: ", "params: {", "sweep: {", "expect: {", "predictions: [", "labels: [", "weights: [",
      "dtype: float32", "csv: ", "npy: {", "generate: {", "kind: regression", "kind: multiclass", "rows: ", "seed: ",
      "outlier_fraction: ", "class_balance: ", "classes: ", "reduction: none", "reduction: sum", "mse", "huber",
      "delta", "log_cosh", "focal", "gamma", "&a ", "*a", "<<: ", "!!int ", "!!float ", "!!str ", "!!binary ",
      "? ", "--- ", "...", "%YAML 1.2", "%TAG ", "|-", ">+", "\"\\u2028\"", "\"\\0\"", ".inf", ".nan", "0x",
      "0o", "1e400", "\uFEFF"
  })
  void readsOrExplains(byte[] yaml) throws IOException {
    readOrExplain(yaml);
  }

  /**
   * Inputs of up to a megabyte or a second each (a million-digit number, a billion laughs), kept out of the corpus
   * that {@link #readsOrExplains} is fuzzed from: libFuzzer would mutate inputs as long as the longest, at a
   * hundredth of the speed.
   */
  @FuzzTest
  void readsOrExplainsLargeInputs(byte[] yaml) throws IOException {
    readOrExplain(yaml);
  }

  private static void readOrExplain(byte[] yaml) throws IOException {
    Path file = folder.resolve("experiment.yaml");
    Files.write(file, yaml);
    try {
      Experiment experiment = ReaderContract.withinTimeBound(() -> READER.read(file, "experiment.yaml"));
      // Without a problem there is something to evaluate: "no datasets" and "no losses" are problems.
      assertThat(experiment.datasets()).isNotEmpty();
      assertThat(experiment.runs()).isNotEmpty();
      assertThat(experiment.tolerance()).isStrictlyBetween(0.0, 1.0);
    } catch (ExperimentException e) {
      ReaderContract.check(e);
    }
  }


}
