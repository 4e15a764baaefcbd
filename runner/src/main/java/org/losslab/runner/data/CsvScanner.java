package org.losslab.runner.data;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * The CSV syntax over a buffer of the file's bytes: where a field ends, its text, line breaks and UTF-8. The fast
 * path of {@link CsvBlock} reads plain numbers itself and comes here for everything else, as the header does.
 *
 * <p>The rules are those of the Jackson CSV parser this replaced, so that files read the same: a field is quoted when
 * its first character other than 0x01–0x20 is {@code "}, a quoted field may hold commas, line breaks and doubled
 * quotes, and after its closing quote only 0x00–0x20 may come before the comma or the line end; an unquoted field
 * keeps its spaces and any quote inside it. {@code LF}, {@code CRLF} and a lone {@code CR} end a line.
 *
 * <p>The buffer holds {@code bytes[0, limit)} and a {@code '\n'} at {@code bytes[limit]}, so that scanning loops
 * stop at the end without testing the index. When an answer needs bytes past {@code limit} and the file has more,
 * the methods return {@link #NEED_MORE}; the caller reads more and scans the row again.
 */
final class CsvScanner {
  /** The bytes up to {@code limit} are not enough to tell; the file goes on. */
  static final int NEED_MORE = -1;
  /** A problem, described by {@link #flaw} and {@link #errorAt}. */
  static final int ERROR = -2;

  /** What is wrong with the bytes, when a method returned {@link #ERROR}. */
  enum Flaw {
    /** Bytes that are not UTF-8, at {@link #errorAt}. */
    NOT_UTF8,
    /** A character after a closing quote other than a comma or a line end, at {@link #errorAt}. */
    AFTER_QUOTE,
    /** A quote opened at {@link #errorAt} and still open at the end of the file. */
    UNCLOSED_QUOTE
  }

  byte[] bytes;
  int limit;
  /** Whether {@code limit} is the end of the file. */
  boolean eof;

  // The last field scanned: its text is bytes[contentStart, contentEnd), with "" for " when quoted.
  int contentStart;
  int contentEnd;
  boolean quoted;
  /** Line breaks inside the last field (only a quoted field has any). */
  int breaks;
  /** Where the quote of the field being scanned opened, when {@link #NEED_MORE} was returned inside it; else −1. */
  int openQuote = -1;

  Flaw flaw = Flaw.NOT_UTF8;
  int errorAt;

  CsvScanner(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Scans the field that starts at {@code p}.
   *
   * @return where it ends: a comma, a line break, or {@code limit} at the end of the file; or {@link #NEED_MORE}, or
   *     {@link #ERROR}
   */
  int field(int p) {
    byte[] b = bytes;
    openQuote = -1;
    breaks = 0;
    int w = p;
    while (b[w] >= 0x01 && b[w] <= 0x20 && b[w] != '\n' && b[w] != '\r') {
      w++;
    }
    if (w == limit && !eof) {
      return NEED_MORE;
    }
    if (b[w] == '"' && w < limit) {
      return quotedField(w);
    }
    quoted = false;
    contentStart = p;
    int i = w;
    while (true) {
      byte c = b[i];
      if (c == ',' || c == '\n' || c == '\r') {
        break;
      }
      if (c < 0) {
        int length = utf8(i);
        if (length <= 0) {
          return length;
        }
        i += length;
      } else {
        i++;
      }
    }
    if (i == limit && !eof) {
      return NEED_MORE;
    }
    contentEnd = i;
    return i;
  }

  private int quotedField(int quote) {
    byte[] b = bytes;
    quoted = true;
    contentStart = quote + 1;
    int i = quote + 1;
    while (true) {
      byte c = b[i];
      if (c == '"') {
        if (i + 1 == limit && !eof) {
          openQuote = quote;
          return NEED_MORE; // "" or the closing quote: the next byte tells
        }
        if (i + 1 < limit && b[i + 1] == '"') {
          i += 2;
          continue;
        }
        break;
      } else if (c == '\n') {
        if (i == limit) {
          if (eof) {
            flaw = Flaw.UNCLOSED_QUOTE;
            errorAt = quote;
            return ERROR;
          }
          openQuote = quote;
          return NEED_MORE;
        }
        breaks++;
        i++;
      } else if (c == '\r') {
        if (i + 1 == limit && !eof) {
          openQuote = quote;
          return NEED_MORE;
        }
        breaks++;
        i += i + 1 < limit && b[i + 1] == '\n' ? 2 : 1;
      } else if (c < 0) {
        int length = utf8(i);
        if (length <= 0) {
          if (length == NEED_MORE) {
            openQuote = quote;
          }
          return length;
        }
        i += length;
      } else {
        i++;
      }
    }
    contentEnd = i;
    int j = i + 1;
    while (j < limit && b[j] >= 0 && b[j] <= 0x20 && b[j] != '\n' && b[j] != '\r') {
      j++;
    }
    if (j == limit) {
      return eof ? j : NEED_MORE;
    }
    byte c = b[j];
    if (c == ',' || c == '\n' || c == '\r') {
      return j;
    }
    if (c < 0) {
      int length = utf8(j);
      if (length <= 0) {
        return length;
      }
    }
    flaw = Flaw.AFTER_QUOTE;
    errorAt = j;
    return ERROR;
  }

  /**
   * Where the line break at {@code at} ({@code '\n'} or {@code '\r'}, before {@code limit}) ends: after the
   * {@code '\n'} of a {@code CRLF}, or {@link #NEED_MORE} when a {@code '\r'} is the last byte read.
   */
  int breakEnd(int at) {
    if (bytes[at] == '\n') {
      return at + 1;
    }
    if (at + 1 == limit) {
      return eof ? at + 1 : NEED_MORE;
    }
    return bytes[at + 1] == '\n' ? at + 2 : at + 1;
  }

  /** The line breaks in {@code bytes[from, to)}: LF, CRLF and a lone CR count one each. */
  int breaksBetween(int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      byte c = bytes[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= limit || bytes[i + 1] != '\n'))) {
        count++;
      }
    }
    return count;
  }

  /** The text of the last field scanned. */
  String text() {
    String text = new String(bytes, contentStart, contentEnd - contentStart, UTF_8);
    return quoted ? text.replace("\"\"", "\"") : text;
  }

  /**
   * The number in the last field scanned, as {@link CsvSource#parseNumber} reads it. A plain decimal goes to
   * FastDoubleParser, which reads what {@link Double#parseDouble} reads, rounded the same (correctly), without a
   * String; anything else (quotes, spaces, {@code nan}, a suffix) to {@code parseNumber}.
   *
   * @throws NumberFormatException when it is not a number
   */
  double number() {
    if (!quoted && plainDecimal()) {
      try {
        return JavaDoubleParser.parseDouble(bytes, contentStart, contentEnd - contentStart);
      } catch (NumberFormatException e) {
        // parseNumber decides, and says what is wrong.
      }
    }
    return CsvSource.parseNumber(text());
  }

  /** Whether the last field is made of digits, signs, points and exponent letters only. */
  private boolean plainDecimal() {
    if (contentEnd == contentStart) {
      return false;
    }
    for (int i = contentStart; i < contentEnd; i++) {
      byte c = bytes[i];
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The length of the UTF-8 sequence at {@code i}, whose first byte is 0x80 or above: 2 to 4, or {@link #ERROR}
   * ({@link Flaw#NOT_UTF8} at {@code i}) when it is not well-formed (RFC 3629: no overlong forms, no surrogates,
   * nothing above U+10FFFF), or {@link #NEED_MORE} when it is cut at {@code limit}.
   */
  int utf8(int i) {
    int lead = bytes[i] & 0xFF;
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        low = 0xA0;
      } else if (lead == 0xED) {
        high = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        low = 0x90;
      } else if (lead == 0xF4) {
        high = 0x8F;
      }
    } else {
      return notUtf8(i);
    }
    for (int k = 1; k < length; k++) {
      if (i + k >= limit) {
        return eof ? notUtf8(i) : NEED_MORE;
      }
      int next = bytes[i + k] & 0xFF;
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
        return notUtf8(i);
      }
    }
    return length;
  }

  /**
   * The problem the last {@link #ERROR} was, in a row.
   *
   * @param row the row, counted from the first of the block (−1 for the header)
   * @param rowLine the line breaks before the row, from the block's start
   * @param rowStart where the row starts in {@code bytes}
   * @param field the field being read
   * @param offset the file position of {@code bytes[0]}
   */
  CsvProblem problem(long row, long rowLine, int rowStart, int field, long offset) {
    long line = rowLine + breaksBetween(rowStart, errorAt);
    return switch (flaw) {
      case NOT_UTF8 -> new CsvProblem(CsvProblem.Kind.NOT_UTF8, row, rowLine, line, field, 0,
          String.format("byte 0x%02X at offset %d of the file", bytes[errorAt] & 0xFF, offset + errorAt));
      case AFTER_QUOTE -> new CsvProblem(CsvProblem.Kind.AFTER_QUOTE, row, rowLine, line, field, 0,
          "\"" + character(errorAt) + "\"");
      case UNCLOSED_QUOTE -> new CsvProblem(CsvProblem.Kind.UNCLOSED_QUOTE, row, rowLine, line, field, 0, "");
    };
  }

  /** The character at {@code i}, which is ASCII or well-formed UTF-8. */
  private String character(int i) {
    return new String(bytes, i, bytes[i] >= 0 ? 1 : utf8(i), UTF_8);
  }

  private int notUtf8(int i) {
    flaw = Flaw.NOT_UTF8;
    errorAt = i;
    return ERROR;
  }
}
