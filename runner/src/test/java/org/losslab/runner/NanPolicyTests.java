package org.losslab.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code nan_policy}: raise (the default), omit, propagate; at the top of an experiment or per dataset. */
class NanPolicyTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path folder;

  private Cli run(String yaml, String... extra) throws IOException {
    Path file = Files.writeString(folder.resolve("nan.yaml"), yaml);
    String[] args = new String[2 + extra.length];
    args[0] = "run";
    args[1] = file.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    return Cli.run(args);
  }

  @Test
  void omitDropsTheRowsWithANaNAndSaysHowMany() throws IOException {
    Cli cli = run("""
        experiment: nan
        nan_policy: omit
        datasets:
          d:
            predictions: [1, .nan, 3, 4]
            labels: [1, 5, .nan, 6]
        losses:
          - loss: l1
        """, "--format", "json");

    assertThat(cli.exitCode()).isZero();
    JsonNode report = JSON.readTree(cli.out());
    // Rows 1 and 2 have a NaN; rows 0 and 3 remain: |1 - 1| and |4 - 6|.
    assertThat(report.get("results").get(0).get("value").asDouble()).isEqualTo((0 + 2) / 2.0);
    JsonNode dataset = report.get("provenance").get("datasets").get(0);
    assertThat(dataset.get("rows").asInt()).isEqualTo(4);
    assertThat(dataset.get("omitted").asInt()).isEqualTo(2);
    assertThat(dataset.get("nan_policy").asString()).isEqualTo("omit");
  }

  @Test
  void theTableSaysWhatWasOmitted() throws IOException {
    Cli cli = run("""
        experiment: nan
        datasets:
          d:
            predictions: [1, .nan, 3]
            labels: [1, 5, 4]
            weights: [1, 1, .nan]
            nan_policy: omit
        losses:
          - loss: mse
        """);
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("dataset d: 2 of 3 rows had a NaN and were omitted (nan_policy: omit)");
  }

  @Test
  void propagateLetsTheNaNThroughAsAValue() throws IOException {
    Cli cli = run("""
        experiment: nan
        datasets:
          d:
            predictions: [1, .nan]
            labels: [1, 5]
            nan_policy: propagate
          clean:
            predictions: [1, 2]
            labels: [1, 5]
        losses:
          - loss: l1
        """, "--format", "json");

    assertThat(cli.exitCode()).isZero();
    JsonNode results = JSON.readTree(cli.out()).get("results");
    assertThat(results.get(0).get("value").asString()).isEqualTo("NaN");
    assertThat(results.get(0).get("status").asString()).isEqualTo("computed");
    assertThat(results.get(1).get("value").asDouble()).isEqualTo(1.5);
  }

  @Test
  void theDatasetsPolicyWinsOverTheExperiments() throws IOException {
    Cli cli = run("""
        experiment: nan
        nan_policy: omit
        datasets:
          strict:
            predictions: [1, .nan]
            labels: [1, 5]
            nan_policy: raise
        losses:
          - loss: l1
        """);
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo(folder.resolve("nan.yaml") + ":5:5: datasets.strict: predictions row 1, "
        + "column 0 is NaN; data must be finite (or set nan_policy: omit or propagate)");
  }

  @Test
  void infinityIsAnErrorWhateverThePolicy() throws IOException {
    Cli cli = run("""
        experiment: nan
        nan_policy: omit
        datasets:
          d:
            predictions: [1, .inf]
            labels: [1, 5]
        losses:
          - loss: l1
        """);
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).endsWith("datasets.d: predictions row 1, column 0 is Infinity; data must be finite");
  }

  @Test
  void omittingEveryRowLeavesNothingAndIsAnError() throws IOException {
    Cli cli = run("""
        experiment: nan
        datasets:
          d:
            predictions: [.nan, 2]
            labels: [1, .nan]
            nan_policy: omit
        losses:
          - loss: l1
        """);
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).endsWith("datasets.d: every one of its 2 rows has a NaN, so nan_policy: omit leaves "
        + "nothing to evaluate");
  }

  @Test
  void anUnknownPolicyGetsASuggestion() throws IOException {
    Cli cli = run("""
        experiment: nan
        nan_policy: omitt
        datasets:
          d: {predictions: [1], labels: [1]}
        losses:
          - loss: l1
        """);
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo(folder.resolve("nan.yaml") + ":2:13: nan_policy: unknown nan_policy "
        + "\"omitt\"; did you mean omit? (policies: raise, omit, propagate)");
  }

  @Test
  void aNaNInACsvFileIsReportedAtItsLineUnderRaise() throws IOException {
    Files.writeString(folder.resolve("d.csv"), "p,y\n1,1\n2,nan\n");
    Cli cli = run("""
        experiment: nan
        datasets:
          d: {csv: d.csv, predictions: p, labels: y}
        losses:
          - loss: l1
        """);
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).startsWith(folder.resolve("d.csv") + ":3:2: datasets.d: column \"y\", row 1: NaN");
  }
}
