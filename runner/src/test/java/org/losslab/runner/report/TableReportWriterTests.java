package org.losslab.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.runner.evaluate.Report;

class TableReportWriterTests {

  private final TableReportWriter writer = new TableReportWriter();

  @Test
  void opensWithTheExperimentAndTolerance() {
    List<String> lines = writer.render(SampleReports.mixed()).lines().toList();

    assertThat(lines.subList(0, 3))
        .containsExactly("experiment tutorial: Losses from the tutorial", "relative tolerance 1.0e-06", "");
    assertThat(writer.render(SampleReports.computed(1.0))).startsWith("experiment computed\n");
  }

  @Test
  void resultsAreAlignedInColumns() {
    List<String> block = block(writer.render(SampleReports.mixed()), "name ");

    assertThat(cells(block, "LLRRRL")).containsExactly(
        List.of("name", "dataset", "value", "expected", "diff", "status"),
        // The tutorial prints 1.3333334; the float32 nearest 4/3 is 1.3333333730…, 2.693e-08 below 1.3333334.
        List.of("l1", "tutorial", "1.3333334", "1.3333334", "-2.693e-08", "pass"),
        List.of("huber(delta=2.0)", "tutorial", "2.0", "2.5", "-0.5", "fail"),
        List.of("focal", "tutorial", "", "", "", "error: gamma, alpha: \"bad\" see | docs"),
        List.of("hinge", "tutorial", "", "0.4", "", "skipped: labels must be -1 or 1"),
        List.of("l1", "doubled", "1.0", "", "", "computed"),
        List.of("huber(delta=2.0)", "doubled", "2.0", "", "", "computed"),
        List.of("log_cosh", "doubled", "NaN", "", "", "computed"));
  }

  @Test
  void comparesEveryValueWithTheFirstLossOfEachDataset() {
    String table = writer.render(SampleReports.mixed());

    assertThat(cells(block(table, "comparison on tutorial (ratio to l1)"), "LRR")).containsExactly(
        List.of("name", "value", "ratio"),
        List.of("l1", "1.3333334", "1.000"),
        List.of("huber(delta=2.0)", "2.0", "1.500")); // 2 / (4/3)
    assertThat(cells(block(table, "comparison on doubled (ratio to l1)"), "LRR")).containsExactly(
        List.of("name", "value", "ratio"),
        List.of("l1", "1.0", "1.000"),
        List.of("huber(delta=2.0)", "2.0", "2.000"),
        List.of("log_cosh", "NaN", "NaN"));
  }

  @Test
  void aRatioToAZeroBaselineIsNotApplicable() {
    assertThat(cells(block(writer.render(SampleReports.computed(0.0, 3.0)), "comparison on data"), "LRR"))
        .containsExactly(List.of("name", "value", "ratio"), List.of("a", "0.0", "n/a"), List.of("b", "3.0", "n/a"));
  }

  @Test
  void saysWhenADatasetHasNoValues() {
    Report report = new Report("e", null, 1e-6, List.of(SampleReports.mixed().results().get(2)));

    assertThat(writer.render(report)).contains("\ncomparison on tutorial: no values\n");
  }

  @Test
  void endsWithTheSummaryLine() {
    List<String> lines = writer.render(SampleReports.mixed()).lines().toList();

    assertThat(lines.get(lines.size() - 1)).isEqualTo("1 passed, 1 failed, 1 errors, 1 skipped, 3 computed");
    assertThat(lines.get(lines.size() - 2)).isEmpty();
  }

  @Test
  void noLineEndsInBlanks() {
    assertThat(writer.render(SampleReports.mixed()).lines()).noneMatch(line -> line.endsWith(" "));
  }

  /** The table that follows the line starting with {@code title} (or is headed by it): header, rule and rows. */
  private static List<String> block(String text, String title) {
    List<String> lines = text.lines().toList();
    int start = 0;
    while (!lines.get(start).startsWith(title)) {
      start++;
    }
    if (!lines.get(start).strip().startsWith("name")) {
      start++;
    }
    int end = start;
    while (end < lines.size() && !lines.get(end).isEmpty()) {
      end++;
    }
    return lines.subList(start, end);
  }

  /**
   * The cells of a table, checking its layout on the way: the rule line ({@code -----  ---}) gives each column's
   * span, nothing but blanks lies between spans, and every cell touches the left ({@code L}) or right ({@code R})
   * edge of its span.
   */
  private static List<List<String>> cells(List<String> block, String alignment) {
    String rule = block.get(1);
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < rule.length(); i++) {
      if (rule.charAt(i) == '-' && (i == 0 || rule.charAt(i - 1) == ' ')) {
        int end = rule.indexOf(' ', i);
        spans.add(new int[] {i, end < 0 ? rule.length() : end});
      }
    }
    assertThat(spans).hasSize(alignment.length());
    List<List<String>> rows = new ArrayList<>();
    for (int index = 0; index < block.size(); index++) {
      String line = block.get(index);
      if (index == 1) {
        continue;
      }
      assertThat(line.length()).as("length of %s", line).isLessThanOrEqualTo(rule.length());
      String padded = line + " ".repeat(rule.length() - line.length());
      assertThat(padded.substring(0, spans.get(0)[0])).as("indent of %s", line).isBlank();
      List<String> row = new ArrayList<>();
      for (int column = 0; column < spans.size(); column++) {
        int[] span = spans.get(column);
        if (column > 0) {
          assertThat(padded.substring(spans.get(column - 1)[1], span[0])).as("gap in %s", line).isBlank();
        }
        String cell = padded.substring(span[0], span[1]);
        if (!cell.isBlank()) {
          assertThat(alignment.charAt(column) == 'L' ? cell.charAt(0) : cell.charAt(cell.length() - 1))
              .as("alignment of column %d in %s", column, line).isNotEqualTo(' ');
        }
        row.add(cell.strip());
      }
      rows.add(row);
    }
    return rows;
  }
}
