package org.losslab.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.losslab.runner.evaluate.Report;

/** What every writer promises, whatever its format. */
class ReportWriterTests {

  static List<ReportWriter> writers() {
    return List.of(new TableReportWriter(), new MarkdownReportWriter(), new CsvReportWriter(), new JsonReportWriter());
  }

  @Test
  void formatsAreTheIdsUsersType() {
    assertThat(writers()).extracting(ReportWriter::format).containsExactly("table", "markdown", "csv", "json");
  }

  @ParameterizedTest
  @MethodSource("writers")
  void hasThePublicNoArgumentConstructorGuiceNeeds(ReportWriter writer) throws ReflectiveOperationException {
    assertThat(writer.getClass().getConstructor().newInstance()).isInstanceOf(ReportWriter.class);
  }

  @ParameterizedTest
  @MethodSource("writers")
  void rendersWhatItWritesEndingWithALineBreak(ReportWriter writer) {
    StringBuilder out = new StringBuilder("before\n");
    writer.write(SampleReports.mixed(), out);

    assertThat(out.toString()).isEqualTo("before\n" + writer.render(SampleReports.mixed())).endsWith("\n");
  }

  @ParameterizedTest
  @MethodSource("writers")
  void writesAnEmptyReport(ReportWriter writer) {
    assertThat(writer.render(new Report("empty", null, 1e-6, List.of()))).isNotBlank().endsWith("\n");
  }

  @ParameterizedTest
  @MethodSource("writers")
  void reportsAFailingDestinationUnchecked(ReportWriter writer) {
    IOException diskFull = new IOException("No space left on device");
    Appendable failing = new Appendable() {
      @Override
      public Appendable append(CharSequence text) throws IOException {
        throw diskFull;
      }

      @Override
      public Appendable append(CharSequence text, int start, int end) throws IOException {
        throw diskFull;
      }

      @Override
      public Appendable append(char c) throws IOException {
        throw diskFull;
      }
    };

    UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
        () -> writer.write(SampleReports.mixed(), failing));
    assertThat(thrown.getCause()).isSameAs(diskFull);
    assertThat(thrown.getMessage()).isEqualTo("cannot write report: No space left on device");
  }
}
