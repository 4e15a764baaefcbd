package org.losslab.runner;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line's contract for a broken experiment: exit code 2, nothing on stdout, and on stderr exactly one
 * line per problem, {@code file:line:column: field.path: message}, without a stack trace.
 *
 * <p>Every line and column below was counted by hand in the YAML text beside it, both 1-based; a text block's first
 * line is line 1.
 */
class ExperimentErrorsTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NL = System.lineSeparator();

  /** Lines 1 to 6 of most experiments here; the loss entries follow from line 7. */
  private static final String REGRESSION = """
      experiment: errors
      datasets:
        regression:
          predictions: [1, 2, 3]
          labels: [1, 3, 6]
      losses:
      """;

  @TempDir
  Path folder;

  // --- the YAML itself ---

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        arguments("a key indented less than its siblings", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
               labels: [1, 3, 6]
            losses:
              - loss: l1
            """, List.of("5:4: invalid YAML: while parsing a block mapping: expected <block end>, but found "
            + "'<block mapping start>'")),
        arguments("a key indented more than its siblings", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                  labels: [1, 3, 6]
            losses:
              - loss: l1
            """, List.of("5:7: invalid YAML: while parsing a block mapping: expected <block end>, but found "
            + "'<block mapping start>'")),
        // The bracket opened on line 4 is noticed as unclosed at the ':' after "labels" (column 11 of line 5).
        arguments("an unclosed bracket", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3
                labels: [1, 3, 6]
            losses:
              - loss: l1
            """, List.of("5:11: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got :")),
        arguments("an unclosed brace", """
            experiment: errors
            datasets: {regression: {predictions: [1], labels: [1]}
            losses: [{loss: l1}]
            """, List.of("3:1: invalid YAML: while parsing a flow mapping: expected ',' or '}', but got <scalar>")),
        arguments("a tab as indentation", """
            experiment: errors
            datasets:
              regression:
            \tpredictions: [1, 2, 3]
            losses:
              - loss: l1
            """, List.of("4:1: invalid YAML: while scanning for the next token: found character '\\t(TAB)' that "
            + "cannot start any token. (Do not use \\t(TAB) for indentation)")),
        arguments("a key given twice", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
                predictions: [3, 2, 1]
            losses:
              - loss: l1
            """, List.of("6:5: duplicate key \"predictions\" (first given at line 4)")),
        arguments("a dataset name given twice", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
              regression:
                predictions: [1]
                labels: [1]
            losses:
              - loss: l1
            """, List.of("6:3: duplicate key \"regression\" (first given at line 3)")),
        // a problem with the whole file has no line: "file: message"
        arguments("an empty file", "", List.of(": the file is empty")),
        arguments("only a comment", "# nothing here\n", List.of(": the file is empty")),
        arguments("a list at the top", """
            - loss: l1
            """, List.of("1:1: (top level): expected a mapping (key: value lines), got a list")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void syntaxErrors(String what, String yaml, List<String> expected) throws IOException {
    assertRefused(yaml, expected);
  }

  // --- keys ---

  static Stream<Arguments> unknownKeys() {
    return Stream.of(
        arguments("a top-level key", """
            experimnt: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
            losses:
              - loss: l1
            """, List.of(
            "1:1: experimnt: unknown key; did you mean experiment? "
                + "(allowed here: datasets, description, experiment, losses, nan_policy, tolerance)",
            "1:1: experiment: is required")),
        // The misspelt key comes first, so the "labels is required" at the dataset's first key is at the same place.
        arguments("a key of an inline dataset", """
            experiment: errors
            datasets:
              regression:
                lables: [1, 3, 6]
                predictions: [1, 2, 3]
            losses:
              - loss: l1
            """, List.of(
            "4:5: datasets.regression.lables: unknown key; did you mean labels? "
                + "(allowed here: dtype, labels, nan_policy, predictions, weights)",
            "4:5: datasets.regression.labels: is required")),
        arguments("a key of a loss entry", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
            losses:
              - loss: huber
                parmas: {delta: 2}
            """, List.of("8:5: losses[0].parmas: unknown key; did you mean params? "
            + "(allowed here: datasets, expect, loss, name, params, sweep)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void unknownKeys(String what, String yaml, List<String> expected) throws IOException {
    assertRefused(yaml, expected);
  }

  /** A missing key is reported where the mapping that lacks it starts: its first key. */
  static Stream<Arguments> missingFields() {
    return Stream.of(
        arguments("experiment (after a comment line)", """
            # no name
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
            losses:
              - loss: l1
            """, List.of("2:1: experiment: is required")),
        arguments("datasets", """
            experiment: errors
            losses:
              - loss: l1
            """, List.of("1:1: datasets: is required")),
        arguments("losses", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
            """, List.of("1:1: losses: is required")),
        arguments("a loss entry's loss", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
            losses:
              - name: nameless
                params: {delta: 2}
            """, List.of("7:5: losses[0].loss: is required")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void missingFields(String what, String yaml, List<String> expected) throws IOException {
    assertRefused(yaml, expected);
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        arguments("tolerance as a word", """
            experiment: errors
            tolerance: tight
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
            losses:
              - loss: l1
            """, List.of("2:12: tolerance: expected a number, got \"tight\"")),
        arguments("predictions as a string", """
            experiment: errors
            datasets:
              regression:
                predictions: "1, 2, 3"
                labels: [1, 3, 6]
            losses:
              - loss: l1
            """, List.of("4:18: datasets.regression.predictions: expected a list of numbers or a list of rows, "
            + "got a string")),
        arguments("params as a list", """
            experiment: errors
            datasets:
              regression:
                predictions: [1, 2, 3]
                labels: [1, 3, 6]
            losses:
              - loss: huber
                params: [delta, 2]
            """, List.of("8:13: losses[0].params: expected a mapping (key: value lines), got a list")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void wrongTypes(String what, String yaml, List<String> expected) throws IOException {
    assertRefused(yaml, expected);
  }

  // --- losses and parameters ---

  /** Each case is the regression dataset below plus one loss entry on lines 7 and 8. */
  static Stream<Arguments> lossProblems() {
    return Stream.of(
        arguments("an unknown loss id", """
              - loss: hubr
            """, "7:11: losses[0].loss: unknown loss \"hubr\"; did you mean huber? (see losslab list)"),
        arguments("a parameter of the wrong type", """
              - loss: huber
                params: {delta: two}
            """, "8:21: losses[0].params.delta: huber: delta must be a number, got \"two\" (a string)"),
        arguments("a parameter out of range", """
              - loss: huber
                params: {delta: -1}
            """, "8:21: losses[0].params.delta: huber: delta (-1) must be > 0"),
        // Column 24 is the -1, the second item of the list: the 0 before it is valid.
        arguments("a swept parameter out of range", """
              - loss: focal
                sweep: {gamma: [0, -1]}
            """, "8:24: losses[0].sweep.gamma: focal: gamma (-1) must be >= 0"),
        arguments("reduction none", """
              - loss: huber
                params: {reduction: none}
            """, "8:25: losses[0].params.reduction: none gives per-element values, but an experiment compares "
            + "one value per dataset; use mean or sum"),
        arguments("an unknown dataset in datasets", """
              - loss: l1
                datasets: [regresion]
            """, "8:16: losses[0].datasets[0]: unknown dataset \"regresion\"; did you mean regression? "
            + "(datasets: regression)"),
        arguments("an unknown dataset in expect", """
              - loss: l1
                expect: {regresion: 1.0}
            """, "8:14: losses[0].expect.regresion: unknown dataset \"regresion\"; did you mean regression? "
            + "(datasets: regression)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void lossProblems(String what, String loss, String expected) throws IOException {
    assertRefused(REGRESSION + loss, List.of(expected));
  }

  /** The message and the line are right; the column is checked by the disabled test below. */
  @Test
  void unknownParameterWithDidYouMean() throws IOException {
    Outcome outcome = run("run", write(REGRESSION + """
          - loss: huber
            params: {dleta: 2}
        """));

    assertThat(outcome.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err()).startsWith(experiment() + ":8:")
        .endsWith(": losses[0].params.dleta: huber: unknown parameter \"dleta\"; did you mean delta? "
            + "(huber takes delta, reduction)" + NL)
        .hasLineCount(1);
  }

  @Test
  void unknownParameterPointsAtItsName() throws IOException {
    assertRefused(REGRESSION + """
          - loss: huber
            params: {dleta: 2}
        """, List.of("8:14: losses[0].params.dleta: huber: unknown parameter \"dleta\"; did you mean delta? "
        + "(huber takes delta, reduction)"));
  }

  @Test
  void reductionNoneInASweepNamesTheSweep() throws IOException {
    assertRefused(REGRESSION + """
          - loss: huber
            sweep: {reduction: [mean, none]}
        """, List.of("8:31: losses[0].sweep.reduction: none gives per-element values, but an experiment compares "
        + "one value per dataset; use mean or sum"));
  }

  // --- data files ---

  @Test
  void csvFileThatDoesNotExist() throws IOException {
    assertRefused(csvExperiment("data/missing.csv", "pred", "label"), List.of(
        "4:10: datasets.from-csv.csv: CSV file not found: " + folder.resolve("data/missing.csv")));
  }

  @Test
  void directoryAsCsvFile() throws IOException {
    Files.createDirectories(folder.resolve("data"));

    assertRefused(csvExperiment("data", "pred", "label"), List.of(
        "4:10: datasets.from-csv.csv: " + folder.resolve("data") + " is a directory, not a CSV file"));
  }

  @Test
  void csvColumnNotFound() throws IOException {
    Path csv = writeData("data/preds.csv", "pred,label\n1,1\n2,3\n");

    assertRefused(csvExperiment("data/preds.csv", "prd", "label"), List.of(
        "5:18: datasets.from-csv.predictions: prediction column \"prd\" is not in " + csv
            + " (columns: pred, label); did you mean pred?"));
  }

  @Test
  void csvLabelColumnNotFoundPointsAtLabels() throws IOException {
    Path csv = writeData("data/preds.csv", "pred,label\n1,1\n2,3\n");

    assertRefused(csvExperiment("data/preds.csv", "pred", "lable"), List.of(
        "6:13: datasets.from-csv.labels: label column \"lable\" is not in " + csv
            + " (columns: pred, label); did you mean label?"));
  }

  /** A CSV row's problem points at the CSV file: its line (3) and, for a field, the field's number (2). */
  @Test
  void raggedCsvRow() throws IOException {
    Path csv = writeData("data/preds.csv", "pred,label\n1,1\n2\n3,6\n");

    assertRefused(csvExperiment("data/preds.csv", "pred", "label"), List.of(
        csv + ":3: datasets.from-csv: row 1 has 1 field, expected 2 as in the header"));
  }

  @Test
  void nonNumericCsvCell() throws IOException {
    Path csv = writeData("data/preds.csv", "pred,label\n1,1\n2,three\n3,6\n");

    assertRefused(csvExperiment("data/preds.csv", "pred", "label"), List.of(
        csv + ":3:2: datasets.from-csv: column \"label\", row 1: \"three\" is not a number"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<i2", "|b1", "<c16"})
  void npyWithAnUnsupportedDtype(String dtype) throws IOException {
    Path predictions = writeData("data/p.npy", npy(dtype, 2, new byte[16]));
    writeData("data/y.npy", npy("<f8", 2, doubles(1, 3)));

    assertRefused("""
        experiment: errors
        datasets:
          arrays:
            npy: {predictions: data/p.npy, labels: data/y.npy}
        losses:
          - loss: l1
        """, List.of(predictions + ": datasets.arrays.npy.predictions: unsupported dtype '" + dtype + "'; "
        + "supported: <f4, <f8, <i4, <i8 (little-endian float32, float64, int32, int64)"));
  }

  // --- shapes ---

  /** A shape problem found once the rows are counted points at the dataset: its first key, line 4. */
  @Test
  void inlineLabelsWithFewerRowsThanPredictions() throws IOException {
    assertRefused("""
        experiment: errors
        datasets:
          short-labels:
            predictions: [1, 2, 3]
            labels: [1, 3]
        losses:
          - loss: l1
        """, List.of("4:5: datasets.short-labels: 2 label rows do not match 3 prediction rows; "
        + "give one label row per prediction row"));
  }

  @Test
  void inlineRowsOfDifferentWidths() throws IOException {
    assertRefused("""
        experiment: errors
        datasets:
          ragged:
            predictions: [[1, 2], [3]]
            labels: [[1, 2], [3, 4]]
        losses:
          - loss: l1
        """, List.of("4:27: datasets.ragged.predictions[1]: has 1 values but the rows before it have 2"));
  }

  @Test
  void lossListedForADatasetItDoesNotAccept() throws IOException {
    assertRefused("""
        experiment: errors
        datasets:
          zero-one:
            predictions: [0.5, -0.5]
            labels: [0, 1]
        losses:
          - loss: hinge
            datasets: [zero-one]
        """, List.of("8:16: losses[0].datasets[0]: hinge does not accept dataset \"zero-one\": hinge: labels row 0, "
        + "column 0 is 0.0; expected -1 or +1 (for {0,1} labels set label_encoding: zero_one)"));
  }

  @Test
  void lossIncompatibleOnlyByDefaultIsSkippedWithItsReason() throws IOException {
    String file = write("""
        experiment: skipping
        datasets:
          zero-one:
            predictions: [0.5, -0.5]
            labels: [0, 1]
        losses:
          - loss: hinge
          - loss: l1
        """);

    Outcome outcome = run("run", file, "--format", "json");

    assertThat(outcome.code()).isEqualTo(ExitCodes.OK);
    assertThat(outcome.err()).isEmpty();
    JsonNode report = JSON.readTree(outcome.out());
    JsonNode hinge = report.get("results").get(0);
    assertThat(hinge.get("name").stringValue()).isEqualTo("hinge");
    assertThat(hinge.get("status").stringValue()).isEqualTo("skipped");
    assertThat(hinge.get("reason").stringValue()).isEqualTo("not accepted: hinge: labels row 0, column 0 is 0.0; "
        + "expected -1 or +1 (for {0,1} labels set label_encoding: zero_one)");
    assertThat(hinge.has("value")).isFalse();
    // |0.5 - 0| and |-0.5 - 1|, averaged
    JsonNode l1 = report.get("results").get(1);
    assertThat(l1.get("status").stringValue()).isEqualTo("computed");
    assertThat(l1.get("value").doubleValue()).isEqualTo(1.0);
    assertThat(report.get("summary").get("skipped").intValue()).isEqualTo(1);
    assertThat(report.get("summary").get("computed").intValue()).isEqualTo(1);
  }

  // --- data must be finite ---

  @Test
  void nanInInlinePredictions() throws IOException {
    assertRefused("""
        experiment: errors
        datasets:
          with-nan:
            predictions: [1, .nan, 3]
            labels: [1, 3, 6]
        losses:
          - loss: l1
        """, List.of("4:5: datasets.with-nan: predictions row 1, column 0 is NaN; data must be finite (or set nan_policy: omit or propagate)"));
  }

  /** In a CSV file the value is pointed at where it is: row 2 is on line 4 (after the header), label is field 2. */
  @Test
  void infinityInCsvLabels() throws IOException {
    Path csv = writeData("data/preds.csv", "pred,label\n1,1\n2,3\n3,-Infinity\n");

    assertRefused(csvExperiment("data/preds.csv", "pred", "label"), List.of(
        csv + ":4:2: datasets.from-csv: column \"label\", row 2: -Infinity; data must be finite"));
  }

  // --- several problems ---

  @Test
  void everyProblemIsReportedOnALineOfItsOwnInFileOrder() throws IOException {
    assertRefused("""
        experiment: errors
        tolerence: 1.0e-6
        datasets:
          regression:
            predictions: [1, 2, 3]
            labels: [1, 3, six]
        losses:
          - loss: hubr
          - loss: huber
            params: {delta: -1}
        """, List.of(
        "2:1: tolerence: unknown key; did you mean tolerance? "
            + "(allowed here: datasets, description, experiment, losses, nan_policy, tolerance)",
        "6:20: datasets.regression.labels[2]: expected a number, got \"six\"",
        "8:11: losses[0].loss: unknown loss \"hubr\"; did you mean huber? (see losslab list)",
        "10:21: losses[1].params.delta: huber: delta (-1) must be > 0"));
  }

  @Test
  void problemsFoundInAnotherOrderAreStillReportedInFileOrder() throws IOException {
    assertRefused("""
        experiment: errors
        datasets:
          regression:
            predictions: [1, 2, 3]
            labels: [1, 3, 6]
          broken:
            predictions: [1, 2, 3]
            lables: [1, 3, 6]
        losses:
          - loss: huber
            params: {delta: -1}
            expect: {regression: two}
        """, List.of(
        "7:5: datasets.broken.labels: is required",
        "8:5: datasets.broken.lables: unknown key; did you mean labels? "
            + "(allowed here: dtype, labels, nan_policy, predictions, weights)",
        "11:21: losses[0].params.delta: huber: delta (-1) must be > 0",
        "12:26: losses[0].expect.regression: expected a number, got \"two\""));
  }

  @Test
  void referenceToADatasetWithAProblemIsNotAlsoUnknown() throws IOException {
    assertRefused("""
        experiment: errors
        datasets:
          regression:
            predictions: [1, 2, 3]
            labels: [1, 3, six]
        losses:
          - loss: l1
            datasets: [regression]
        """, List.of("5:20: datasets.regression.labels[2]: expected a number, got \"six\""));
  }

  // --- one line per problem, never a stack trace ---

  @Test
  void explicitlyTaggedScalarThatIsNotANumber() throws IOException {
    assertRefused("""
        experiment: errors
        tolerance: !!float abc
        datasets:
          regression:
            predictions: [1, 2, 3]
            labels: [1, 3, 6]
        losses:
          - loss: l1
        """, List.of("2:12: invalid YAML: \"abc\" is not a !!float"));
  }

  @Test
  void lineBreakInANameStaysOnOneLine() throws IOException {
    Outcome outcome = run("run", write(REGRESSION + """
          - loss: "hu\\nber"
        """));

    assertThat(outcome.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(outcome.err()).hasLineCount(1).contains("unknown loss \"hu\\nber\"");
  }

  @Test
  void experimentFileThatDoesNotExist() {
    String file = folder.resolve("missing.yaml").toString();

    Outcome outcome = run("run", file);

    assertThat(outcome.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err()).isEqualTo(file + ": file not found" + NL);
  }

  // --- validate ---

  @Test
  void validateAcceptsAGoodExperiment() throws IOException {
    String file = write(REGRESSION + """
          - loss: l1
          - loss: huber
            sweep: {delta: [1, 2]}
        """);

    Outcome outcome = run("validate", file);

    assertThat(outcome.code()).isEqualTo(ExitCodes.OK);
    assertThat(outcome.out()).isEqualTo(file + ": valid (1 datasets, 3 loss configurations)" + NL);
    assertThat(outcome.err()).isEmpty();
  }

  @Test
  void validateReportsWhatRunReports() throws IOException {
    String yaml = """
        experiment: errors
        datasets:
          zero-one:
            predictions: [0.5, -0.5]
            labels: [0, 1]
        losses:
          - loss: hubr
          - loss: hinge
            datasets: [zero-one]
        """;
    assertRefused("validate", yaml, List.of(
        "7:11: losses[0].loss: unknown loss \"hubr\"; did you mean huber? (see losslab list)"));
    assertRefused("run", yaml, List.of(
        "7:11: losses[0].loss: unknown loss \"hubr\"; did you mean huber? (see losslab list)"));

    // With the experiment right, the data is checked against the losses named for it, also by validate.
    String dataProblem = yaml.replace("hubr", "l1");
    String expected = "9:16: losses[1].datasets[0]: hinge does not accept dataset \"zero-one\": hinge: labels "
        + "row 0, column 0 is 0.0; expected -1 or +1 (for {0,1} labels set label_encoding: zero_one)";
    assertRefused("validate", dataProblem, List.of(expected));
    assertRefused("run", dataProblem, List.of(expected));
  }

  // --- helpers ---

  /** A CSV dataset, {@code csv:} on line 4, {@code predictions:} on line 5, {@code labels:} on line 6. */
  private static String csvExperiment(String csv, String predictions, String labels) {
    return """
        experiment: errors
        datasets:
          from-csv:
            csv: %s
            predictions: %s
            labels: %s
        losses:
          - loss: l1
        """.formatted(csv, predictions, labels);
  }

  private record Outcome(int code, String out, String err) {}

  private Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Outcome(code, out.toString(), err.toString());
  }

  private String experiment() {
    return folder.resolve("experiment.yaml").toString();
  }

  private String write(String yaml) throws IOException {
    Files.writeString(folder.resolve("experiment.yaml"), yaml);
    return experiment();
  }

  private Path writeData(String name, String text) throws IOException {
    return writeData(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path writeData(String name, byte[] bytes) throws IOException {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return file;
  }

  private void assertRefused(String yaml, List<String> expected) throws IOException {
    assertRefused("run", yaml, expected);
  }

  /**
   * Runs {@code command} on {@code yaml} and checks the contract: exit code 2, nothing on stdout, and exactly the
   * expected lines on stderr. A line that starts with {@code line:column} or with {@code :} (the whole file) gets
   * the experiment's path, as given on the command line, in front.
   */
  private void assertRefused(String command, String yaml, List<String> expected) throws IOException {
    String file = write(yaml);

    Outcome outcome = run(command, file);

    StringBuilder lines = new StringBuilder();
    for (String line : expected) {
      if (line.startsWith(":")) {
        lines.append(file);
      } else if (Character.isDigit(line.charAt(0))) {
        lines.append(file).append(':');
      }
      lines.append(line).append(NL);
    }
    assertThat(outcome.err()).isEqualTo(lines.toString());
    assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.code()).isEqualTo(ExitCodes.INVALID);
  }

  /**
   * A {@code .npy} file of version 1.0 as {@code numpy.lib.format} describes it: the magic, the version, the header
   * length (2 bytes, little-endian), the header dict padded with spaces and ended by a newline so that the data
   * starts at a multiple of 64, then the data.
   */
  private static byte[] npy(String dtype, int rows, byte[] data) {
    StringBuilder header = new StringBuilder("{'descr': '" + dtype + "', 'fortran_order': False, 'shape': ("
        + rows + ",), }");
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] text = header.toString().getBytes(ISO_8859_1);
    ByteBuffer file = ByteBuffer.allocate(10 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    file.put((byte) 0x93).put("NUMPY".getBytes(ISO_8859_1)).put((byte) 1).put((byte) 0);
    file.putShort((short) text.length).put(text).put(data);
    return file.array();
  }

  private static byte[] doubles(double... values) {
    ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double value : values) {
      data.putDouble(value);
    }
    return data.array();
  }
}
