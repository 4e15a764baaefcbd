package org.losslab.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losslab run --threads N}: each dataset is evaluated on N threads, and N never changes a value. */
class ThreadsOptionTests {

  /** Datasets of several chunks (2¹⁵ elements each), so that the threads share the work. */
  private static Path experiment(Path folder) throws IOException {
    return Files.writeString(folder.resolve("threads.yaml"), """
        experiment: threads
        datasets:
          regression: {generate: {kind: regression, rows: 200003, seed: 3, outlier_fraction: 0.01}}
          binary: {generate: {kind: binary, rows: 150001, seed: 4}}
          classes: {generate: {kind: multiclass, rows: 50001, seed: 5, classes: 3}}
        losses:
          - loss: mse
          - loss: huber
          - loss: log_cosh
          - loss: focal
          - loss: binary_cross_entropy
            params: {from_logits: false, log_base: "2"}
          - loss: categorical_cross_entropy
        """);
  }

  @Test
  void theReportIsBitwiseTheSameOnEveryThreadCount(@TempDir Path folder) throws IOException {
    Path experiment = experiment(folder);

    Cli one = Cli.run("run", experiment.toString(), "--format", "json", "--threads", "1");
    Cli two = Cli.run("run", experiment.toString(), "--format", "json", "--threads", "2");
    Cli seven = Cli.run("run", experiment.toString(), "--format", "json", "--threads", "7");
    Cli byDefault = Cli.run("run", experiment.toString(), "--format", "json");

    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(one.out()).contains("\"status\"");
    assertThat(two.out()).isEqualTo(one.out());
    assertThat(seven.out()).isEqualTo(one.out());
    assertThat(byDefault.out()).isEqualTo(one.out());
  }

  @Test
  void fewerThanOneThreadIsAnInvocationError(@TempDir Path folder) throws IOException {
    Cli cli = Cli.run("run", experiment(folder).toString(), "--threads", "0");

    assertThat(cli.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(cli.err()).contains("Invalid value for option '--threads': 0; expected a number of threads >= 1");
  }

  @Test
  void runHelpListsTheOption() {
    assertThat(Cli.run("run", "--help").out()).contains("--threads=N");
  }
}
