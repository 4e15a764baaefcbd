package org.losslab.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.LossRegistry;
import org.losslab.runner.data.DatasetSpec;
import org.losslab.runner.experiment.LossRun.DatasetReference;

/**
 * {@link ExperimentReader} with the built-in losses: what each part of an experiment becomes, and what it refuses.
 * The file is always read as {@code experiment.yaml}; lines and columns were counted by hand in the YAML text.
 */
class ExperimentReaderTests {
  private static final LossRegistry REGISTRY = LossRegistry.load();
  private static final String FILE = "experiment.yaml";

  /** Lines 1 to 6: one regression dataset; the loss entries follow from line 7. */
  private static final String REGRESSION = """
      experiment: reading
      datasets:
        regression:
          predictions: [1, 2, 3]
          labels: [1, 3, 6]
      losses:
      """;

  @TempDir
  Path folder;

  private final ExperimentReader reader = new ExperimentReader(REGISTRY);

  // --- datasets: each kind into its record ---

  @Test
  void inlineFlatListIsNRowsOfOne() throws IOException {
    DatasetSpec spec = onlyDataset("""
          flat:
            predictions: [1, 2.5, -3]
            labels: [1, 3, 6]
        """);

    assertThat(spec).isInstanceOf(DatasetSpec.Inline.class);
    DatasetSpec.Inline inline = (DatasetSpec.Inline) spec;
    assertThat(inline.name()).isEqualTo("flat");
    assertThat(inline.path()).isEqualTo("datasets.flat");
    assertThat(inline.location()).isEqualTo(new Location(FILE, 4, 5));
    assertThat(inline.predictions()).isDeepEqualTo(new double[][] {{1}, {2.5}, {-3}});
    assertThat(inline.labels()).isDeepEqualTo(new double[][] {{1}, {3}, {6}});
    assertThat(inline.weights()).isNull();
    assertThat(inline.float32()).isFalse();
  }

