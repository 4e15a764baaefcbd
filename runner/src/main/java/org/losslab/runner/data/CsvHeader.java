package org.losslab.runner.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.losslab.api.Suggestions;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * The header row of a CSV file and the fields of the columns an experiment names in it.
 *
 * @param names the header's names, stripped of spaces
 * @param line the line the header starts on
 * @param dataStart the file position after the header's line end, where the rows start
 * @param dataLine the line the rows start on
 * @param predictionFields the fields of the prediction columns, in the experiment's order
 * @param labelFields the fields of the label columns
 * @param weightField the field of the weight column, or −1
 */
record CsvHeader(List<String> names, int line, long dataStart, long dataLine, int[] predictionFields,
    int[] labelFields, int weightField) {
  /** At most this many column names are listed when a column is not found. */
  private static final int LISTED_COLUMNS = 20;
  /** Bytes read at first; a longer header is read again with twice as many. */
  private static final int FIRST_READ = 1 << 16;
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * Reads the header of {@code channel}'s file and finds the columns {@code spec} names.
   *
   * @param maxRowBytes how long the header may be
   * @throws ExperimentException when the file is empty, the header cannot be read or lacks a column
   */
  static CsvHeader read(DatasetSpec.Csv spec, FileChannel channel, long size, int maxRowBytes) throws IOException {
    int length = (int) Math.min(size, FIRST_READ);
    while (true) {
      byte[] bytes = new byte[length + 1];
      CsvBlock.readFully(channel, bytes, 0, length, 0);
      Reading reading = new Reading(spec, bytes, length, length == size);
      CsvHeader header = reading.header();
      if (header != null) {
        return header;
      }
      if (length >= maxRowBytes) {
        throw reading.tooLong(maxRowBytes).toException(spec, List.of(), 0, 1);
      }
      length = (int) Math.min(size, Math.min((long) length * 2, maxRowBytes));
    }
  }

  /** One attempt at the header, with the bytes read so far. */
  private static final class Reading {
    private final DatasetSpec.Csv spec;
    private final String file;
    private final CsvScanner scanner;
    /** Line breaks before the header's first field, and then before the field being read. */
    private int lines;
    private int headerStart;
    /** Line breaks before the header. */
    private int headerLines;
    private int field;

    Reading(DatasetSpec.Csv spec, byte[] bytes, int length, boolean eof) {
      this.spec = spec;
      this.file = spec.file().toString();
      scanner = new CsvScanner(bytes);
      scanner.limit = length;
      scanner.eof = eof;
      bytes[length] = '\n';
    }

    /** The header, or null when more bytes are needed. */
    CsvHeader header() {
      byte[] bytes = scanner.bytes;
      int p = 0;
      if (scanner.limit >= BYTE_ORDER_MARK.length && bytes[0] == BYTE_ORDER_MARK[0] && bytes[1] == BYTE_ORDER_MARK[1]
          && bytes[2] == BYTE_ORDER_MARK[2]) {
        p = BYTE_ORDER_MARK.length;
      }
      int s;
      // Lines of spaces before the header are blank lines, as between rows.
      while (true) {
        s = p;
        while (bytes[s] == ' ') {
          s++;
        }
        if (s == scanner.limit) {
          if (scanner.eof) {
            throw new ExperimentException(Location.of(file), spec.path(),
                "the file is empty; expected a header row naming the columns");
          }
          return null;
        }
        if (bytes[s] != '\n' && bytes[s] != '\r') {
          break;
        }
        int next = scanner.breakEnd(s);
        if (next == CsvScanner.NEED_MORE) {
          return null;
        }
        lines++;
        p = next;
      }
      int line = lines + 1;
      headerStart = p;
      List<String> names = new ArrayList<>();
      headerLines = lines;
      for (field = 0;; field++) {
        int end = scanner.field(field == 0 ? s : p);
        if (end == CsvScanner.NEED_MORE) {
          return null;
        }
        if (end == CsvScanner.ERROR) {
          throw scanner.problem(-1, headerLines, headerStart, field, 0).toException(spec, List.of(), 0, 1);
        }
        names.add(scanner.text().strip());
        lines += scanner.breaks;
        if (bytes[end] == ',') {
          p = end + 1;
          continue;
        }
        long dataStart;
        if (end == scanner.limit) {
          dataStart = end;
        } else {
          int next = scanner.breakEnd(end);
          if (next == CsvScanner.NEED_MORE) {
            return null;
          }
          lines++;
          dataStart = next;
        }
        return columns(names, line, dataStart, lines + 1);
      }
    }

    CsvProblem tooLong(int maxRowBytes) {
      return scanner.openQuote >= 0
          ? new CsvProblem(CsvProblem.Kind.ROW_TOO_LONG, -1, headerLines, scanner.breaksBetween(0, scanner.openQuote),
              field, maxRowBytes, "")
          : new CsvProblem(CsvProblem.Kind.ROW_TOO_LONG, -1, headerLines, headerLines, -1, maxRowBytes, "");
    }

    private CsvHeader columns(List<String> names, int line, long dataStart, long dataLine) {
      int[] predictionFields = fields(names, line, spec.predictionColumns(), "prediction", "predictions");
      int[] labelFields = fields(names, line, spec.labelColumns(), "label", "labels");
      String weightColumn = spec.weightColumn();
      int weightField = weightColumn == null ? -1 : field(names, line, weightColumn, "weight", "weights");
      return new CsvHeader(List.copyOf(names), line, dataStart, dataLine, predictionFields, labelFields,
          weightField);
    }

    /**
     * The fields of columns.
     *
     * @param role what the columns hold, for messages: {@code prediction}
     * @param key the experiment's key that names them: {@code predictions}
     */
    private int[] fields(List<String> header, int headerLine, List<String> columns, String role, String key) {
      if (columns.isEmpty()) {
        throw new ExperimentException(spec.columnLocation(key), spec.path() + "." + key,
            "no " + role + " columns given; name at least one column of " + file);
      }
      int[] fields = new int[columns.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = field(header, headerLine, columns.get(i), role, key);
      }
      return fields;
    }

    private int field(List<String> header, int headerLine, String column, String role, String key) {
      int found = -1;
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).equals(column)) {
          if (found >= 0) {
            throw new ExperimentException(new Location(file, headerLine, i + 1), spec.path(), "column \"" + column
                + "\" appears twice in the header, as field " + (found + 1) + " and field " + (i + 1));
          }
          found = i;
        }
      }
      if (found >= 0) {
        return found;
      }
      if (header.stream().allMatch(Reading::isNumber)) {
        throw new ExperimentException(new Location(file, headerLine, 0), spec.path(), "the first row ("
            + String.join(",", header) + ") looks like data, not a header; add a header row naming the columns");
      }
      String listed = header.size() <= LISTED_COLUMNS
          ? String.join(", ", header)
          : String.join(", ", header.subList(0, LISTED_COLUMNS)) + ", … (" + header.size() + " in all)";
      throw new ExperimentException(spec.columnLocation(key), spec.path() + "." + key, role + " column \"" + column
          + "\" is not in " + file + " (columns: " + listed + ")" + Suggestions.hint(column, header));
    }

    private static boolean isNumber(String text) {
      try {
        CsvSource.parseNumber(text);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }
}
