package org.losslab.runner.report;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;

/**
 * GitHub-flavoured markdown, for a pull request or a wiki page: the results as a table, a comparison table per
 * dataset, then the summary.
 *
 * <pre>
 * ## tutorial
 *
 * the tutorial's examples
 *
 * Relative tolerance: 1.0e-06
 *
 * | name | dataset | value | expected | diff | status | message |
 * | --- | --- | ---: | ---: | ---: | --- | --- |
 * | l1 | tiny | 1.3333334 | 1.3333334 | +0.0 | pass |  |
 *
 * ### Comparison on tiny
 *
 * | name | value | ratio to l1 |
 * | --- | ---: | ---: |
 * | l1 | 1.3333334 | 1.000 |
 *
 * **Summary:** 1 passed, 0 failed, 0 errors, 0 skipped, 0 computed
 * </pre>
 *
 * Numbers read as in the {@linkplain TableReportWriter table}. In cells a {@code |} is escaped as {@code \|} and a
 * line break becomes {@code <br>}, so that no name or message can break the table; the description is copied as
 * it is, so it may itself use markdown.
 */
public final class MarkdownReportWriter implements ReportWriter {

  public MarkdownReportWriter() {}

  @Override
  public String format() {
    return "markdown";
  }

  @Override
  public void write(Report report, Appendable out) {
    StringBuilder text = new StringBuilder();
    text.append("## ").append(Text.oneLine(report.experiment(), " ")).append("\n\n");
    String description = report.description();
    if (description != null) {
      text.append(description.strip()).append("\n\n");
    }
    text.append("Relative tolerance: ").append(Text.number(report.tolerance())).append("\n\n");

    row(text, List.of("name", "dataset", "value", "expected", "diff", "status", "message"));
    text.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
    for (Result result : report.results()) {
      Double difference = result.difference();
      String message = result.message();
      row(text, List.of(result.name(), result.dataset(), number(result.value()), number(result.expected()),
          difference == null ? "" : Text.signed(difference), result.status().id(), message == null ? "" : message));
    }

    for (String dataset : report.datasets()) {
      text.append("\n### Comparison on ").append(Text.oneLine(dataset, " ")).append("\n\n");
      List<Report.Comparison> rows = report.comparison(dataset);
      if (rows.isEmpty()) {
        text.append("No values.\n");
        continue;
      }
      row(text, List.of("name", "value", "ratio to " + rows.get(0).name()));
      text.append("| --- | ---: | ---: |\n");
      for (Report.Comparison comparison : rows) {
        row(text, List.of(comparison.name(), Text.number(comparison.value()), Text.ratio(comparison.ratio())));
      }
    }

    text.append("\n**Summary:** ").append(report.summaryLine()).append('\n');
    report.notes().forEach(note -> text.append("\n").append(note).append('\n'));
    Text.append(out, text);
  }

  private static void row(StringBuilder text, List<String> cells) {
    text.append('|');
    for (String cell : cells) {
      text.append(' ').append(cell(cell)).append(" |");
    }
    text.append('\n');
  }

  /** A cell's text: pipes escaped, line breaks as {@code <br>}, surrounding blanks dropped. */
  private static String cell(String text) {
    return Text.oneLine(text.strip(), "<br>").replace("|", "\\|");
  }

  private static String number(@Nullable Double value) {
    return value == null ? "" : Text.number(value);
  }
}
