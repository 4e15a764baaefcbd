package org.losslab.runner.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.Batch;
import org.losslab.runner.data.CsvSource;
import org.losslab.runner.data.Dataset;
import org.losslab.runner.data.DatasetSpec;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Any bytes as a CSV file whose columns {@code p} (predictions) and {@code y} (labels) an experiment names:
 * {@link CsvSource} returns a dataset of one prediction and one label per row, or throws an
 * {@link ExperimentException} with at least one problem, each one line, within {@link ReaderContract#TIME_BOUND}.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in
 * {@code src/test/resources/org/losslab/runner/fuzz/CsvSourceFuzzTestsInputs/readsOrExplains/} as ordinary tests;
 * with {@code JAZZER_FUZZ=1} Jazzer mutates them (see the README, "Fuzzing").
 */
class CsvSourceFuzzTests {
  private static final CsvSource SOURCE = new CsvSource();
  private static final Location AT = new Location("experiment.yaml", 4, 5);

  @TempDir
  static Path folder;

  // No line breaks in dictionary entries: Jazzer 0.30.0 writes them unescaped, and libFuzzer refuses the dictionary.
  @FuzzTest(maxDuration = "5m")
  @DictionaryEntries({
      "p,y", "y,p", "\"p\"", "\"\"", "\uFEFF", "\u2028", "NaN", "-inf", "Infinity", "1e308",
      "0x1p3", "1_000", "2f", "4.9e-324"
  })
  void readsOrExplains(byte[] csv) throws IOException {
    Path file = folder.resolve("data.csv");
    Files.write(file, csv);
    DatasetSpec.Csv spec = new DatasetSpec.Csv("fuzz", AT, file, AT, List.of("p"), List.of("y"), null, AT);
    try {
      Dataset dataset = ReaderContract.withinTimeBound(() -> SOURCE.read(spec));
      Batch batch = dataset.batch();
      // "no data rows after the header" is a problem; a row never has more or fewer values than the header.
      assertThat(batch.rows()).isPositive();
      assertThat(batch.predictionShape()).isEqualTo("[" + batch.rows() + ", 1]");
      assertThat(batch.labelShape()).isEqualTo("[" + batch.rows() + ", 1]");
    } catch (ExperimentException e) {
      ReaderContract.check(e);
    }
  }
}
