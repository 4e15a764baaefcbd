package org.losslab.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The examples run through the CLI in-process, their results checked against values computed here from the data
 * (the tutorial's printed outputs for the document table).
 */
class ExamplesTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode runJson(String example) {
    Cli cli = Cli.run("run", Cli.example(example), "--format", "json");
    assertThat(cli.err()).isEmpty();
    assertThat(cli.exitCode()).isZero();
    return JSON.readTree(cli.out());
  }

  private static Map<String, JsonNode> byNameAndDataset(JsonNode report) {
    Map<String, JsonNode> results = new LinkedHashMap<>();
    for (JsonNode result : report.get("results")) {
      results.put(result.get("name").asString() + " @ " + result.get("dataset").asString(), result);
    }
    return results;
  }

  @Test
  void documentTableReproducesTheTutorialsEightPrintedOutputs() {
    JsonNode report = runJson("document-table.yaml");
    Map<String, JsonNode> results = byNameAndDataset(report);
    // The tutorial's printed outputs (../shared/seed, its NumPy code run on float32 arrays).
    Map<String, Double> printed = new LinkedHashMap<>();
    printed.put("l1 (tutorial) @ l1-example", 1.3333334);
    printed.put("mbe (tutorial) @ mbe-example", 0.0);
    printed.put("huber delta=2 (tutorial) @ huber-example", 2.0);
    printed.put("log_cosh sum (tutorial) @ huber-example", 3.6343312);
    printed.put("wce w=1 (tutorial) @ ce-example", 0.10134452);
    printed.put("balanced ce beta=0.5 (tutorial code) @ ce-example", 0.03800292);
    printed.put("focal a=0.25 g=2 (tutorial) @ ce-example", 0.0005067004);
    printed.put("hinge (tutorial) @ hinge-example", 0.4);
    printed.forEach((key, value) -> {
      JsonNode result = results.get(key);
      assertThat(result).as(key).isNotNull();
      assertThat(result.get("status").asString()).as(key).isEqualTo("pass");
      assertThat(result.get("value").asDouble()).as(key).isCloseTo(value, within(Math.max(1e-6 * value, 1e-7)));
    });
    assertThat(report.get("summary").get("pass").asInt()).isEqualTo(results.size());
    assertThat(report.get("summary").get("fail").asInt()).isZero();
  }

  @Test
  void documentTableKeepsTheTextbookBalancedCrossEntropyApartFromTheTutorialsCode() {
    Map<String, JsonNode> results = byNameAndDataset(runJson("document-table.yaml"));
    double tutorial = results.get("balanced ce beta=0.5 (tutorial code) @ ce-example").get("value").asDouble();
    double textbook = results.get("balanced ce beta=0.5 (textbook formula) @ ce-example").get("value").asDouble();
    // The formula with beta = 0.5 halves both terms of the natural-log cross entropy (p = 0.9, 0.1, 1 as float32).
    double p0 = (float) 0.9;
    double p1 = (float) 0.1;
    double expected = (-0.5 * Math.log(p0) - 0.5 * Math.log(1 - p1) - 0.5 * Math.log(1 - 1e-7)) / 3;
    assertThat(textbook).isCloseTo(expected, within(1e-15));
    assertThat(tutorial).isNotCloseTo(textbook, within(1e-3));
  }

  @Test
  void documentTableTableReportShowsTheEightPasses() {
    Cli cli = Cli.run("run", Cli.example("document-table.yaml"));
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out().lines().filter(line -> line.contains("(tutorial") && line.endsWith("pass"))).hasSize(8);
    assertThat(cli.out()).contains("12 passed, 0 failed, 0 errors, 0 skipped, 0 computed");
  }

  @Test
  void outlierRobustnessShowsMseBlowingUpWhileTheRobustLossesDoNot() {
    JsonNode report = runJson("outlier-robustness.yaml");
    Map<String, JsonNode> results = byNameAndDataset(report);
    double[] predictions = {1.25, 1.45, 1.15, 1.30, 1.35, 1.55, 1.20, 1.50, 1.30, 1.15};
    double[] clean = {1.20, 1.50, 1.10, 1.30, 1.40, 1.60, 1.20, 1.50, 1.30, 1.10};
    double[] typo = clean.clone();
    typo[7] = 15;
    assertThat(value(results, "mse @ with-outlier")).isCloseTo(mean(predictions, typo, r -> r * r), within(1e-12));
    assertThat(value(results, "l1 @ with-outlier")).isCloseTo(mean(predictions, typo, Math::abs), within(1e-12));
    assertThat(value(results, "huber(delta=1) @ with-outlier"))
        .isCloseTo(mean(predictions, typo, r -> Math.abs(r) <= 1 ? r * r / 2 : Math.abs(r) - 0.5), within(1e-12));
    assertThat(value(results, "log_cosh @ clean"))
        .isCloseTo(mean(predictions, clean, r -> Math.log(Math.cosh(r))), within(1e-15));
    // One typo multiplies MSE by four orders of magnitude, L1 by less than two.
    double mseGrowth = value(results, "mse @ with-outlier") / value(results, "mse @ clean");
    double l1Growth = value(results, "l1 @ with-outlier") / value(results, "l1 @ clean");
    assertThat(mseGrowth).isGreaterThan(10_000);
    assertThat(l1Growth).isLessThan(100);
    // The comparison view: ratios to MSE, the first loss listed.
    JsonNode comparison = report.get("comparison").get("with-outlier");
    assertThat(comparison.get(0).get("name").asString()).isEqualTo("mse");
    assertThat(comparison.get(0).get("ratio").asDouble()).isEqualTo(1.0);
    assertThat(comparison.get(1).get("ratio").asDouble())
        .isCloseTo(value(results, "l1 @ with-outlier") / value(results, "mse @ with-outlier"), within(1e-15));
    assertThat(report.get("summary").get("computed").asInt()).isEqualTo(14);
  }

  @Test
  void classImbalanceReadsTheCsvAndWeighsTheDogs() throws IOException {
    Map<String, JsonNode> results = byNameAndDataset(runJson("class-imbalance.yaml"));
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Cli.ROOT.resolve("examples/data/cats-dogs.csv")).subList(1, 101)) {
      String[] cells = line.split(",");
      rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1])});
    }
    assertThat(rows.stream().filter(row -> row[1] == 1)).hasSize(20);
    double bce = 0;
    double wce4 = 0;
    double focal2 = 0;
    for (double[] row : rows) {
      double p = row[0];
      double y = row[1];
      bce += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
      wce4 += -(4 * y * Math.log(p) + (1 - y) * Math.log(1 - p));
      focal2 += -(0.25 * Math.pow(1 - p, 2) * y * Math.log(p) + 0.75 * Math.pow(p, 2) * (1 - y) * Math.log(1 - p));
    }
    assertThat(value(results, "cross entropy @ cats-dogs")).isCloseTo(bce / 100, within(1e-14));
    assertThat(value(results, "weighted_cross_entropy(weight=4) @ cats-dogs")).isCloseTo(wce4 / 100, within(1e-14));
    assertThat(value(results, "focal(gamma=2) @ cats-dogs")).isCloseTo(focal2 / 100, within(1e-14));
    assertThat(results).containsKeys("weighted_cross_entropy(weight=2) @ cats-dogs",
        "balanced_cross_entropy(beta=0.8) @ cats-dogs", "focal(gamma=0) @ cats-dogs", "focal(gamma=5) @ cats-dogs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"document-table.yaml", "outlier-robustness.yaml", "class-imbalance.yaml"})
  void everyExampleValidatesAndRendersInEveryFormat(String example) {
    Cli validate = Cli.run("validate", Cli.example(example));
    assertThat(validate.exitCode()).isZero();
    assertThat(validate.out()).contains("valid");
    Cli markdown = Cli.run("run", Cli.example(example), "--format", "markdown");
    assertThat(markdown.exitCode()).isZero();
    assertThat(markdown.out()).contains("| name |");
    Cli csv = Cli.run("run", Cli.example(example), "--format", "csv");
    assertThat(csv.exitCode()).isZero();
    assertThat(csv.out().lines().findFirst())
        .contains("name,loss,params,dataset,value,expected,difference,status,message");
  }

  @Test
  void jsonReportHasTheStableShapeWithEveryParameter() {
    JsonNode report = runJson("document-table.yaml");
    assertThat(report.propertyNames()).containsSubsequence("experiment", "results", "summary");
    assertThat(report.get("experiment").asString()).isEqualTo("document-table");
    JsonNode l1 = report.get("results").get(0);
    assertThat(l1.propertyNames()).containsSubsequence("name", "loss", "params", "dataset", "value", "expected",
        "status");
    assertThat(l1.get("loss").asString()).isEqualTo("l1");
    assertThat(l1.get("params").get("reduction").asString()).isEqualTo("mean");
    JsonNode wce = report.get("results").get(5);
    assertThat(wce.get("params").propertyNames())
        .containsExactly("weight", "from_logits", "epsilon", "epsilon_mode", "log_base", "reduction");
    assertThat(report.get("summary").propertyNames()).contains("pass", "fail", "error", "skipped");
  }

  @Test
  void outputFileIsWrittenAndSummarised(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
    Path target = folder.resolve("report.json");
    Cli cli = Cli.run("run", Cli.example("document-table.yaml"), "--format", "json", "--output", target.toString());
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("12 passed").contains(target.toString());
    assertThat(JSON.readTree(Files.readString(target)).get("results")).hasSize(12);
  }

  private static double value(Map<String, JsonNode> results, String key) {
    assertThat(results).containsKey(key);
    return results.get(key).get("value").asDouble();
  }

  private static double mean(double[] predictions, double[] labels, java.util.function.DoubleUnaryOperator loss) {
    double sum = 0;
    for (int i = 0; i < predictions.length; i++) {
      sum += loss.applyAsDouble(predictions[i] - labels[i]);
    }
    return sum / predictions.length;
  }
}
