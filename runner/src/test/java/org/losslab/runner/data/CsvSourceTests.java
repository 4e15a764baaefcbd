package org.losslab.runner.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

class CsvSourceTests {
  private static final Location DECLARED = new Location("experiment.yaml", 3, 5);
  private static final Location FILE = new Location("experiment.yaml", 4, 10);
  private static final Location COLUMNS = new Location("experiment.yaml", 5, 18);

  @TempDir
  Path folder;

  private final CsvSource source = new CsvSource();

  @Test
  void readsNamedColumnsInTheOrderTheExperimentGivesThem() throws IOException {
    Path file = write("preds.csv", "id,p_cat,p_dog,label,w\n"
        + "a,0.9,0.1,0,1.0\n"
        + "b,0.25,0.75,1,2.5\n"
        + "c,0.5,0.5,1,0\n");

    Dataset dataset = source.read(spec(file, List.of("p_dog", "p_cat"), List.of("label"), "w"));

    Batch batch = dataset.batch();
    assertThat(dataset.name()).isEqualTo("d");
    assertThat(dataset.source()).isEqualTo(file.toString());
    assertThat(batch.predictionShape()).isEqualTo("[3, 2]");
    assertThat(batch.labelShape()).isEqualTo("[3, 1]");
    assertThat(batch.doublePredictions()).containsExactly(0.1, 0.9, 0.75, 0.25, 0.5, 0.5);
    assertThat(batch.doubleLabels()).containsExactly(0, 1, 1);
    assertThat(batch.weightCount()).isEqualTo(3);
    assertThat(new double[] {batch.weight(0), batch.weight(1), batch.weight(2)}).containsExactly(1.0, 2.5, 0.0);
  }

  @Test
  void readsSeveralLabelColumnsAndNoWeights() throws IOException {
    Path file = write("onehot.csv", "p0,p1,y0,y1\n0.2,0.8,0,1\n0.6,0.4,1,0\n");

    Batch batch = source.read(spec(file, List.of("p0", "p1"), List.of("y0", "y1"), null)).batch();

    assertThat(batch.labelShape()).isEqualTo("[2, 2]");
    assertThat(batch.doubleLabels()).containsExactly(0, 1, 1, 0);
    assertThat(batch.hasWeights()).isFalse();
  }

