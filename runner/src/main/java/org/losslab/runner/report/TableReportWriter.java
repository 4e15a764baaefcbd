package org.losslab.runner.report;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;

/**
 * The default format, for a terminal: the results as an aligned table, then each dataset's comparison (every
 * loss's value and its ratio to the first loss listed), then the summary line.
 *
 * <pre>
 * experiment tutorial: the tutorial's examples
 * relative tolerance 1.0e-06
 *
 * name   dataset      value   expected        diff  status
 * -----  -------  ---------  ---------  ----------  -------------------------------
 * l1     tiny     1.3333334  1.3333334  -2.693e-08  pass
 * huber  tiny           2.0        2.0        +0.0  pass
 * hinge  tiny                                       skipped: labels must be -1 or 1
 *
 * comparison on tiny (ratio to l1)
 *   name       value  ratio
 *   -----  ---------  -----
 *   l1     1.3333334  1.000
 *   huber        2.0  1.500
 *
 * 2 passed, 0 failed, 0 errors, 1 skipped, 0 computed
 * </pre>
 *
 * Numbers are right-aligned. A value shows the fewest digits that identify it, among floats when it is exactly a
 * float32, so float32 results read as the tutorial prints them ({@code 1.3333334}, not
 * {@code 1.3333333730697632}); a difference shows four significant digits and its sign; a ratio three decimals
 * ({@code n/a} when the baseline is 0). The csv and json formats keep every digit. An error's message and a skip's
 * reason follow the status on the same line, line breaks replaced by spaces. Columns are measured in code points,
 * which is exact for the ASCII names and ids experiments use.
 */
public final class TableReportWriter implements ReportWriter {

  public TableReportWriter() {}

  @Override
  public String format() {
    return "table";
  }

  @Override
  public void write(Report report, Appendable out) {
    StringBuilder text = new StringBuilder();
    text.append("experiment ").append(Text.oneLine(report.experiment(), " "));
    String description = report.description();
    if (description != null) {
      text.append(": ").append(Text.oneLine(description, " "));
    }
    text.append('\n').append("relative tolerance ").append(Text.number(report.tolerance())).append("\n\n");

    Table results = new Table("", List.of(
        Column.left("name"), Column.left("dataset"), Column.right("value"), Column.right("expected"),
        Column.right("diff"), Column.left("status")));
    for (Result result : report.results()) {
      Double difference = result.difference();
      results.add(result.name(), result.dataset(), number(result.value()), number(result.expected()),
          difference == null ? "" : Text.signed(difference), status(result));
    }
    results.appendTo(text);

    for (String dataset : report.datasets()) {
      List<Report.Comparison> rows = report.comparison(dataset);
      text.append("\ncomparison on ").append(Text.oneLine(dataset, " "));
      if (rows.isEmpty()) {
        text.append(": no values\n");
        continue;
      }
      text.append(" (ratio to ").append(Text.oneLine(rows.get(0).name(), " ")).append(")\n");
      Table comparison = new Table("  ", List.of(Column.left("name"), Column.right("value"), Column.right("ratio")));
      for (Report.Comparison row : rows) {
        comparison.add(row.name(), Text.number(row.value()), Text.ratio(row.ratio()));
      }
      comparison.appendTo(text);
    }

    text.append('\n').append(report.summaryLine()).append('\n');
    report.notes().forEach(note -> text.append(note).append('\n'));
    Text.append(out, text);
  }

  private static String number(@Nullable Double value) {
    return value == null ? "" : Text.number(value);
  }

  private static String status(Result result) {
    String message = result.message();
    return message == null ? result.status().id() : result.status().id() + ": " + Text.oneLine(message, " ");
  }

  private record Column(String header, boolean rightAligned) {
    static Column left(String header) {
      return new Column(header, false);
    }

    static Column right(String header) {
      return new Column(header, true);
    }
  }

  /** Rows of cells padded so that every column starts at the same offset, two spaces apart. */
  private static final class Table {
    private static final String GAP = "  ";

    private final String indent;
    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String indent, List<Column> columns) {
      this.indent = indent;
      this.columns = columns;
    }

    void add(String... cells) {
      rows.add(List.of(cells));
    }

    void appendTo(StringBuilder text) {
      int[] widths = new int[columns.size()];
      List<String> headers = new ArrayList<>();
      List<String> rules = new ArrayList<>();
      for (int i = 0; i < widths.length; i++) {
        String header = columns.get(i).header();
        widths[i] = width(header);
        for (List<String> row : rows) {
          widths[i] = Math.max(widths[i], width(row.get(i)));
        }
        headers.add(header);
        rules.add("-".repeat(widths[i]));
      }
      appendRow(text, headers, widths);
      appendRow(text, rules, widths);
      for (List<String> row : rows) {
        appendRow(text, row, widths);
      }
    }

    private void appendRow(StringBuilder text, List<String> cells, int[] widths) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < cells.size(); i++) {
        String cell = cells.get(i);
        String padding = " ".repeat(widths[i] - width(cell));
        if (i > 0) {
          line.append(GAP);
        }
        if (columns.get(i).rightAligned()) {
          line.append(padding).append(cell);
        } else {
          line.append(cell).append(padding);
        }
      }
      // A left-aligned last column would end in spaces; a terminal does not need them and diffs trip over them.
      int end = line.length();
      while (end > 0 && line.charAt(end - 1) == ' ') {
        end--;
      }
      text.append(line, 0, end).append('\n');
    }

    private static int width(String cell) {
      return cell.codePointCount(0, cell.length());
    }
  }
}