  @Test
  void inlineNestedListIsNRowsOfMWithWeights() throws IOException {
    DatasetSpec.Inline inline = (DatasetSpec.Inline) onlyDataset("""
          two-classes:
            predictions: [[0.1, 0.9], [0.8, 0.2], [0.5, 0.5]]
            labels: [[0, 1], [1, 0], [1, 0]]
            weights: [1, 2.5, 0]
        """);

    assertThat(inline.predictions()).isDeepEqualTo(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.5, 0.5}});
    assertThat(inline.labels()).isDeepEqualTo(new double[][] {{0, 1}, {1, 0}, {1, 0}});
    assertThat(inline.weights()).containsExactly(1, 2.5, 0);
  }

  @Test
  void inlineDtype() throws IOException {
    DatasetSpec.Inline single = (DatasetSpec.Inline) onlyDataset("""
          single:
            predictions: [0.1, 0.2]
            labels: [0, 1]
            dtype: float32
        """);
    DatasetSpec.Inline precise = (DatasetSpec.Inline) onlyDataset("""
          precise:
            predictions: [0.1, 0.2]
            labels: [0, 1]
            dtype: float64
        """);

    assertThat(single.float32()).isTrue();
    // the values stay as written: rounding to float happens when the data is read
    assertThat(single.predictions()).isDeepEqualTo(new double[][] {{0.1}, {0.2}});
    assertThat(precise.float32()).isFalse();
    assertThat(problems(datasetExperiment("""
          half:
            predictions: [0.1, 0.2]
            labels: [0, 1]
            dtype: float16
        """))).containsExactly("experiment.yaml:6:12: datasets.half.dtype: unknown dtype \"float16\"; "
        + "did you mean float32 or float64? (dtypes: float64, float32)");
  }

  @Test
  void csvWithAListOfPredictionColumns() throws IOException {
    DatasetSpec spec = onlyDataset("""
          from-csv:
            csv: data/preds.csv
            predictions: [p_cat, p_dog]
            labels: label
            weights: w
        """);

    // paths resolve against the experiment's folder; the data itself is not read yet
    assertThat(spec).isEqualTo(new DatasetSpec.Csv("from-csv", new Location(FILE, 4, 5),
        folder.resolve("data/preds.csv"), new Location(FILE, 4, 10), List.of("p_cat", "p_dog"), List.of("label"),
        "w", Map.of("predictions", new Location(FILE, 5, 18), "labels", new Location(FILE, 6, 13),
            "weights", new Location(FILE, 7, 14))));
  }

  @Test
  void csvWithOneColumnEachAndNoWeights() throws IOException {
    DatasetSpec.Csv csv = (DatasetSpec.Csv) onlyDataset("""
          from-csv:
            csv: preds.csv
            predictions: pred
            labels: [y]
        """);

    assertThat(csv.file()).isEqualTo(folder.resolve("preds.csv"));
    assertThat(csv.predictionColumns()).containsExactly("pred");
    assertThat(csv.labelColumns()).containsExactly("y");
    assertThat(csv.weightColumn()).isNull();
  }

  @Test
  void npy() throws IOException {
    DatasetSpec withWeights = onlyDataset("""
          arrays:
            npy: {predictions: data/p.npy, labels: data/y.npy, weights: data/w.npy}
        """);
    DatasetSpec withoutWeights = onlyDataset("""
          arrays:
            npy:
              predictions: p.npy
              labels: y.npy
        """);

    assertThat(withWeights).isEqualTo(new DatasetSpec.Npy("arrays", new Location(FILE, 4, 5),
        folder.resolve("data/p.npy"), folder.resolve("data/y.npy"), folder.resolve("data/w.npy")));
    assertThat(withoutWeights).isEqualTo(new DatasetSpec.Npy("arrays", new Location(FILE, 4, 5),
        folder.resolve("p.npy"), folder.resolve("y.npy"), null));
  }

  @Test
  void generatedWithDefaults() throws IOException {
    DatasetSpec spec = onlyDataset("""
          synthetic:
            generate: {kind: regression}
        """);

    assertThat(spec).isEqualTo(new DatasetSpec.Generated("synthetic", new Location(FILE, 4, 5), "regression", 1000,
        0, 0.0, 0.5, 3));
  }

  @Test
  void generatedWithEverySetting() throws IOException {
    DatasetSpec spec = onlyDataset("""
          synthetic:
            generate: {kind: multiclass, rows: 50, seed: -7, outlier_fraction: 0.25, class_balance: 0.1, classes: 4}
        """);

    assertThat(spec).isEqualTo(new DatasetSpec.Generated("synthetic", new Location(FILE, 4, 5), "multiclass", 50,
        -7, 0.25, 0.1, 4));
  }

  @Test
  void datasetsKeepTheirFileOrder() throws IOException {
    Experiment experiment = read("""
        experiment: order
        datasets:
          zeta: {generate: {kind: binary}}
          alpha: {predictions: [1], labels: [1]}
          mid: {csv: m.csv, predictions: p, labels: y}
        losses:
          - loss: l1
        """);

    assertThat(experiment.datasets()).extracting(DatasetSpec::name).containsExactly("zeta", "alpha", "mid");
    // a flow mapping starts at its brace
    assertThat(experiment.datasets().get(0).location()).isEqualTo(new Location(FILE, 3, 9));
  }

  // --- losses: sweeps, names, aliases, expectations ---

  @Test
  void sweepOverTwoKeysIsTheirProductWithTheFirstKeyOutermost() throws IOException {
    List<LossRun> runs = read(REGRESSION + """
          - loss: focal
            sweep: {gamma: [0, 0.5, 2], alpha: [0.25, 0.75]}
        """).runs();

    assertThat(runs).extracting(LossRun::name).containsExactly(
        "focal(gamma=0, alpha=0.25)", "focal(gamma=0, alpha=0.75)",
        "focal(gamma=0.5, alpha=0.25)", "focal(gamma=0.5, alpha=0.75)",
        "focal(gamma=2, alpha=0.25)", "focal(gamma=2, alpha=0.75)");
    assertThat(runs).extracting(run -> run.function().parameters().number("gamma"))
        .containsExactly(0.0, 0.0, 0.5, 0.5, 2.0, 2.0);
    assertThat(runs).extracting(run -> run.function().parameters().number("alpha"))
        .containsExactly(0.25, 0.75, 0.25, 0.75, 0.25, 0.75);
    assertThat(runs).allSatisfy(run -> {
      assertThat(run.path()).isEqualTo("losses[0]");
      assertThat(run.location()).isEqualTo(new Location(FILE, 7, 5));
    });
  }

  @Test
  void sweepNamesAreTheLabelOrTheIdWithEveryGivenParameter() throws IOException {
    List<LossRun> runs = read(REGRESSION + """
          - loss: focal
            sweep: {gamma: [0.5, 1]}
          - loss: focal
            name: focal-a
            params: {alpha: 0.5}
            sweep: {gamma: [2]}
          - loss: focal
            params: {alpha: 0.5}
            sweep: {gamma: [2.0]}
        """).runs();

    // the values are named as written, params before sweep
    assertThat(runs).extracting(LossRun::name).containsExactly(
        "focal(gamma=0.5)", "focal(gamma=1)", "focal-a(gamma=2)", "focal(alpha=0.5, gamma=2.0)");
    assertThat(runs.get(2).function().parameters().number("alpha")).isEqualTo(0.5);
  }

  @Test
  void defaultNamesAreTheIdAndTheGivenParameters() throws IOException {
    List<LossRun> runs = read(REGRESSION + """
          - loss: l1
          - loss: huber
            params: {delta: 2}
          - loss: huber
            name: robust
            params: {delta: 0.5, reduction: sum}
        """).runs();

    assertThat(runs).extracting(LossRun::name).containsExactly("l1", "huber(delta=2)", "robust");
    assertThat(runs.get(1).function().parameters().number("delta")).isEqualTo(2.0);
    assertThat(runs.get(2).function().parameters().asMap()).containsEntry("reduction", "sum");
  }

  @Test
  void duplicateResultNamesAreRefused() throws IOException {
    assertThat(problems(REGRESSION + """
          - loss: l1
          - loss: huber
            params: {delta: 2}
          - loss: l1
          - loss: huber
            sweep: {delta: [1, 2]}
        """)).containsExactly(
        "experiment.yaml:10:5: losses[2]: result name \"l1\" is already used by losses[0]; "
            + "give one of them a distinct name",
        "experiment.yaml:11:5: losses[3]: result name \"huber(delta=2)\" is already used by losses[1]; "
            + "give one of them a distinct name");
  }

  @Test
  void aliasResolvesToTheLossId() throws IOException {
    LossRun run = read(REGRESSION + """
          - loss: mae
        """).runs().get(0);

    assertThat(run.provider().id()).isEqualTo("l1");
    assertThat(run.name()).isEqualTo("l1");
    // so an alias and its id give the same default name
    assertThat(problems(REGRESSION + """
          - loss: l1
          - loss: mae
        """)).containsExactly("experiment.yaml:8:5: losses[1]: result name \"l1\" is already used by losses[0]; "
        + "give one of them a distinct name");
  }

  @Test
  void expectationsAndDatasetReferencesAreAttached() throws IOException {
    List<LossRun> runs = read("""
        experiment: expecting
        datasets:
          a:
            predictions: [4, 2, 1]
            labels: [1, 2, 3]
          b:
            predictions: [1]
            labels: [1]
        losses:
          - loss: huber
            params: {delta: 2}
            datasets: [a, b]
            expect: {a: 2.0, b: 0}
          - loss: l1
            expect: {b: 0.5}
          - loss: mse
        """).runs();

    LossRun huber = runs.get(0);
    assertThat(huber.expectations()).isEqualTo(Map.of("a", 2.0, "b", 0.0));
    assertThat(huber.datasets()).containsExactly(
        new DatasetReference("a", new Location(FILE, 12, 16), "losses[0].datasets[0]"),
        new DatasetReference("b", new Location(FILE, 12, 19), "losses[0].datasets[1]"));
    // without datasets: every dataset the loss accepts, and an expectation for any of them
    assertThat(runs.get(1).datasets()).isNull();
    assertThat(runs.get(1).expectations()).isEqualTo(Map.of("b", 0.5));
    assertThat(runs.get(2).expectations()).isEmpty();
  }

  @Test
  void expectationForADatasetNotInTheLossesListIsRefused() throws IOException {
    assertThat(problems("""
        experiment: expecting
        datasets:
          a: {predictions: [1], labels: [1]}
          b: {predictions: [2], labels: [1]}
        losses:
          - loss: l1
            datasets: [a]
            expect: {a: 0, b: 1, c: 2}
        """)).containsExactly(
        "experiment.yaml:8:20: losses[0].expect.b: dataset \"b\" is not in this loss's datasets list; "
            + "add it there or remove the expectation",
        "experiment.yaml:8:26: losses[0].expect.c: unknown dataset \"c\"; did you mean a or b? "
            + "(datasets: a, b)");
  }

  // --- top level ---

  @Test
  void toleranceDefaultsTo1eMinus9() throws IOException {
    Experiment experiment = read(REGRESSION + """
          - loss: l1
        """);

    assertThat(experiment.tolerance()).isEqualTo(1e-9).isEqualTo(Experiment.DEFAULT_TOLERANCE);
    assertThat(experiment.name()).isEqualTo("reading");
    assertThat(experiment.description()).isNull();
    assertThat(experiment.file()).isEqualTo(folder.resolve(FILE));
  }

  @Test
  void toleranceAndDescriptionAsGiven() throws IOException {
    Experiment experiment = read("""
        experiment: loose
        description: free text
        tolerance: 1.0e-6
        datasets:
          d: {predictions: [1], labels: [1]}
        losses:
          - loss: l1
        """);

    assertThat(experiment.tolerance()).isEqualTo(1e-6);
    assertThat(experiment.description()).isEqualTo("free text");
  }

  @Test
  void toleranceOutsideZeroToOneIsRefused() throws IOException {
    assertThat(problems("""
        experiment: strict
        tolerance: 0
        datasets:
          d: {predictions: [1], labels: [1]}
        losses:
          - loss: l1
        """)).containsExactly("experiment.yaml:2:12: tolerance: must be a relative tolerance in (0, 1), got 0.0");
  }

  // --- YAML: anchors, and the limits that keep a hostile file from exhausting memory ---

  @Test
  void anchorsAndAliasesInANormalAmountWork() throws IOException {
    Experiment experiment = read("""
        experiment: anchors
        datasets:
          a: &data
            predictions: [1, 2, 3]
            labels: [1, 3, 6]
          b: *data
        losses:
          - loss: huber
            name: first
            params: &params {delta: 2}
          - loss: huber
            name: second
            params: *params
            datasets: &both [a, b]
          - loss: l1
            datasets: *both
        """);

    assertThat(experiment.datasets()).extracting(DatasetSpec::name).containsExactly("a", "b");
    DatasetSpec.Inline b = (DatasetSpec.Inline) experiment.datasets().get(1);
    assertThat(b.predictions()).isDeepEqualTo(new double[][] {{1}, {2}, {3}});
    // an alias's nodes are the anchor's, and an anchored node starts at its anchor: the & on line 3
    assertThat(b.location()).isEqualTo(new Location(FILE, 3, 6));
    assertThat(experiment.datasets().get(0).location()).isEqualTo(new Location(FILE, 3, 6));
    assertThat(experiment.runs()).extracting(LossRun::name).containsExactly("first", "second", "l1");
    assertThat(experiment.runs().get(1).function().parameters().number("delta")).isEqualTo(2.0);
    assertThat(experiment.runs().get(2).datasets()).extracting(DatasetReference::name).containsExactly("a", "b");
  }

  /**
   * Nine levels of ten aliases each: 90 aliases (within the alias limit) that expand to 10⁹ nodes. The timeout
   * guards against an expansion that never ends; it is not a measurement (refusing takes well under a second).
   */
  @Test
  void billionLaughsIsRefusedQuicklyWithOneLine() throws IOException {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char level = 'b'; level <= 'i'; level++) {
      String previous = "*" + (char) (level - 1);
      yaml.append(level).append(": &").append(level).append(" [")
          .append(String.join(", ", Collections.nCopies(10, previous))).append("]\n");
    }
    write(yaml.toString());

    List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> problemsOf(folder.resolve(FILE)));

    assertThat(problems).singleElement().asString()
        .matches("experiment\\.yaml:\\d+:\\d+: the document expands to more than 2000000 nodes "
            + "\\(through aliases\\?\\); refusing to read it");
  }

  @Test
  void moreThanAHundredAliasesOfCollectionsAreRefused() throws IOException {
    String aliases = String.join(", ", Collections.nCopies(101, "*data"));

    assertThat(problems("data: &data [1, 2]\nmany: [" + aliases + "]\n")).containsExactly(
        "experiment.yaml: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=100");
  }

  /** The root mapping is level 0, so {@code experiment:} followed by n brackets nests n levels deep. */
  @Test
  void nestingDeeperThan64LevelsIsRefused() throws IOException {
    // the 65th bracket is at column 13 + 64
    assertThat(problems("experiment: " + "[".repeat(65) + "]".repeat(65) + "\n"))
        .containsExactly("experiment.yaml:1:77: nested more than 64 levels deep");
    // 64 levels are read; it is the experiment that is wrong then
    assertThat(problems("experiment: " + "[".repeat(64) + "]".repeat(64) + "\n")).containsExactlyInAnyOrder(
        "experiment.yaml:1:13: experiment: expected a non-empty text, got a list",
        "experiment.yaml:1:1: datasets: is required",
        "experiment.yaml:1:1: losses: is required");
  }

  @Test
  void nestingTooDeepForTheParserIsOneLineToo() throws IOException {
    assertThat(problems("experiment: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n"))
        .containsExactly("experiment.yaml: invalid YAML: nested too deeply");
  }

  // --- helpers ---

  private void write(String yaml) throws IOException {
    Files.writeString(folder.resolve(FILE), yaml);
  }

  private Experiment read(String yaml) throws IOException {
    write(yaml);
    return reader.read(folder.resolve(FILE), FILE);
  }

  /** The problems in {@code yaml}, one line each as the command line prints them. */
  private List<String> problems(String yaml) throws IOException {
    write(yaml);
    return problemsOf(folder.resolve(FILE));
  }

  private List<String> problemsOf(Path file) {
    ExperimentException e = assertThrows(ExperimentException.class, () -> reader.read(file, FILE));
    List<String> lines = e.problems().stream().map(Problem::toString).toList();
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    return lines;
  }

  /** An experiment of one dataset, declared from line 3 (its first key on line 4), and one loss. */
  private static String datasetExperiment(String declaration) {
    return "experiment: kinds\ndatasets:\n" + declaration + "losses:\n  - loss: l1\n";
  }

  private DatasetSpec onlyDataset(String declaration) throws IOException {
    Experiment experiment = read(datasetExperiment(declaration));
    assertThat(experiment.datasets()).hasSize(1);
    return experiment.datasets().get(0);
  }
}
