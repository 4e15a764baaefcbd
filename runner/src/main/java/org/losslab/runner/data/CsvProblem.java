package org.losslab.runner.data;

import java.util.List;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * The first problem in a block of rows, found before the block's place in the file is known: its row and lines are
 * counted from the block's start, and become the file's once the blocks before it are read.
 *
 * @param kind what is wrong
 * @param row the row, from the block's first (the header is row −1)
 * @param rowLine the line breaks between the block's start and the row's
 * @param line the line breaks between the block's start and the problem
 * @param field the field, from 0, or −1
 * @param count the row's fields ({@link Kind#FIELD_COUNT}) or the limit in bytes ({@link Kind#ROW_TOO_LONG})
 * @param text the field's text, the unexpected character (quoted), where the bytes that are not UTF-8 are, or why
 *     the file could not be read
 */
record CsvProblem(Kind kind, long row, long rowLine, long line, int field, long count, String text) {

  enum Kind {
    FIELD_COUNT,
    NOT_A_NUMBER,
    NOT_UTF8,
    AFTER_QUOTE,
    UNCLOSED_QUOTE,
    /** A quote still open after {@code count} bytes ({@code field} ≥ 0), or a row that long without a line end. */
    ROW_TOO_LONG,
    /** The file could not be read: {@code text} says why. */
    UNREADABLE
  }

  /**
   * This problem where it is in the file.
   *
   * @param firstRow the number of the block's first row
   * @param firstLine the line the block starts on, from 1
   */
  ExperimentException toException(DatasetSpec.Csv spec, List<String> header, long firstRow, long firstLine) {
    String file = spec.file().toString();
    long absoluteRow = firstRow + row;
    int rowStart = lineNumber(firstLine + rowLine);
    int at = lineNumber(firstLine + line);
    String inRow = absoluteRow < 0
        ? " (in the header, which starts on line " + rowStart + ")"
        : " (in row " + absoluteRow + ", which starts on line " + rowStart + ")";
    return switch (kind) {
      case FIELD_COUNT -> new ExperimentException(new Location(file, rowStart, 0), spec.path(), "row " + absoluteRow
          + " has " + count + (count == 1 ? " field" : " fields") + ", expected " + header.size()
          + " as in the header");
      case NOT_A_NUMBER -> new ExperimentException(new Location(file, at, field + 1), spec.path(), "column \""
          + header.get(field) + "\", row " + absoluteRow + ": \"" + text + "\" is not a number");
      case NOT_UTF8 -> new ExperimentException(new Location(file, at, field + 1), spec.path(), "cannot read CSV: field "
          + (field + 1) + " of " + rowName(absoluteRow) + " is not UTF-8 (" + text + "); save the file as UTF-8");
      case AFTER_QUOTE -> new ExperimentException(new Location(file, at, field + 1), spec.path(), "cannot read CSV: field "
          + (field + 1) + " of " + rowName(absoluteRow) + " has " + text + " after its closing quote; expected a comma"
          + " or the end of the line");
      case UNCLOSED_QUOTE -> new ExperimentException(new Location(file, at, field + 1), spec.path(),
          "cannot read CSV: the quote that opens field " + (field + 1) + " is not closed before the end of the file"
          + inRow);
      case ROW_TOO_LONG -> field >= 0
          ? new ExperimentException(new Location(file, at, field + 1), spec.path(), "cannot read CSV: the quote that"
              + " opens field " + (field + 1) + " is not closed within " + megabytes(count) + inRow)
          : new ExperimentException(new Location(file, rowStart, 0), spec.path(), "cannot read CSV: "
              + rowName(absoluteRow) + ", which starts on line " + rowStart
              + ", is longer than " + megabytes(count) + " without a line break");
      case UNREADABLE -> new ExperimentException(Location.of(file), spec.path(), "cannot read CSV: " + text);
    };
  }

  private static String rowName(long row) {
    return row < 0 ? "the header" : "row " + row;
  }

  private static int lineNumber(long line) {
    return (int) Math.min(line, Integer.MAX_VALUE);
  }

  private static String megabytes(long bytes) {
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
  }
}
