package org.losslab.runner.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;
import org.losslab.runner.experiment.Problem;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * {@link CsvSource#open}: chunks of exactly {@link ReadOptions#rowsPerChunk} rows in file order, whatever the blocks
 * the file is cut into and the threads that parse them. Small blocks (a few bytes) put block boundaries everywhere:
 * inside quoted fields, between the CR and LF of a line end, in blank lines and in the byte-order mark.
 */
class CsvReaderTests {
  private static final Location AT = new Location("experiment.yaml", 3, 5);

  /** Numbers around the fast path's limits (15 digits, no exponent), and what it leaves to the slow path. */
  private static final List<String> EDGE_CASES = List.of("0", "-0", "0.0", "-0.0", ".0", "0.", "-.5", "+.5", "007",
      "1.", "999999999999999", "9999999999999999", "0.999999999999999", "0.9999999999999999", "123456789012345.0",
      "12345678901234.5", "1234567890123456789012", "9007199254740993", "0.1", "0.3", "4.9e-324",
      "1.7976931348623157e308", "1e400", "-1e400", "2.2250738585072011e-308", "0.000000000000000000001", "1e-5",
      "1E+5", "NaN", "-Infinity", "nan", "inf", "0x1p3", " 1.5 ", "\t2");

  @TempDir
  Path folder;

  @Test
  void cutsTheRowsIntoChunksOfExactlyRowsPerChunkInFileOrder() throws IOException {
    StringBuilder text = new StringBuilder("p,y\n");
    for (int i = 0; i < 10; i++) {
      text.append(i).append(',').append(i * 10).append('\n');
    }
    Path file = write("ten.csv", text.toString());

    for (int blockBytes : new int[] {1, 5, 16, 1 << 20}) {
      List<Copy> chunks = chunks(new CsvSource(blockBytes, 1 << 20), spec(file, "p", "y", null), new ReadOptions(3, 2));

      assertThat(chunks).extracting(Copy::firstRow).as("block %d", blockBytes).containsExactly(0L, 3L, 6L, 9L);
      assertThat(chunks).extracting(c -> c.predictions().length).containsExactly(3, 3, 3, 1);
      assertThat(chunks.get(1).predictions()).containsExactly(3, 4, 5);
      assertThat(chunks.get(1).labels()).containsExactly(30, 40, 50);
      assertThat(chunks.get(3).predictions()).containsExactly(9);
    }
  }

  @Test
  void cutsRowsOfSeveralColumnsIntoChunksOfChunkElementsOverColumns() throws IOException {
    Path file = write("two.csv", "a,b,y,w\n1,2,0,1\n3,4,1,2\n5,6,0,3\n");

    List<Copy> chunks = chunks(new CsvSource(4, 1 << 20), new DatasetSpec.Csv("d", AT, file, AT, List.of("b", "a"),
        List.of("y"), "w", AT), new ReadOptions(5, 3));

    // 5 elements of 2 columns: 2 rows a chunk.
    assertThat(chunks).extracting(Copy::firstRow).containsExactly(0L, 2L);
    assertThat(chunks.get(0).predictions()).containsExactly(2, 1, 4, 3);
    assertThat(chunks.get(0).weights()).containsExactly(1, 2);
    assertThat(chunks.get(1).predictions()).containsExactly(6, 5);
    assertThat(chunks.get(1).labels()).containsExactly(0);
    assertThat(chunks.get(1).weights()).containsExactly(3);
  }

  @Test
  void readsQuotedLineBreaksCrlfBlankLinesAndAByteOrderMarkAcrossEveryBlockBoundary() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String text = "note,\"p\",y\r\n"
        + "\"a\r\nb\",1,\"2\"\r\n"
        + "\r\n"
        + "  \n"
        + "\"c,\"\"d\"\"\n\n\",\"3.5\",-4\n"
        + "\"\r\",5,6\r"
        + "x,\" 7 \",8\r\n"
        + "\"\n\",1e3,  9"; // the last line has no line end
    Path file = folder.resolve("quoted.csv");
    Files.write(file, concat(bom, text.getBytes(UTF_8)));

    for (int blockBytes = 1; blockBytes <= text.length() + 4; blockBytes++) {
      for (int threads : new int[] {1, 3}) {
        Dataset dataset = Datasets.readAll("d",
            new CsvSource(blockBytes, 1 << 20).open(spec(file, "p", "y", null), new ReadOptions(2, threads)));

        assertThat(dataset.batch().doublePredictions()).as("block %d, %d threads", blockBytes, threads)
            .containsExactly(1, 3.5, 5, 7, 1000);
        assertThat(dataset.batch().doubleLabels()).containsExactly(2, -4, 6, 8, 9);
      }
    }
  }

  @Test
  void countsLinesInQuotedFieldsForTheLineOfALaterProblem() throws IOException {
    // Line 1 header, 2–4 row 0 (a text field with two line breaks, one CRLF), 5 blank, 6–7 row 1 (a number with
    // a line break), 8 row 2.
    Path file = write("lines.csv", "note,p,y\n\"one\ntwo\r\nthree\",1,2\n\n\"\",\"3\n\",4\nlast,5,five\n");

    for (int blockBytes = 1; blockBytes < 60; blockBytes++) {
      DatasetReader reader = new CsvSource(blockBytes, 1 << 20).open(spec(file, "p", "y", null),
          new ReadOptions(1, 2));
      ExperimentException e = assertThrows(ExperimentException.class, () -> Datasets.readAll("d", reader));
      reader.close();

      assertThat(e).as("block %d", blockBytes)
          .hasMessage(file + ":8:3: datasets.d: column \"y\", row 2: \"five\" is not a number");
    }
  }

  @Test
  void reportsAProblemInALateBlockAtItsLineAndRow() throws IOException {
    StringBuilder text = new StringBuilder("\n\np,y\n");
    for (int i = 0; i < 5000; i++) {
      text.append(i % 7 == 0 ? "\r\n" : "").append(i).append(",\"").append(i).append("\"\r\n");
      if (i == 4321) {
        text.append("4321.5,oops\n"); // row 4322
      }
    }
    Path file = write("late.csv", text.toString());
    long line = text.substring(0, text.indexOf("oops")).chars().filter(c -> c == '\n').count() + 1;

    for (int threads : new int[] {1, 4}) {
      try (DatasetReader reader = new CsvSource(256, 1 << 20).open(spec(file, "p", "y", null),
          new ReadOptions(1000, threads))) {
        List<Long> firstRows = new ArrayList<>();
        ExperimentException e = assertThrows(ExperimentException.class, () -> {
          for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
            firstRows.add(chunk.firstRow());
          }
        });

        assertThat(e).hasMessage(file + ":" + line + ":2: datasets.d: column \"y\", row 4322: \"oops\" is not a number");
        // The chunks before the one with the problem are read.
        assertThat(firstRows).containsExactly(0L, 1000L, 2000L, 3000L);
        assertThrows(ExperimentException.class, reader::next);
      }
    }
  }

  @Test
  void reportsTheFirstNonFiniteValueOfEachChunkAtItsLineAndField() throws IOException {
    StringBuilder text = new StringBuilder("y,p\n");
    for (int i = 0; i < 40; i++) {
      String p = i == 5 ? "nan" : i == 6 ? "inf" : String.valueOf(i);
      String y = i == 5 || i == 33 ? "-Infinity" : String.valueOf(i);
      text.append(y).append(',').append(p).append('\n');
    }
    Path file = write("nan.csv", text.toString());

    List<Copy> chunks = chunks(new CsvSource(7, 1 << 20), spec(file, "p", "y", null), new ReadOptions(10, 3));

    assertThat(chunks).hasSize(4);
    // Row 5 has two: the prediction is reported, as the experiment names it first.
    assertThat(chunks.get(0).firstNonFinite()).hasToString(file + ":7:2: datasets.d: column \"p\", row 5: NaN;"
        + " data must be finite");
    assertThat(chunks.get(1).firstNonFinite()).isNull();
    assertThat(chunks.get(3).firstNonFinite()).hasToString(file + ":35:1: datasets.d: column \"y\", row 33:"
        + " -Infinity; data must be finite");
    assertThat(chunks.get(0).predictions()[5]).isNaN();
    assertThat(chunks.get(0).predictions()[6]).isInfinite();
  }

  @Test
  void reportsAnUnclosedQuoteInALateBlockWhereItOpens() throws IOException {
    StringBuilder text = new StringBuilder("p,y\n");
    for (int i = 0; i < 300; i++) {
      text.append(i).append(',').append(i == 250 ? "\"" : "").append(i).append('\n');
    }
    Path file = write("open.csv", text.toString());

    for (int threads : new int[] {1, 3}) {
      try (DatasetReader reader = new CsvSource(64, 1 << 20).open(spec(file, "p", "y", null),
          new ReadOptions(1 << 20, threads))) {
        ExperimentException e = assertThrows(ExperimentException.class, () -> Datasets.readAll("d", reader));

        assertThat(e).hasMessage(file + ":252:2: datasets.d: cannot read CSV: the quote that opens field 2 is not"
            + " closed before the end of the file (in row 250, which starts on line 252)");
      }
    }
  }

  @Test
  void stopsAtAQuoteLeftOpenForLongerThanARowMayBe() throws IOException {
    StringBuilder text = new StringBuilder("p,y\n1,\"2\n");
    for (int i = 0; i < 100; i++) {
      text.append(i).append(",").append(i).append('\n');
    }
    Path file = write("long.csv", text.toString());

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> Datasets.readAll("d", new CsvSource(32, 200).open(spec(file, "p", "y", null), new ReadOptions(4, 2))));

    assertThat(e).hasMessage(file + ":2:2: datasets.d: cannot read CSV: the quote that opens field 2 is not closed"
        + " within 200 bytes (in row 0, which starts on line 2)");
  }

  @Test
  void stopsAtALineLongerThanARowMayBe() throws IOException {
    Path file = write("wide.csv", "p,y\n1,2\n" + "3,".repeat(200) + "4\n");

    ExperimentException e = assertThrows(ExperimentException.class,
        () -> Datasets.readAll("d", new CsvSource(32, 100).open(spec(file, "p", "y", null), new ReadOptions(4, 1))));

    assertThat(e).hasMessage(file + ":3: datasets.d: cannot read CSV: row 1, which starts on line 3, is longer than"
        + " 100 bytes without a line break");
  }

  @Test
  void givesTheSameChunksOnOneAndOnFourThreads() throws IOException {
    Random random = new Random(20_260_311);
    Path file = write("mixed.csv", randomCsv(random, 3000, true));
    DatasetSpec.Csv spec = spec(file, "p", "y", "w");

    List<Copy> one = chunks(new CsvSource(97, 1 << 20), spec, new ReadOptions(128, 1));
    List<Copy> four = chunks(new CsvSource(97, 1 << 20), spec, new ReadOptions(128, 4));

    assertThat(one).hasSize(24); // 3000 rows of 128
    assertThat(four).usingRecursiveFieldByFieldElementComparator().isEqualTo(one);
  }

  /**
   * Random files of numbers in every form Python and Java write them, with quotes, blank lines and CRLF, read by
   * Jackson CSV and {@link Double#parseDouble} as the reference.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void readsWhatAnIndependentReaderReads(long seed) throws IOException {
    Random random = new Random(seed);
    boolean quoted = seed % 2 == 0;
    String text = randomCsv(random, 1 + random.nextInt(2000), quoted);
    Path file = write("random.csv", text);
    DatasetSpec.Csv spec = spec(file, "p", "y", "w");

    Expected expected = reference(text);
    int blockBytes = 1 + random.nextInt(300);
    Dataset dataset = Datasets.readAll("d",
        new CsvSource(blockBytes, 1 << 20).open(spec, new ReadOptions(1 + random.nextInt(500), 1 + (int) seed % 3)));

    assertThat(dataset.batch().doublePredictions()).as("block %d", blockBytes).containsExactly(expected.p());
    assertThat(dataset.batch().doubleLabels()).containsExactly(expected.y());
    assertThat(dataset.batch().weights()).containsExactly(expected.w());
  }

  @Test
  void readsNumbersExactlyAsParseNumberDoes() throws IOException {
    Random random = new Random(42);
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      numbers.add(randomNumber(random));
    }
    numbers.addAll(EDGE_CASES);
    Path file = write("numbers.csv", "p,y\n" + numbers.stream().map(n -> n + ",0").collect(Collectors.joining("\n")));

    double[] read = Datasets.readAll("d", new CsvSource(4096, 1 << 20).open(spec(file, "p", "y", null),
        new ReadOptions(1 << 20, 2))).batch().doublePredictions();

    for (int i = 0; i < numbers.size(); i++) {
      // Bits, not values: -0.0 and the NaN are compared too.
      assertThat(Double.doubleToRawLongBits(read[i])).as(numbers.get(i))
          .isEqualTo(Double.doubleToRawLongBits(CsvSource.parseNumber(numbers.get(i))));
    }
  }

  @Test
  void releasesItsThreadsWhenClosedMidFile() throws IOException {
    Path file = write("big.csv", randomCsv(new Random(1), 20_000, false));
    Set<Thread> before = readerThreads();

    DatasetReader reader = new CsvSource(512, 1 << 20).open(spec(file, "p", "y", "w"), new ReadOptions(16, 4));
    assertThat(reader.next()).isNotNull();
    double progress = reader.progress();
    Set<Thread> started = readerThreads();
    started.removeAll(before);
    reader.close();
    reader.close();

    assertThat(progress).isGreaterThan(0).isLessThan(1);
    assertThat(started).isNotEmpty().allSatisfy(thread -> assertThat(ended(thread)).isTrue());
    assertThrows(IllegalStateException.class, reader::next);
  }

  @Test
  void releasesItsThreadsWhenClosedAfterAProblem() throws IOException {
    Path file = write("bad.csv", randomCsv(new Random(2), 5_000, false) + "1,2,x\n");
    Set<Thread> before = readerThreads();

    DatasetReader reader = new CsvSource(512, 1 << 20).open(spec(file, "p", "y", "w"), new ReadOptions(16, 3));
    assertThrows(ExperimentException.class, () -> Datasets.readAll("d", reader));
    Set<Thread> started = readerThreads();
    started.removeAll(before);
    reader.close();

    assertThat(started).isNotEmpty().allSatisfy(thread -> assertThat(ended(thread)).isTrue());
  }

  @Test
  void reportsProgressInBytesUpToOne() throws IOException {
    Path file = write("progress.csv", randomCsv(new Random(3), 2_000, false));
    List<Double> progress = new ArrayList<>();

    try (DatasetReader reader = new CsvSource(1024, 1 << 20).open(spec(file, "p", "y", "w"),
        new ReadOptions(100, 2))) {
      assertThat(reader.source()).isEqualTo(file.toString());
      progress.add(reader.progress());
      while (reader.next() != null) {
        progress.add(reader.progress());
      }
      progress.add(reader.progress());
    }

    assertThat(progress.get(0)).isGreaterThan(0).isLessThan(0.01); // the header is read
    assertThat(progress).isSorted().last().isEqualTo(1.0);
  }

  @Test
  void readsAHeaderAndRowsLongerThanABlock() throws IOException {
    // 30,000 columns: the header is more than the 64 kB read at first, each row more than a block.
    StringBuilder header = new StringBuilder();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      header.append("column").append(i).append(',');
      row.append(i % 10).append(',');
    }
    Path file = write("wide.csv", header + "p,y\n" + row + "1,2\n" + row + "3,4\n");

    for (int threads : new int[] {1, 2}) {
      Dataset dataset = Datasets.readAll("d",
          new CsvSource(4096, 1 << 20).open(spec(file, "p", "y", "column29999"), new ReadOptions(1, threads)));

      assertThat(dataset.batch().doublePredictions()).containsExactly(1, 3);
      assertThat(dataset.batch().doubleLabels()).containsExactly(2, 4);
      assertThat(dataset.batch().weights()).containsExactly(9, 9);
    }
  }

  @Test
  void readsAHeaderWithoutRowsAsNoRowsWhateverTheThreads() throws IOException {
    Path file = write("header.csv", "p,y\r\n  \r\n");

    for (int threads : new int[] {1, 2}) {
      DatasetReader reader = new CsvSource(1, 1 << 20).open(spec(file, "p", "y", null), new ReadOptions(2, threads));
      ExperimentException e = assertThrows(ExperimentException.class, reader::next);
      reader.close();

      assertThat(e).hasMessage(file + ": datasets.d: no data rows after the header");
    }
  }

  /** Whether {@code thread} ends within seconds: the pool has stopped it, and it is returning from its run method. */
  private static boolean ended(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  /** The threads of CSV readers alive now. */
  private static Set<Thread> readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("losslab-csv-") && thread.isAlive())
        .collect(Collectors.toSet());
  }

  /** A chunk's values, copied (the reader reuses its arrays). */
  private record Copy(long firstRow, double[] predictions, double[] labels, double @Nullable [] weights,
      @Nullable String firstNonFinite) {}

  private static List<Copy> chunks(CsvSource source, DatasetSpec.Csv spec, ReadOptions options) {
    List<Copy> chunks = new ArrayList<>();
    try (DatasetReader reader = source.open(spec, options)) {
      for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
        Batch batch = chunk.batch();
        assertThat(batch.rows()).isLessThanOrEqualTo(options.rowsPerChunk(batch.predictionColumns()));
        @Nullable Problem problem = chunk.firstNonFinite();
        chunks.add(new Copy(chunk.firstRow(), batch.doublePredictions().clone(), batch.doubleLabels().clone(),
            batch.hasWeights() ? batch.weights().clone() : null, problem == null ? null : problem.toString()));
      }
    }
    for (int i = 0; i < chunks.size() - 1; i++) {
      assertThat(chunks.get(i).predictions().length * 1L)
          .isEqualTo(options.rowsPerChunk(spec.predictionColumns().size()) * (long) spec.predictionColumns().size());
    }
    return chunks;
  }

  /**
   * A file with columns w, p, y and a text column, {@code rows} rows of numbers written in many ways, and blank
   * lines; with {@code quoted}, quoted fields (numbers and text with commas, quotes and line breaks) and CRLF.
   */
  private static String randomCsv(Random random, int rows, boolean quoted) {
    StringBuilder text = new StringBuilder(quoted ? "w,\"p\",y,note\r\n" : "w,p,y,note\n");
    for (int i = 0; i < rows; i++) {
      if (random.nextInt(20) == 0) {
        text.append(random.nextBoolean() ? "\n" : "   \n");
      }
      for (int field = 0; field < 4; field++) {
        String value = field == 3 ? randomNote(random, quoted) : randomNumber(random);
        if (field < 3 && quoted && random.nextInt(4) == 0) {
          value = (random.nextBoolean() ? " " : "") + "\"" + value + "\"";
        }
        text.append(field > 0 ? "," : "").append(value);
      }
      text.append(quoted && random.nextBoolean() ? "\r\n" : "\n");
    }
    return text.toString();
  }

  private static String randomNote(Random random, boolean quoted) {
    if (!quoted || random.nextInt(3) > 0) {
      return random.nextBoolean() ? "" : "note " + random.nextInt(100);
    }
    String[] parts = {"a,b", "line\nbreak", "crlf\r\nbreak", "say \"\"hi\"\"", "é ü", "", "\n\n", ","};
    return "\"" + parts[random.nextInt(parts.length)] + parts[random.nextInt(parts.length)] + "\"";
  }

  /** A finite number as Python, NumPy or Java may write it. */
  private static String randomNumber(Random random) {
    double value = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
    return switch (random.nextInt(9)) {
      case 0 -> Double.toString(value);
      case 1 -> String.format(Locale.ROOT, "%.7f", value);
      case 2 -> String.format(Locale.ROOT, "%.18e", value);
      case 3 -> String.format(Locale.ROOT, "%.3e", value).replace("e", "E");
      case 4 -> Float.toString((float) value);
      case 5 -> Long.toString(random.nextLong() >> random.nextInt(64));
      case 6 -> String.format(Locale.ROOT, "%+.4f", value);
      case 7 -> String.format(Locale.ROOT, "%.17g", value);
      default -> String.format(Locale.ROOT, "%.2f", value).replaceFirst("^(-?)0\\.", "$1."); // -.25
    };
  }

  private record Expected(double[] p, double[] y, double[] w) {}

  /** The columns p, y and w of {@code text} as Jackson CSV splits it and {@link Double#parseDouble} reads it. */
  private static Expected reference(String text) throws IOException {
    CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.SKIP_EMPTY_LINES).build();
    List<String[]> rows = mapper.readerFor(String[].class).with(CsvReadFeature.WRAP_AS_ARRAY)
        .<String[]>readValues(text).readAll();
    List<String> header = Arrays.stream(rows.get(0)).map(String::strip).toList();
    int p = header.indexOf("p");
    int y = header.indexOf("y");
    int w = header.indexOf("w");
    List<String[]> data = rows.subList(1, rows.size());
    return new Expected(
        data.stream().mapToDouble(row -> Double.parseDouble(row[p].strip())).toArray(),
        data.stream().mapToDouble(row -> Double.parseDouble(row[y].strip())).toArray(),
        data.stream().mapToDouble(row -> Double.parseDouble(row[w].strip())).toArray());
  }

  private DatasetSpec.Csv spec(Path file, String prediction, String label, @Nullable String weight) {
    return new DatasetSpec.Csv("d", AT, file, AT, List.of(prediction), List.of(label), weight, AT);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(folder.resolve(name), text, UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
