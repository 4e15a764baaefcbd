package org.losslab.runner.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Reads datasets from CSV files ({@link DatasetSpec.Csv}) with a header row: the named prediction, label and weight
 * columns become the batch's N × M predictions, N × L labels and N weights.
 *
 * <p>The file is UTF-8 (a byte-order mark is skipped), with {@code LF} or {@code CRLF} line ends; blank lines are
 * skipped and fields may be quoted. Numbers are read as Java and Python write them, including the NaN and infinity
 * spellings of both ({@code NaN}, {@code nan}, {@code inf}, {@code -Infinity}): they go through to the loss, whose
 * validation reports them with their row. Every problem is one line pointing at the file, the line and the field
 * ({@code preds.csv:5:2}); rows are numbered from 0 after the header, as the losses number them.
 *
 * <p>The header is read when the file is opened; the rows are then parsed in blocks of 1 MB on up to
 * {@link ReadOptions#threads} threads, two blocks a thread ahead of the chunks ({@code CsvReader}), so that memory
 * stays flat however long the file (a 10<sup>8</sup>-row file is read in 115 MB of resident memory). The parser is
 * our own: a byte-level tokenizer ({@code CsvScanner}) that reads plain decimals of up to 15 digits exactly in its
 * pass ({@code CsvBlock}), and hands other numbers to FastDoubleParser. Measured on 10<sup>7</sup>-row files of two
 * numbers a row (bench/generate.py's) on 2 cores: 31–41 ns a row on one thread, 17–23 ns on two; on one thread
 * Jackson CSV took ~200 ns, FastCSV with FastDoubleParser 60–100 ns, the tokenizer with FastDoubleParser for every
 * number 36–80 ns.
 */
public final class CsvSource implements DatasetSource {
  /** The bytes of the file a block covers. */
  static final int BLOCK_BYTES = 1 << 20;
  /** The longest row (or quoted field) read: a quote left open in a large file is reported, not read to its end. */
  static final int MAX_ROW_BYTES = 16 << 20;

  private final int blockBytes;
  private final int maxRowBytes;

  /** A source reading UTF-8, comma-separated files. */
  public CsvSource() {
    this(BLOCK_BYTES, MAX_ROW_BYTES);
  }

  /** A source parsing blocks of {@code blockBytes}, for tests of block boundaries. */
  CsvSource(int blockBytes, int maxRowBytes) {
    if (blockBytes < 1 || maxRowBytes < 1) {
      throw new IllegalArgumentException("blockBytes and maxRowBytes must be >= 1: " + blockBytes + ", "
          + maxRowBytes);
    }
    this.blockBytes = blockBytes;
    this.maxRowBytes = maxRowBytes;
  }

  @Override
  public boolean supports(DatasetSpec spec) {
    return spec instanceof DatasetSpec.Csv;
  }

  @Override
  public DatasetReader open(DatasetSpec spec, ReadOptions options) {
    if (!(spec instanceof DatasetSpec.Csv csv)) {
      throw new IllegalArgumentException("CsvSource reads csv datasets, not " + spec);
    }
    Path file = csv.file();
    if (!Files.exists(file)) {
      throw new ExperimentException(csv.fileLocation(), csv.path() + ".csv",
          "CSV file not found: " + file.toAbsolutePath().normalize());
    }
    if (Files.isDirectory(file)) {
      throw new ExperimentException(csv.fileLocation(), csv.path() + ".csv",
          file.toAbsolutePath().normalize() + " is a directory, not a CSV file");
    }
    if (!Files.isRegularFile(file)) {
      // A FIFO or a device could block forever or never end: refuse before opening it.
      throw new ExperimentException(csv.fileLocation(), csv.path() + ".csv",
          file.toAbsolutePath().normalize() + " is not a regular file (a device or a pipe?)");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw unreadable(csv, e);
    }
    try {
      long size = channel.size();
      CsvHeader header = CsvHeader.read(csv, channel, size, maxRowBytes);
      return new CsvReader(csv, header, channel, size, options, blockBytes, maxRowBytes);
    } catch (IOException e) {
      close(channel);
      throw unreadable(csv, e);
    } catch (RuntimeException | Error e) {
      close(channel);
      throw e;
    }
  }

  private static ExperimentException unreadable(DatasetSpec.Csv spec, IOException e) {
    String reason = e instanceof AccessDeniedException
        ? spec.file() + " (Permission denied)"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new ExperimentException(Location.of(spec.file().toString()), spec.path(), "cannot read CSV: " + reason, e);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Only read: nothing is lost.
    }
  }

  /**
   * The number in a field: what {@link Double#parseDouble} reads, without its {@code f}/{@code d} suffixes, plus
   * NumPy's and Python's {@code nan}, {@code inf} and {@code infinity} in any case.
   *
   * @throws NumberFormatException when it is not a number
   */
  static double parseNumber(String field) {
    String text = field.strip();
    if (text.isEmpty()) {
      throw new NumberFormatException("empty");
    }
    char first = text.charAt(text.length() > 1 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0);
    if (first == 'n' || first == 'N' || first == 'i' || first == 'I') {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "nan", "+nan", "-nan":
          return Double.NaN;
        case "inf", "+inf", "infinity", "+infinity":
          return Double.POSITIVE_INFINITY;
        case "-inf", "-infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          throw new NumberFormatException(text);
      }
    }
    char last = text.charAt(text.length() - 1);
    // Java's literal suffixes: parseDouble takes them, but no data tool writes them.
    if (last == 'f' || last == 'F' || last == 'd' || last == 'D') {
      throw new NumberFormatException(text);
    }
    return Double.parseDouble(text);
  }
}
