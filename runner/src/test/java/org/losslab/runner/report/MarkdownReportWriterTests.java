package org.losslab.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.runner.evaluate.Status.COMPUTED;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;

class MarkdownReportWriterTests {

  /** A pipe that separates cells: one not escaped with a backslash. */
  private static final Pattern SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

  private final MarkdownReportWriter writer = new MarkdownReportWriter();

  @Test
  void writesTheResultsAsAGitHubTable() {
    List<String> lines = writer.render(SampleReports.mixed()).lines().toList();
    int header = lines.indexOf("| name | dataset | value | expected | diff | status | message |");

    assertThat(lines.subList(0, header)).containsExactly(
        "## tutorial", "", "Losses from the tutorial", "", "Relative tolerance: 1.0e-06", "");
    assertThat(lines.subList(header + 1, header + 9)).containsExactly(
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
        "| l1 | tutorial | 1.3333334 | 1.3333334 | -2.693e-08 | pass |  |",
        "| huber(delta=2.0) | tutorial | 2.0 | 2.5 | -0.5 | fail |  |",
        "| focal | tutorial |  |  |  | error | gamma, alpha: \"bad\"<br>see \\| docs |",
        "| hinge | tutorial |  | 0.4 |  | skipped | labels must be -1 or 1 |",
        "| l1 | doubled | 1.0 |  |  | computed |  |",
        "| huber(delta=2.0) | doubled | 2.0 |  |  | computed |  |",
        "| log_cosh | doubled | NaN |  |  | computed |  |");
    assertThat(lines.get(header + 9)).isEmpty();
  }

  @Test
  void escapesPipesAndLineBreaksSoThatEveryRowKeepsItsCells() {
    Report report = new Report("e", null, 1e-6, List.of(
        new Result("a|b", "l1", SampleReports.params(), "left|right", 1.0, null, COMPUTED, null),
        SampleReports.mixed().results().get(2)));

    String markdown = writer.render(report);
    List<String> rows = markdown.lines().filter(line -> line.startsWith("|")).toList();

    assertThat(rows).contains("| a\\|b | left\\|right | 1.0 |  |  | computed |  |", "| a\\|b | 1.0 | 1.000 |");
    // The results (header, alignment, two rows), then the one comparison with a value (tutorial's has none).
    assertThat(rows).extracting(MarkdownReportWriterTests::cellCount).containsExactly(7, 7, 7, 7, 3, 3, 3);
    assertThat(markdown).contains("### Comparison on left|right\n", "### Comparison on tutorial\n\nNo values.\n");
  }

  @Test
  void comparesEachDatasetInItsOwnTable() {
    String markdown = writer.render(SampleReports.mixed());

    assertThat(markdown).contains("""

        ### Comparison on doubled

        | name | value | ratio to l1 |
        | --- | ---: | ---: |
        | l1 | 1.0 | 1.000 |
        | huber(delta=2.0) | 2.0 | 2.000 |
        | log_cosh | NaN | NaN |
        """);
    assertThat(markdown).contains("""

        ### Comparison on tutorial

        | name | value | ratio to l1 |
        | --- | ---: | ---: |
        | l1 | 1.3333334 | 1.000 |
        | huber(delta=2.0) | 2.0 | 1.500 |
        """);
  }

  @Test
  void endsWithTheSummary() {
    assertThat(writer.render(SampleReports.mixed()))
        .endsWith("\n\n**Summary:** 1 passed, 1 failed, 1 errors, 1 skipped, 3 computed\n");
  }

  private static int cellCount(String row) {
    // "| a | b |" splits into "", " a ", " b ", "": the first and last are outside the table.
    return SEPARATOR.split(row, -1).length - 2;
  }
}
