package org.losslab.runner.data;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Files written by hand here (see {@link #npy}), following the format description of {@code numpy.lib.format}, and
 * files written by NumPy itself ({@code src/test/resources/data/generate.py}, whose values are repeated here).
 */
class NpySourceTests {
  private static final Location AT = new Location("experiment.yaml", 3, 5);

  @TempDir
  Path folder;

  private final NpySource source = new NpySource();

  // --- files written by NumPy ---

  @Test
  void keepsNumpyFloat32InSinglePrecisionWithIntegerClassLabels() throws Exception {
    Dataset dataset = source.read(spec(resource("f4_2d.npy"), resource("i8_1d.npy"), null));

    Batch batch = dataset.batch();
    assertThat(batch.isFloat()).isTrue();
    assertThat(batch.predictionShape()).isEqualTo("[3, 2]");
    assertThat(batch.labelShape()).isEqualTo("[3, 1]");
    assertThat(batch.floatPredictions()).containsExactly(0.1f, 0.2f, 0.3f, 0.4f, 1.5f, 15.0f);
    assertThat(batch.floatLabels()).containsExactly(0f, 2f, 1f);
    assertThat(dataset.source()).isEqualTo(resource("f4_2d.npy") + ", " + resource("i8_1d.npy"));
  }

  @Test
  void readsNumpyFloat64AndFormatVersions2And3() throws Exception {
    Batch batch = source.read(spec(resource("f8_2d_v2.npy"), resource("f8_2d_v2.npy"), null)).batch();
    assertThat(batch.isFloat()).isFalse();
    assertThat(batch.doublePredictions()).containsExactly(1.0, -2.0, 0.5, 4.0);

    Batch oneD = source.read(spec(resource("f8_1d.npy"), resource("f4_1d_v3.npy"), null)).batch();
    assertThat(oneD.predictionShape()).isEqualTo("[3, 1]");
    assertThat(oneD.doublePredictions()).containsExactly(1.5, 2.25, -3.0);
    // float32 labels beside float64 predictions are widened (exactly), not the predictions narrowed
    assertThat(oneD.isFloat()).isFalse();
    assertThat(oneD.doubleLabels()).containsExactly(0.25, 0.75, 1.0);
  }

  @Test
  void widensFloat32PredictionsExactlyWhenTheLabelsAreFloat64() throws Exception {
    Batch batch = source.read(spec(resource("f4_1d_v3.npy"), resource("f8_1d.npy"), null)).batch();

    assertThat(batch.isFloat()).isFalse();
    assertThat(batch.doublePredictions()).containsExactly(0.25, 0.75, 1.0);
    assertThat(batch.doubleLabels()).containsExactly(1.5, 2.25, -3.0);
  }

  @Test
  void refusesNumpyBigEndian() throws Exception {
    Path file = resource("f8_big_endian.npy");

    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(spec(file, file, null)));

    assertThat(e).hasMessage(file + ": datasets.d.npy.predictions: big-endian dtype '>f8' is not supported;"
        + " save a.astype('<f8') instead");
  }

  @Test
  void refusesNumpyFortranOrder() throws Exception {
    Path file = resource("f8_fortran.npy");

    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(spec(file, file, null)));

    assertThat(e).hasMessage(file + ": datasets.d.npy.predictions: Fortran-order (column-major) arrays are not"
        + " supported; save np.ascontiguousarray(a) instead");
  }

  @Test
  void refusesNumpyThreeDimensions() throws Exception {
    Path labels = resource("f8_3d.npy");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(resource("f8_1d.npy"), labels, null)));

    assertThat(e).hasMessage(labels + ": datasets.d.npy.labels: shape (2, 2, 2) has 3 dimensions;"
        + " expected 1-D (N) or 2-D (N, M)");
  }

  // --- files written here ---

  @Test
  void readsFloat64RowsLabelsAndWeights() throws IOException {
    Path predictions = write("p.npy", npy(1, header("<f8", false, "(3, 2)"), f8(0.1, 0.9, 0.8, 0.2, 0.5, 0.5)));
    Path labels = write("y.npy", npy(1, header("<f8", false, "(3,)"), f8(0, 1, 1)));
    Path weights = write("w.npy", npy(1, header("<f8", false, "(3,)"), f8(1, 0.5, 2)));

    Dataset dataset = source.read(spec(predictions, labels, weights));

    Batch batch = dataset.batch();
    assertThat(dataset.name()).isEqualTo("d");
    assertThat(dataset.source()).isEqualTo(predictions + ", " + labels + ", " + weights);
    assertThat(batch.isFloat()).isFalse();
    assertThat(batch.predictionShape()).isEqualTo("[3, 2]");
    assertThat(batch.doublePredictions()).containsExactly(0.1, 0.9, 0.8, 0.2, 0.5, 0.5);
    assertThat(batch.doubleLabels()).containsExactly(0, 1, 1);
    assertThat(new double[] {batch.weight(0), batch.weight(1), batch.weight(2)}).containsExactly(1, 0.5, 2);
  }

  @Test
  void keepsFloat32PredictionsAndLabels() throws IOException {
    Path predictions = write("p.npy", npy(1, header("<f4", false, "(2,)"), f4(0.1f, 1e-30f)));
    Path labels = write("y.npy", npy(1, header("<f4", false, "(2, 1)"), f4(0.3f, -7.5f)));

    Batch batch = source.read(spec(predictions, labels, null)).batch();

    assertThat(batch.isFloat()).isTrue();
    assertThat(batch.floatPredictions()).containsExactly(0.1f, 1e-30f);
    assertThat(batch.floatLabels()).containsExactly(0.3f, -7.5f);
  }

  @Test
  void readsInt32AndInt64AsDoubles() throws IOException {
    Path predictions = write("p.npy", npy(1, header("<i4", false, "(3,)"), i4(-1, 0, Integer.MAX_VALUE)));
    Path labels = write("y.npy", npy(1, header("<i8", false, "(3,)"), i8(1L << 40, 0, -5)));

    Batch batch = source.read(spec(predictions, labels, null)).batch();

    assertThat(batch.isFloat()).isFalse();
    assertThat(batch.doublePredictions()).containsExactly(-1, 0, Integer.MAX_VALUE);
    assertThat(batch.doubleLabels()).containsExactly(0x1p40, 0, -5);
  }

  @Test
  void readsIntegerLabelsInDoublePrecisionWhenAFloatWouldRoundThem() throws IOException {
    Path predictions = write("p.npy", npy(1, header("<f4", false, "(2,)"), f4(0.5f, 0.25f)));
    Path labels = write("y.npy", npy(1, header("<i8", false, "(2,)"), i8((1 << 24) + 1, 0)));

    Batch batch = source.read(spec(predictions, labels, null)).batch();

    assertThat(batch.isFloat()).isFalse();
    assertThat(batch.doubleLabels()).containsExactly(16_777_217, 0);
    assertThat(batch.doublePredictions()).containsExactly(0.5, 0.25);
  }

  @Test
  void readsManyValuesAcrossReadChunks() throws IOException {
    int n = 100_003; // more than one 64 KiB chunk, and not a multiple of one
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = i * 0.25;
    }
    Path file = write("big.npy", npy(1, header("<f8", false, "(" + n + ",)"), f8(values)));

    Batch batch = source.read(spec(file, file, null)).batch();

    assertThat(batch.doublePredictions()).containsExactly(values);
  }

  /**
   * The reader checks each chunk's values as it reads them: a chunk is marked all finite only when none of its
   * predictions, labels or weights is NaN or ±∞, in both precisions (the evaluator then skips its own scan).
   */
  @Test
  void marksTheChunksItCheckedFinite() throws IOException {
    int n = 1000;
    float[] p4 = new float[n];
    float[] y4 = new float[n];
    double[] p8 = new double[n];
    double[] y8 = new double[n];
    double[] w8 = new double[n];
    for (int i = 0; i < n; i++) {
      p4[i] = i * 0.5f;
      y4[i] = -i;
      p8[i] = i * 0.25;
      y8[i] = i % 2;
      w8[i] = 1;
    }
    p4[250] = Float.NaN; // chunk 1 of 4 (250 rows each)
    y4[999] = Float.NEGATIVE_INFINITY; // chunk 3
    p8[0] = Double.POSITIVE_INFINITY; // chunk 0
    w8[600] = Double.NaN; // chunk 2
    var float32 = spec(write("p4.npy", npy(1, header("<f4", false, "(" + n + ",)"), f4(p4))),
        write("y4.npy", npy(1, header("<f4", false, "(" + n + ",)"), f4(y4))), null);
    var float64 = spec(write("p8.npy", npy(1, header("<f8", false, "(" + n + ",)"), f8(p8))),
        write("y8.npy", npy(1, header("<f8", false, "(" + n + ",)"), f8(y8))),
        write("w8.npy", npy(1, header("<f8", false, "(" + n + ",)"), f8(w8))));

    assertThat(finiteFlags(float32)).containsExactly(true, false, true, false);
    assertThat(finiteFlags(float64)).containsExactly(false, true, false, true);
  }

  private List<Boolean> finiteFlags(DatasetSpec.Npy spec) {
    List<Boolean> flags = new ArrayList<>();
    try (DatasetReader reader = source.open(spec, new ReadOptions(250, 1))) {
      for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
        flags.add(chunk.allFinite());
      }
    }
    return flags;
  }

  @Test
  void readsFormatVersion2And3HeadersAndPython2Integers() throws IOException {
    Path v2 = write("v2.npy", npy(2, header("<f8", false, "(2L, 1L)"), f8(1, 2)));
    Path v3 = write("v3.npy",
        npy(3, "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,), 'é': None}", f8(3, 4)));

    ExperimentException extraKey = assertThrows(ExperimentException.class, () -> source.read(spec(v2, v3, null)));
    assertThat(extraKey).hasMessage(v3 + ": datasets.d.npy.labels: corrupt .npy header: its keys are descr,"
        + " fortran_order, shape, é; expected descr, fortran_order and shape");

    Path v3ok = write("v3ok.npy", npy(3, "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}", f8(3, 4)));
    Batch batch = source.read(spec(v2, v3ok, null)).batch();
    assertThat(batch.doublePredictions()).containsExactly(1, 2);
    assertThat(batch.doubleLabels()).containsExactly(3, 4);
  }

  @Test
  void acceptsFortranOrderWhereTheLayoutIsTheSame() throws IOException {
    Path oneD = write("f.npy", npy(1, header("<f8", true, "(3,)"), f8(1, 2, 3)));
    Path column = write("c.npy", npy(1, header("<f8", true, "(3, 1)"), f8(4, 5, 6)));

    Batch batch = source.read(spec(oneD, column, null)).batch();

    assertThat(batch.doublePredictions()).containsExactly(1, 2, 3);
    assertThat(batch.doubleLabels()).containsExactly(4, 5, 6);
  }

  @Test
  void acceptsWeightsOfOneColumn() throws IOException {
    Path values = write("v.npy", npy(1, header("<f8", false, "(2,)"), f8(1, 2)));
    Path weights = write("w.npy", npy(1, header("<f4", false, "(2, 1)"), f4(0.5f, 2f)));

    Batch batch = source.read(spec(values, values, weights)).batch();

    assertThat(batch.weight(0)).isEqualTo(0.5);
    assertThat(batch.weight(1)).isEqualTo(2.0);
  }

  @Test
  void supportsOnlyNpySpecs() {
    assertThat(source.supports(spec(Path.of("p.npy"), Path.of("y.npy"), null))).isTrue();
    assertThat(source.supports(new DatasetSpec.Inline("i", AT, new double[0][], new double[0][], null))).isFalse();
  }

  @Test
  void reportsAMissingFileAtTheDatasetWithTheResolvedPath() throws IOException {
    Path values = write("v.npy", npy(1, header("<f8", false, "(2,)"), f8(1, 2)));
    Path missing = folder.resolve("sub").resolve("..").resolve("labels.npy");

    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(spec(values, missing, null)));

    assertThat(e).hasMessage("experiment.yaml:3:5: datasets.d.npy.labels: labels file not found: "
        + folder.toAbsolutePath().resolve("labels.npy"));
  }

  @Test
  void reportsADirectory() throws IOException {
    Path directory = Files.createDirectory(folder.resolve("p.npy"));

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(directory, directory, null)));

    assertThat(e).hasMessage("experiment.yaml:3:5: datasets.d.npy.predictions: " + directory.toAbsolutePath()
        + " is a directory, not a .npy file");
  }

  @Test
  void reportsAnUnsupportedDtypeWithTheSupportedOnes() throws IOException {
    Path file = write("c.npy", npy(1, header("<c16", false, "(1,)"), new byte[16]));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: unsupported dtype '<c16'; supported:"
        + " <f4, <f8, <i4, <i8 (little-endian float32, float64, int32, int64)");
  }

  @Test
  void reportsABooleanDtype() throws IOException {
    Path file = write("b.npy", npy(1, header("|b1", false, "(2,)"), new byte[2]));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: unsupported dtype '|b1'; supported:"
        + " <f4, <f8, <i4, <i8 (little-endian float32, float64, int32, int64)");
  }

  @Test
  void reportsAStructuredDtype() throws IOException {
    Path file = write("s.npy", npy(1, "{'descr': [('x', '<f8'), ('y', '<f8')], 'fortran_order': False,"
        + " 'shape': (1,), }", f8(1, 2)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: unsupported dtype: a structured array"
        + " [(x, <f8), (y, <f8)]; supported: <f4, <f8, <i4, <i8 (little-endian float32, float64, int32, int64)");
  }

  @Test
  void reportsBigEndianFloat32() throws IOException {
    Path file = write("be.npy", npy(1, header(">f4", false, "(1,)"), new byte[4]));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: big-endian dtype '>f4' is not"
        + " supported; save a.astype('<f4') instead");
  }

  @Test
  void reportsAScalar() throws IOException {
    Path file = write("0d.npy", npy(1, header("<f8", false, "()"), f8(1)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: a 0-d (scalar) array;"
        + " expected 1-D (N) or 2-D (N, M)");
  }

  @Test
  void reportsATruncatedPayloadWithExpectedAndActualBytes() throws IOException {
    Path file = write("short.npy", npy(1, header("<f8", false, "(3, 2)"), f8(1, 2, 3, 4, 5)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: truncated: shape (3, 2) of <f8 needs"
        + " 48 bytes of data but the file has 40");
  }

  @Test
  void reportsBytesAfterTheData() throws IOException {
    Path file = write("long.npy", npy(1, header("<f4", false, "(2,)"), f4(1, 2, 3)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: shape (2,) of <f4 needs 8 bytes of"
        + " data but the file has 12; is more than one array saved in it?");
  }

  @Test
  void reportsAFileThatIsNotNpy() throws IOException {
    Path file = Files.writeString(folder.resolve("preds.npy"), "y_pred,y_true\n1,2\n");

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: not a NumPy .npy file:"
        + " it does not start with \\x93NUMPY");
  }

  @Test
  void reportsAFileTooShortForTheMagic() throws IOException {
    Path file = write("tiny.npy", new byte[] {(byte) 0x93, 'N', 'U'});

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: not a NumPy .npy file:"
        + " it has only 3 bytes");
  }

  @Test
  void reportsAFileEndingInsideTheHeaderLength() throws IOException {
    Path file = write("cut.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 10, 0});

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: corrupt .npy file: it ends after 10"
        + " bytes, inside the header length");
  }

  @Test
  void reportsAnUnknownFormatVersion() throws IOException {
    Path file = write("v4.npy", npy(4, header("<f8", false, "(1,)"), f8(1)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: unsupported .npy format version 4.0;"
        + " supported: 1.0, 2.0, 3.0");
  }

  @Test
  void reportsAHeaderLengthPastTheEndOfTheFile() throws IOException {
    byte[] bytes = npy(1, header("<f8", false, "(1,)"), f8(1));
    bytes[8] = (byte) 0xFF; // the header length's low byte: 118 becomes 255, in a file of 10 + 118 + 8 bytes
    Path file = write("long-header.npy", bytes);

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: corrupt .npy header: it claims 255"
        + " bytes but the file ends 126 bytes after its start");
  }

  @Test
  void reportsAHeaderThatIsNotADict() throws IOException {
    Path file = write("broken.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, }", f8(1, 2, 3)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: corrupt .npy header: unexpected '}' at"
        + " character 55 in {'descr': '<f8', 'fortran_order': False, 'shape': (3, }");
  }

  @Test
  void reportsAHeaderCutShort() throws IOException {
    Path file = write("cut-header.npy", npy(1, "{'descr': '<f8', 'fortran_order': Fal", f8(1)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: corrupt .npy header: unexpected 'F' at"
        + " character 35 in {'descr': '<f8', 'fortran_order': Fal");
  }

  @Test
  void reportsAMissingKey() throws IOException {
    Path file = write("nokey.npy", npy(1, "{'descr': '<f8', 'shape': (1,), }", f8(1)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: corrupt .npy header: its keys are"
        + " descr, shape; expected descr, fortran_order and shape");
  }

  @Test
  void reportsANegativeLength() throws IOException {
    Path file = write("neg.npy", npy(1, header("<f8", false, "(-1,)"), f8(1)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: corrupt .npy header: 'shape' is (-1,);"
        + " expected a tuple of lengths such as (3, 2)");
  }

  @Test
  void reportsAFortranOrderThatIsNotABoolean() throws IOException {
    Path file = write("fo.npy", npy(1, header("<f8", false, "(1,)").replace("False", "0"), f8(1)));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: corrupt .npy header: 'fortran_order' is"
        + " 0; expected True or False");
  }

  @Test
  void reportsAShapeTooLargeForAJavaArrayBeforeLookingForItsData() throws IOException {
    Path file = write("huge.npy", npy(1, header("<f4", false, "(65536, 65536)"), new byte[0]));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: shape (65536, 65536) is too large:"
        + " at most 2147483639 values fit in one array");
  }

  @Test
  void reportsNoColumns() throws IOException {
    Path file = write("empty.npy", npy(1, header("<f8", false, "(3, 0)"), new byte[0]));

    assertThat(error(file)).hasMessage(file + ": datasets.d.npy.predictions: shape (3, 0) has no columns;"
        + " expected at least one value per row");
  }

  @Test
  void reportsPredictionsAndLabelsOfDifferentLengths() throws IOException {
    Path predictions = write("p.npy", npy(1, header("<f8", false, "(3, 2)"), f8(1, 2, 3, 4, 5, 6)));
    Path labels = write("y.npy", npy(1, header("<f8", false, "(4,)"), f8(1, 2, 3, 4)));

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(predictions, labels, null)));

    assertThat(e).hasMessage("experiment.yaml:3:5: datasets.d.npy: labels " + labels + " have 4 rows (shape (4,))"
        + " but predictions " + predictions + " have 3 (shape (3, 2)); give one label row per prediction row");
  }

  @Test
  void reportsWeightsOfTheWrongShape() throws IOException {
    Path values = write("v.npy", npy(1, header("<f8", false, "(2,)"), f8(1, 2)));
    Path weights = write("w.npy", npy(1, header("<f8", false, "(2, 2)"), f8(1, 1, 1, 1)));

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec(values, values, weights)));

    assertThat(e).hasMessage("experiment.yaml:3:5: datasets.d.npy.weights: weights " + weights + " have shape"
        + " (2, 2) but predictions " + values + " have 2 rows; expected shape (2,), one weight per row");
  }

  // --- helpers ---

  private ExperimentException error(Path predictions) throws IOException {
    Path labels = write("labels-" + predictions.getFileName(), npy(1, header("<f8", false, "(1,)"), f8(1)));
    return assertThrows(ExperimentException.class, () -> source.read(spec(predictions, labels, null)));
  }

  private static DatasetSpec.Npy spec(Path predictions, Path labels, @Nullable Path weights) {
    return new DatasetSpec.Npy("d", AT, predictions, labels, weights);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(folder.resolve(name), bytes);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(NpySourceTests.class.getResource("/data/" + name).toURI());
  }

  /** The header dict as NumPy writes it. */
  private static String header(String dtype, boolean fortranOrder, String shape) {
    return "{'descr': '" + dtype + "', 'fortran_order': " + (fortranOrder ? "True" : "False") + ", 'shape': "
        + shape + ", }";
  }

  /**
   * A .npy file: magic, version, header length (2 bytes in version 1, 4 after), the header padded with spaces and
   * ended by a newline so that the data starts at a multiple of 64 bytes, then the data.
   */
  static byte[] npy(int major, String header, byte[] data) {
    byte[] text = header.getBytes(major >= 3 ? StandardCharsets.UTF_8 : ISO_8859_1);
    int prefix = major == 1 ? 10 : 12;
    int headerLength = ((prefix + text.length + 1 + 63) / 64) * 64 - prefix;
    ByteBuffer file = ByteBuffer.allocate(prefix + headerLength + data.length).order(ByteOrder.LITTLE_ENDIAN);
    file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      file.putShort((short) headerLength);
    } else {
      file.putInt(headerLength);
    }
    file.put(text);
    for (int i = text.length; i < headerLength - 1; i++) {
      file.put((byte) ' ');
    }
    file.put((byte) '\n');
    file.put(data);
    return file.array();
  }

  static byte[] f8(double... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double value : values) {
      bytes.putDouble(value);
    }
    return bytes.array();
  }

  static byte[] f4(float... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      bytes.putFloat(value);
    }
    return bytes.array();
  }

  static byte[] i4(int... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int value : values) {
      bytes.putInt(value);
    }
    return bytes.array();
  }

  static byte[] i8(long... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : values) {
      bytes.putLong(value);
    }
    return bytes.array();
  }
}