  @Test
  void handlesAByteOrderMarkCrlfBlankLinesAndQuotedNumbers() throws IOException {
    Path file = folder.resolve("excel.csv");
    Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        ("y_pred,\"y_true\"\r\n\r\n1.5,\"15\"\r\n   \r\n\" 2.0 \",2.5\r\n-1e-3,+4").getBytes(UTF_8)));

    Batch batch = source.read(spec(file, List.of("y_pred"), List.of("y_true"), null)).batch();

    assertThat(batch.doublePredictions()).containsExactly(1.5, 2.0, -0.001);
    assertThat(batch.doubleLabels()).containsExactly(15.0, 2.5, 4.0);
  }

  @Test
  void trimsSpacesAroundHeaderNames() throws IOException {
    Path file = write("spaced.csv", "y_pred, y_true\n1, 2\n");

    Batch batch = source.read(spec(file, List.of("y_pred"), List.of("y_true"), null)).batch();

    assertThat(batch.doubleLabels()).containsExactly(2.0);
  }

  @Test
  void letsTheNanAndInfinitySpellingsOfJavaAndNumpyThrough() throws IOException {
    Path file = write("special.csv", "p,y\nnan,inf\nNaN,-inf\nInfinity,-Infinity\n+inf,INF\n");

    Batch batch = source.read(spec(file, List.of("p"), List.of("y"), null)).batch();

    assertThat(batch.doublePredictions()).containsExactly(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY);
    assertThat(batch.doubleLabels()).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  @Test
  void readsManyRows() throws IOException {
    StringBuilder text = new StringBuilder("x,y\n");
    int rows = 50_000;
    for (int i = 0; i < rows; i++) {
      text.append(i).append(',').append(i * 0.5).append('\n');
    }
    Path file = write("many.csv", text.toString());

    Batch batch = source.read(spec(file, List.of("x"), List.of("y"), null)).batch();

    assertThat(batch.rows()).isEqualTo(rows);
    assertThat(batch.prediction(rows - 1)).isEqualTo(rows - 1.0);
    assertThat(batch.label(12_345)).isEqualTo(12_345 * 0.5);
    double sum = 0;
    for (double x : batch.doublePredictions()) {
      sum += x;
    }
    assertThat(sum).isCloseTo((double) rows * (rows - 1) / 2, within(1e-6)); // Gauss: 0 + 1 + … + (n − 1)
  }

  @Test
  void supportsOnlyCsvSpecs() {
    assertThat(source.supports(spec(folder.resolve("x.csv"), List.of("a"), List.of("b"), null))).isTrue();
    assertThat(source.supports(new DatasetSpec.Npy("n", DECLARED, Path.of("p.npy"), Path.of("l.npy"), null)))
        .isFalse();
  }

  @Test
  void reportsAMissingFileAtTheCsvKeyWithTheResolvedPath() {
    Path file = folder.resolve("data").resolve("..").resolve("nope.csv");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("a"), List.of("b"), null)));

    assertThat(e).hasMessage("experiment.yaml:4:10: datasets.d.csv: CSV file not found: "
        + folder.toAbsolutePath().resolve("nope.csv"));
  }

  @Test
  void reportsADirectory() throws IOException {
    Path directory = Files.createDirectory(folder.resolve("preds.csv"));

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(directory, List.of("a"), List.of("b"), null)));

    assertThat(e).hasMessage("experiment.yaml:4:10: datasets.d.csv: " + directory.toAbsolutePath()
        + " is a directory, not a CSV file");
  }

  @Test
  void reportsAnEmptyFile() throws IOException {
    Path file = write("empty.csv", "");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("a"), List.of("b"), null)));

    assertThat(e).hasMessage(file + ": datasets.d: the file is empty; expected a header row naming the columns");
  }

  @Test
  void reportsAFileOfBlankLinesAsEmpty() throws IOException {
    Path file = write("blank.csv", "\r\n\n  \n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("a"), List.of("b"), null)));

    assertThat(e).hasMessage(file + ": datasets.d: the file is empty; expected a header row naming the columns");
  }

  @Test
  void reportsAHeaderWithoutRows() throws IOException {
    Path file = write("header.csv", "a,b\n\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("a"), List.of("b"), null)));

    assertThat(e).hasMessage(file + ": datasets.d: no data rows after the header");
  }

  @Test
  void reportsAFirstRowOfNumbersAsAMissingHeader() throws IOException {
    Path file = write("noheader.csv", "\n1.5,15\n2.0,2.0\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("y_pred"), List.of("y_true"), null)));

    assertThat(e).hasMessage(file + ":2: datasets.d: the first row (1.5,15) looks like data, not a header;"
        + " add a header row naming the columns");
  }

  @Test
  void reportsAPredictionColumnThatIsNotFoundWithTheColumnsAndASuggestion() throws IOException {
    Path file = write("preds.csv", "y_pred,y_true,w\n1,2,1\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("y_prd"), List.of("y_true"), null)));

    assertThat(e).hasMessage("experiment.yaml:5:18: datasets.d.predictions: prediction column \"y_prd\" is not in "
        + file + " (columns: y_pred, y_true, w); did you mean y_pred?");
    assertThat(e.problems()).singleElement().extracting(p -> p.location()).isEqualTo(COLUMNS);
  }

  @Test
  void reportsALabelColumnThatIsNotFoundWithoutASuggestionWhenNothingIsClose() throws IOException {
    Path file = write("preds.csv", "y_pred,y_true\n1,2\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("y_pred"), List.of("target"), null)));

    assertThat(e).hasMessage("experiment.yaml:5:18: datasets.d.labels: label column \"target\" is not in "
        + file + " (columns: y_pred, y_true)");
  }

  @Test
  void reportsAWeightColumnThatIsNotFound() throws IOException {
    Path file = write("preds.csv", "y_pred,y_true,weight\n1,2,1\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("y_pred"), List.of("y_true"), "weights")));

    assertThat(e).hasMessage("experiment.yaml:5:18: datasets.d.weights: weight column \"weights\" is not in "
        + file + " (columns: y_pred, y_true, weight); did you mean weight?");
  }

  @Test
  void listsAtMostTwentyColumns() throws IOException {
    StringBuilder header = new StringBuilder("c0");
    StringBuilder row = new StringBuilder("0");
    for (int i = 1; i < 25; i++) {
      header.append(",c").append(i);
      row.append(",").append(i);
    }
    Path file = write("wide.csv", header + "\n" + row + "\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("c0"), List.of("label"), null)));

    assertThat(e).hasMessage("experiment.yaml:5:18: datasets.d.labels: label column \"label\" is not in " + file
        + " (columns: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19,"
        + " … (25 in all))");
  }

  @Test
  void reportsAColumnNamedTwiceInTheHeader() throws IOException {
    Path file = write("twice.csv", "y,p,y\n1,2,3\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("p"), List.of("y"), null)));

    assertThat(e).hasMessage(file + ":1:3: datasets.d: column \"y\" appears twice in the header, as field 1"
        + " and field 3");
  }

  @Test
  void reportsNoColumnsGiven() throws IOException {
    Path file = write("preds.csv", "p,y\n1,2\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of(), List.of("y"), null)));

    assertThat(e).hasMessage("experiment.yaml:5:18: datasets.d.predictions: no prediction columns given;"
        + " name at least one column of " + file);
  }

  @Test
  void reportsARowWithTooFewFieldsAtItsLine() throws IOException {
    Path file = write("ragged.csv", "p,y,w\n1,2,1\n\n3,4\n5,6,1\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("p"), List.of("y"), null)));

    assertThat(e).hasMessage(file + ":4: datasets.d: row 1 has 2 fields, expected 3 as in the header");
  }

  @Test
  void reportsARowWithTooManyFieldsAtItsLine() throws IOException {
    Path file = write("ragged.csv", "p,y\r\n1,2\r\n3,4\r\n5,6,\r\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("p"), List.of("y"), null)));

    assertThat(e).hasMessage(file + ":4: datasets.d: row 2 has 3 fields, expected 2 as in the header");
  }

  @Test
  void reportsAFieldThatIsNotANumberAtItsLineAndColumn() throws IOException {
    Path file = write("text.csv", "id,y_pred,y_true\na,1.5,1.5\n\nb,2.0,abc\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("y_pred"), List.of("y_true"), null)));

    assertThat(e).hasMessage(file + ":4:3: datasets.d: column \"y_true\", row 1: \"abc\" is not a number");
    assertThat(e.problems()).singleElement().extracting(p -> p.location())
        .isEqualTo(new Location(file.toString(), 4, 3));
  }

  @Test
  void reportsAnEmptyField() throws IOException {
    Path file = write("hole.csv", "y_pred,y_true\n1,\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("y_pred"), List.of("y_true"), null)));

    assertThat(e).hasMessage(file + ":2:2: datasets.d: column \"y_true\", row 0: \"\" is not a number");
  }

  @Test
  void reportsAWeightThatIsNotANumber() throws IOException {
    Path file = write("w.csv", "y_pred,y_true,w\n1,1,1\n1,1,\"1.5f\"\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("y_pred"), List.of("y_true"), "w")));

    assertThat(e).hasMessage(file + ":3:3: datasets.d: column \"w\", row 1: \"1.5f\" is not a number");
  }

  @Test
  void reportsAQuoteThatIsNotClosedInOneLine() throws IOException {
    Path file = write("quote.csv", "p,y\n1,\"2\n3,4\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("p"), List.of("y"), null)));

    // Noticed at the end of the file; the message points at the quote, and says where its row starts.
    assertThat(e).hasMessage(file + ":2:2: datasets.d: cannot read CSV: the quote that opens field 2 is not closed"
        + " before the end of the file (in row 0, which starts on line 2)");
  }

  @Test
  void reportsAStrayCharacterAfterAClosingQuote() throws IOException {
    Path file = write("stray.csv", "p,y\n1,\"2\"x\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("p"), List.of("y"), null)));

    assertThat(e).hasMessage(file + ":2:2: datasets.d: cannot read CSV: field 2 of row 0 has \"x\" after its closing"
        + " quote; expected a comma or the end of the line");
  }

  @Test
  void reportsAFileThatIsNotUtf8InOneLine() throws IOException {
    Path file = folder.resolve("latin1.csv");
    Files.write(file, new byte[] {'p', ',', 'y', '\n', '1', ',', (byte) 0xFF, '\n'});

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(file, List.of("p"), List.of("y"), null)));

    assertThat(e).hasMessage(file + ":2:2: datasets.d: cannot read CSV: field 2 of row 0 is not UTF-8 (byte 0xFF at"
        + " offset 6 of the file); save the file as UTF-8");
  }

  @Test
  void parsesNumbersAsJavaAndPythonWriteThem() {
    assertThat(CsvSource.parseNumber("1.5")).isEqualTo(1.5);
    assertThat(CsvSource.parseNumber(" -2e3 ")).isEqualTo(-2000.0);
    assertThat(CsvSource.parseNumber(".5")).isEqualTo(0.5);
    assertThat(CsvSource.parseNumber("7.")).isEqualTo(7.0);
    assertThat(CsvSource.parseNumber("-nan")).isNaN();
    assertThat(CsvSource.parseNumber("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    for (String text : List.of("", " ", "1,5", "1.5f", "2d", "x", "nanx", "in", "1 2", "--1")) {
      assertThrows(NumberFormatException.class, () -> CsvSource.parseNumber(text), text);
    }
  }

  private DatasetSpec.Csv spec(Path file, List<String> predictions, List<String> labels, @Nullable String weights) {
    return new DatasetSpec.Csv("d", DECLARED, file, FILE, predictions, labels, weights, COLUMNS);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(folder.resolve(name), text, UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
