package org.losslab.runner.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.Batch;
import org.losslab.runner.data.Dataset;
import org.losslab.runner.data.DatasetSpec;
import org.losslab.runner.data.NpySource;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Any bytes as the {@code .npy} files of a dataset: {@link NpySource} returns a dataset whose predictions and labels
 * have as many rows, or throws an {@link ExperimentException} with at least one problem, each one line, within
 * {@link ReaderContract#TIME_BOUND}.
 *
 * <p>One input holds up to three files, split where the {@code \x93NUMPY} magic starts again: predictions, labels and
 * weights. An input with one magic is both the predictions and the labels, so that one valid file reaches the end
 * of {@link NpySource#read}; two files (say {@code <f4} predictions and {@code <i8} class labels) reach the
 * float32-or-float64 decision; three reach the weights.
 *
 * <p>Without {@code JAZZER_FUZZ} each method runs the inputs in
 * {@code src/test/resources/org/losslab/runner/fuzz/NpySourceFuzzTestsInputs/<method>/} as ordinary tests; with
 * {@code JAZZER_FUZZ=1} Jazzer mutates those of {@link #readsOrExplains} (see the README, "Fuzzing").
 */
class NpySourceFuzzTests {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final NpySource SOURCE = new NpySource();
  private static final Location AT = new Location("experiment.yaml", 4, 5);

  @TempDir
  static Path folder;

  @FuzzTest(maxDuration = "5m")
  @DictionaryEntries({
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", "'descr': ", "'<f4'", "'<f8'",
      "'<i4'", "'<i8'", "'>f8'", "'|u1'", "[('a', '<f8')]", "'fortran_order': ", "True", "False", "None",
      "'shape': ", "(", ")", ",)", "(3, 2)", "()", "9223372036854775807", "2147483647L", "\\'", "\"", "{", "}"
  })
  void readsOrExplains(byte[] input) throws IOException {
    readOrExplain(input);
  }

  /**
   * Inputs of up to a megabyte (a header of 100 000 brackets), kept out of the corpus that {@link #readsOrExplains} is
   * fuzzed from: libFuzzer would mutate inputs as long as the longest, at a fraction of the speed.
   */
  @FuzzTest
  void readsOrExplainsLargeInputs(byte[] input) throws IOException {
    readOrExplain(input);
  }

  private static void readOrExplain(byte[] input) throws IOException {
    List<byte[]> files = split(input);
    Path predictions = write("predictions.npy", files.get(0));
    Path labels = files.size() > 1 ? write("labels.npy", files.get(1)) : predictions;
    @Nullable Path weights = files.size() > 2 ? write("weights.npy", files.get(2)) : null;
    DatasetSpec.Npy spec = new DatasetSpec.Npy("fuzz", AT, predictions, labels, weights);
    try {
      Dataset dataset = ReaderContract.withinTimeBound(() -> SOURCE.read(spec));
      Batch batch = dataset.batch();
      assertThat(batch.labelShape()).startsWith("[" + batch.rows() + ", ");
      assertThat(batch.predictionColumns()).isPositive();
    } catch (ExperimentException e) {
      ReaderContract.check(e);
    }
  }

  private static Path write(String name, byte[] content) throws IOException {
    return Files.write(folder.resolve(name), content);
  }

  /** {@code input} cut before each magic after its first byte, into at most three files. */
  static List<byte[]> split(byte[] input) {
    List<byte[]> files = new ArrayList<>();
    int start = 0;
    for (int at = 1; at + MAGIC.length <= input.length && files.size() < 2; at++) {
      if (Arrays.equals(input, at, at + MAGIC.length, MAGIC, 0, MAGIC.length)) {
        files.add(Arrays.copyOfRange(input, start, at));
        start = at;
      }
    }
    files.add(Arrays.copyOfRange(input, start, input.length));
    return files;
  }
}
