package org.losslab.runner.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The rows of about {@code blockBytes} of a CSV file, parsed into doubles: the unit of work that threads share.
 *
 * <p>A block is asked for the rows from a position to the first line end at or after a target position, so that
 * consecutive blocks meet at a line end without knowing each other. A block parsed in parallel does not know whether
 * a line end before its start is inside a quoted field; it guesses that it is not ({@code findStart}), starts after
 * the first line end in its range, and {@link CsvReader} checks the guess once the block before it is parsed: the
 * guess is right when that block ends where this one starts; otherwise this one is dropped and the rows from that
 * end on are parsed again.
 *
 * <p>Rows and lines are counted from the block's start: the reader knows the block's first row and line once the
 * blocks before it are read. Parsing stops at the first problem, which {@link #problem} holds; the rows before it
 * are kept. A block is reused for another range after its rows are copied.
 */
final class CsvBlock {
  /** 10<sup>0</sup> … 10<sup>15</sup>, each exact in a double. */
  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  /**
   * A decimal of at most this many digits d and no exponent is read as d / 10<sup>k</sup>: both are exact doubles
   * (d &lt; 2<sup>53</sup>), and IEEE division rounds the quotient correctly, so the value is the one
   * {@link Double#parseDouble} returns (Clinger's fast path). Anything else goes to FastDoubleParser.
   */
  private static final int FAST_DIGITS = 15;

  private static final byte OK = 0;
  private static final byte NON_FINITE = 1;
  private static final byte NOT_A_NUMBER = 2;
  /** {@link CsvScanner#NEED_MORE} and {@link CsvScanner#ERROR} are −1 and −2: a row with a problem ends the block. */
  private static final int STOP = -3;

  /**
   * What every block of a file shares.
   *
   * @param fields the header's fields
   * @param blockBytes how many bytes a block covers
   * @param maxRowBytes how long a row may be
   */
  record Layout(FileChannel channel, long size, int fields, int[] predictionFields, int[] labelFields,
      int weightField, int blockBytes, int maxRowBytes) {}

  private final Layout layout;
  private final int columns;
  private final int labelColumns;
  /** Whether each header field is read; the row's other fields are only scanned. */
  private final boolean[] wanted;
  /** The read fields in the order the experiment names them: predictions, labels, weight. */
  private final int[] order;
  /** How many bytes past its target a block reads at first, so that its last row is usually read whole. */
  private final int margin;
  private final CsvScanner scanner;

  // The row being parsed, by field.
  private final double[] values;
  private final byte[] status;
  private final int[] fieldStarts;

  /** The file position of the block's first row, or −1 when its range has no line end to start after. */
  long start = -1;
  /** The file position after its last row (when it has no problem). */
  long end;
  int rows;
  /** The line breaks between {@link #start} and {@link #end}. */
  int lines;
  double[] predictions;
  double[] labels;
  double[] weights;
  /** The rows the arrays hold. */
  private int capacity;
  /** The first problem, after the rows parsed. */
  @Nullable CsvProblem problem;

  // The first NaN or ±∞ of each row that has one: its row, field, line (from the block's start) and value.
  int nonFinite;
  int[] nonFiniteRows = new int[0];
  int[] nonFiniteFields = new int[0];
  int[] nonFiniteLines = new int[0];
  double[] nonFiniteValues = new double[0];

  /** bytes[0, limit) are the file's from offset on; bytes[limit] is '\n'. */
  private byte[] bytes;
  private long offset;
  private long target;
  /** The row, and its field, being read when it needed more bytes or met a problem. */
  private int rowStart;
  private int field;

  CsvBlock(Layout layout) {
    this.layout = layout;
    columns = layout.predictionFields().length;
    labelColumns = layout.labelFields().length;
    wanted = new boolean[layout.fields()];
    int weights = layout.weightField() >= 0 ? 1 : 0;
    order = new int[columns + labelColumns + weights];
    System.arraycopy(layout.predictionFields(), 0, order, 0, columns);
    System.arraycopy(layout.labelFields(), 0, order, columns, labelColumns);
    if (weights > 0) {
      order[order.length - 1] = layout.weightField();
    }
    for (int field : order) {
      wanted[field] = true;
    }
    margin = Math.max(256, layout.blockBytes() >> 4);
    values = new double[layout.fields()];
    status = new byte[layout.fields()];
    fieldStarts = new int[layout.fields()];
    // Rows of these values take 8 bytes or more a value: more rows than that, and the arrays grow.
    capacity = Math.max(16, layout.blockBytes() / (8 * order.length));
    predictions = new double[capacity * columns];
    labels = new double[capacity * labelColumns];
    this.weights = new double[weights > 0 ? capacity : 0];
    bytes = new byte[layout.blockBytes() + margin + 2];
    scanner = new CsvScanner(bytes);
  }

  /**
   * Parses the rows from {@code from} to the first line end at or after {@code target - 1}, or to the end of the
   * file.
   *
   * @param findStart whether {@code from} is only where the block's range starts: its rows then start after the
   *     first line end at or after {@code from - 1} and before {@code target - 1} (none: {@link #start} is −1)
   */
  void parse(long from, boolean findStart, long target) {
    start = -1;
    end = -1;
    rows = 0;
    lines = 0;
    nonFinite = 0;
    problem = null;
    this.target = target;
    try {
      if (findStart) {
        fill(from - 1);
        int first = firstLineStart((int) Math.min(target - 1 - offset, scanner.limit));
        if (first < 0) {
          return;
        }
        start = offset + first;
        rows(first);
      } else {
        start = from;
        fill(from);
        rows(0);
      }
    } catch (IOException e) {
      if (start >= 0) {
        problem = new CsvProblem(CsvProblem.Kind.UNREADABLE, rows, lines, lines, -1, 0,
            e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
  }

  /** After the first line end in bytes[0, stop), or −1. */
  private int firstLineStart(int stop) {
    byte[] b = bytes;
    for (int i = 0; i < stop; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
      if (b[i] == '\r') {
        if (i + 1 < scanner.limit && b[i + 1] == '\n') {
          // A CRLF ends at its '\n', which is in the next block's range when it is at target - 1.
          return i + 1 < stop ? i + 2 : -1;
        }
        return i + 1;
      }
    }
    return -1;
  }

  private void rows(int from) throws IOException {
    int p = from;
    while (true) {
      byte[] b = bytes;
      int s = p;
      while (b[s] == ' ') {
        s++;
      }
      int next;
      if (b[s] == '\n' || b[s] == '\r') {
        // A blank line (or one of spaces): skipped, but counted.
        rowStart = p;
        next = s == scanner.limit ? (scanner.eof ? s : CsvScanner.NEED_MORE) : scanner.breakEnd(s);
        if (next >= 0 && s < scanner.limit) {
          lines++;
        }
      } else {
        next = row(p, s);
      }
      if (next >= 0) {
        p = next;
        if (offset + next >= target || (next == scanner.limit && scanner.eof)) {
          end = offset + next;
          return;
        }
      } else if (next == CsvScanner.NEED_MORE) {
        if (!more(rowStart)) {
          return;
        }
        p = 0;
      } else {
        if (next == CsvScanner.ERROR) {
          problem = scanner.problem(rows, lines, rowStart, field, offset);
        }
        return;
      }
    }
  }

  /**
   * Parses the row at {@code rowStart}, whose first field starts at {@code s} (after the spaces that open the line),
   * and the rows after it while they start with neither a space nor a line end, adding them.
   *
   * @return where the next line starts (after the rows parsed, at or past the target, or at the end of the file), or
   *     {@link CsvScanner#NEED_MORE}, {@link CsvScanner#ERROR} or {@link #STOP} for the row at {@link #rowStart}
   */
  private int row(int rowStart, int s) {
    final byte[] b = bytes;
    final int fields = wanted.length;
    final boolean[] wanted = this.wanted;
    final double[] values = this.values;
    final int limit = scanner.limit;
    // Rows one after the other in one call: a call a row would cost as much as a field.
    while (true) {
      int p = s;
      int f = 0;
      int breaks = 0;
      boolean slow = false;
      while (true) {
        if (f < fields && wanted[f]) {
          // The fast path: [-]digits[.digits] and then a comma or a line end.
          int q = p;
          boolean negative = b[q] == '-';
          if (negative) {
            q++;
          }
          long digits = 0;
          int count = 0;
          int d;
          while ((d = b[q] - '0') >= 0 && d <= 9) {
            digits = 10 * digits + d;
            q++;
            count++;
          }
          int scale = 0;
          if (b[q] == '.') {
            q++;
            while ((d = b[q] - '0') >= 0 && d <= 9) {
              digits = 10 * digits + d;
              q++;
              scale++;
            }
          }
          byte c = b[q];
          count += scale;
          if ((c == ',' || c == '\n' || c == '\r') && count > 0 && count <= FAST_DIGITS) {
            double value = digits / POWERS_OF_TEN[scale];
            values[f] = negative ? -value : value;
            p = q;
          } else {
            int fieldEnd = scanner.field(p);
            if (fieldEnd < 0) {
              return stopped(rowStart, f, fieldEnd);
            }
            breaks += scanner.breaks;
            slow |= slowNumber(f, p);
            p = fieldEnd;
          }
        } else {
          byte c = b[p];
          if (c == '"' || (c >= 0x01 && c <= 0x20 && c != '\n' && c != '\r')) {
            int fieldEnd = scanner.field(p);
            if (fieldEnd < 0) {
              return stopped(rowStart, f, fieldEnd);
            }
            breaks += scanner.breaks;
            p = fieldEnd;
          } else {
            while (c != ',' && c != '\n' && c != '\r') {
              if (c < 0) {
                int length = scanner.utf8(p);
                if (length < 0) {
                  return stopped(rowStart, f, length);
                }
                p += length;
              } else {
                p++;
              }
              c = b[p];
            }
          }
        }
        if (b[p] != ',') {
          break;
        }
        p++;
        f++;
      }
      int next;
      if (p == limit) {
        if (!scanner.eof) {
          return stopped(rowStart, f, CsvScanner.NEED_MORE);
        }
        next = p;
      } else {
        next = scanner.breakEnd(p);
        if (next < 0) {
          return stopped(rowStart, f, next);
        }
        breaks++;
      }
      if (f + 1 != fields) {
        problem = new CsvProblem(CsvProblem.Kind.FIELD_COUNT, rows, lines, lines, -1, f + 1, "");
        return stopped(rowStart, f, STOP);
      }
      if (slow && !checkSlowRow(rowStart)) {
        return stopped(rowStart, f, STOP);
      }
      add();
      lines += breaks;
      if (offset + next >= target || next == limit || b[next] == ' ' || b[next] == '\n' || b[next] == '\r') {
        return next;
      }
      rowStart = next;
      s = next;
    }
  }

  /** Returns {@code code} for the row at {@code rowStart}, stopped in field {@code f}. */
  private int stopped(int rowStart, int f, int code) {
    this.rowStart = rowStart;
    field = f;
    return code;
  }

  /** Reads field f, which starts at p and did not take the fast path; whether it is not a finite number. */
  private boolean slowNumber(int f, int p) {
    fieldStarts[f] = p;
    double value;
    try {
      value = scanner.number();
    } catch (NumberFormatException e) {
      status[f] = NOT_A_NUMBER;
      return true;
    }
    values[f] = value;
    status[f] = Double.isFinite(value) ? OK : NON_FINITE;
    return status[f] != OK;
  }

  /**
   * Whether a row with a field that is not a finite number may be added: the first field that is not a number, in
   * the experiment's order, is the block's problem; the first NaN or ±∞ is noted.
   */
  private boolean checkSlowRow(int rowStart) {
    try {
      for (int f : order) {
        if (status[f] == NOT_A_NUMBER) {
          scanner.field(fieldStarts[f]);
          problem = new CsvProblem(CsvProblem.Kind.NOT_A_NUMBER, rows, lines,
              lines + scanner.breaksBetween(rowStart, fieldStarts[f]), f, 0, scanner.text());
          return false;
        }
      }
      for (int f : order) {
        if (status[f] == NON_FINITE) {
          noteNonFinite(f, lines + scanner.breaksBetween(rowStart, fieldStarts[f]));
          return true;
        }
      }
      return true;
    } finally {
      Arrays.fill(status, OK);
    }
  }

  private void noteNonFinite(int f, int line) {
    if (nonFinite == nonFiniteRows.length) {
      int capacity = Math.max(8, nonFinite * 2);
      nonFiniteRows = Arrays.copyOf(nonFiniteRows, capacity);
      nonFiniteFields = Arrays.copyOf(nonFiniteFields, capacity);
      nonFiniteLines = Arrays.copyOf(nonFiniteLines, capacity);
      nonFiniteValues = Arrays.copyOf(nonFiniteValues, capacity);
    }
    nonFiniteRows[nonFinite] = rows;
    nonFiniteFields[nonFinite] = f;
    nonFiniteLines[nonFinite] = line;
    nonFiniteValues[nonFinite] = values[f];
    nonFinite++;
  }

  /** Adds the row in {@link #values}. */
  private void add() {
    int row = rows;
    if (row == capacity) {
      grow();
    }
    int[] predictionFields = layout.predictionFields();
    int at = row * columns;
    for (int j = 0; j < predictionFields.length; j++) {
      predictions[at + j] = values[predictionFields[j]];
    }
    int[] labelFields = layout.labelFields();
    at = row * labelColumns;
    for (int j = 0; j < labelFields.length; j++) {
      labels[at + j] = values[labelFields[j]];
    }
    if (layout.weightField() >= 0) {
      weights[row] = values[layout.weightField()];
    }
    rows = row + 1;
  }

  private void grow() {
    capacity = Math.addExact(capacity, Math.max(16, capacity >> 1));
    predictions = Arrays.copyOf(predictions, Math.multiplyExact(capacity, columns));
    labels = Arrays.copyOf(labels, Math.multiplyExact(capacity, labelColumns));
    if (weights.length > 0) {
      weights = Arrays.copyOf(weights, capacity);
    }
  }

  /** Reads the file from {@code position} to a little past the target. */
  private void fill(long position) throws IOException {
    long length = Math.min(layout.size() - position, Math.max(0, target - position) + margin);
    load(position, 0, (int) length);
  }

  /**
   * Reads more of the file for the row at {@code keep}, which does not end in the bytes read; false when the row is
   * too long (the block's problem).
   */
  private boolean more(int keep) throws IOException {
    int kept = scanner.limit - keep;
    if (kept >= layout.maxRowBytes()) {
      problem = tooLong(keep);
      return false;
    }
    long remaining = layout.size() - offset - scanner.limit;
    long grow = Math.max(margin, Math.min(kept, (long) layout.maxRowBytes() - kept + 1));
    load(offset + keep, kept, (int) (kept + Math.min(remaining, grow)));
    return true;
  }

  /**
   * Makes the buffer hold {@code length} bytes of the file from {@code position}, of which the first {@code kept}
   * are the last {@code kept} bytes read.
   */
  private void load(long position, int kept, int length) throws IOException {
    byte[] into = bytes.length > length ? bytes : new byte[length + 1];
    System.arraycopy(bytes, scanner.limit - kept, into, 0, kept);
    readFully(layout.channel(), into, kept, length - kept, position + kept);
    bytes = into;
    offset = position;
    into[length] = '\n';
    scanner.bytes = into;
    scanner.limit = length;
    scanner.eof = position + length == layout.size();
    scanner.openQuote = -1;
    Arrays.fill(status, OK);
  }

  private CsvProblem tooLong(int rowStart) {
    if (scanner.openQuote >= 0) {
      return new CsvProblem(CsvProblem.Kind.ROW_TOO_LONG, rows, lines,
          lines + scanner.breaksBetween(rowStart, scanner.openQuote), field, layout.maxRowBytes(), "");
    }
    return new CsvProblem(CsvProblem.Kind.ROW_TOO_LONG, rows, lines, lines, -1, layout.maxRowBytes(), "");
  }

  /** Reads {@code length} bytes of the file at {@code position} into {@code bytes[at, at + length)}. */
  static void readFully(FileChannel channel, byte[] bytes, int at, int length, long position) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, at, length);
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + buffer.position() - at);
      if (read < 0) {
        throw new IOException("the file ended at byte " + (position + buffer.position() - at)
            + ", before the size it had when it was opened; was it changed while being read?");
      }
    }
  }
}
