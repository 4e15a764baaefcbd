package org.losslab.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;
import org.losslab.runner.evaluate.Status;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

class CsvReportWriterTests {

  private final CsvReportWriter writer = new CsvReportWriter();

  @Test
  void startsWithTheHeader() {
    assertThat(writer.render(SampleReports.mixed()))
        .startsWith("name,loss,params,dataset,value,expected,difference,status,message\n");
    assertThat(writer.render(SampleReports.computed()))
        .isEqualTo("name,loss,params,dataset,value,expected,difference,status,message\n");
  }

  @Test
  void quotesAMessageWithCommasQuotesAndLineBreaks() {
    String csv = writer.render(SampleReports.mixed());

    // RFC 4180: the field in quotes, each quote doubled, the line break kept inside the quotes.
    assertThat(csv).contains(",error,\"gamma, alpha: \"\"bad\"\"\nsee | docs\"\n");
    assertThat(read(csv).get(2)).containsEntry("message", SampleReports.MESSAGE);
  }

  @Test
  void quotesOnlyTheFieldsThatNeedIt() {
    assertThat(writer.render(SampleReports.mixed()).lines()).contains(
        "huber(delta=2.0),huber,delta=2.0;reduction=mean,tutorial,2.0,2.5,-0.5,fail,",
        "hinge,hinge,margin=1,tutorial,,0.4,,skipped,labels must be -1 or 1",
        "log_cosh,log_cosh,,doubled,NaN,,,computed,");
    Report padded = new Report("e", null, 1e-6,
        List.of(new Result("a", "l1", SampleReports.params(), "d", null, null, Status.SKIPPED, " padded ")));
    assertThat(writer.render(padded)).endsWith("\na,l1,,d,,,,skipped,\" padded \"\n");
  }

  @Test
  void writesOneRowPerResultWithEveryDigit() {
    List<Map<String, String>> rows = read(writer.render(SampleReports.mixed()));

    assertThat(rows).hasSize(7);
    assertThat(rows.get(0)).containsExactly(
        Map.entry("name", "l1"), Map.entry("loss", "l1"), Map.entry("params", "reduction=mean"),
        Map.entry("dataset", "tutorial"), Map.entry("value", "1.3333333730697632"),
        Map.entry("expected", "1.3333334"), Map.entry("difference", "-2.6930236707300992E-8"),
        Map.entry("status", "pass"), Map.entry("message", ""));
    assertThat(Double.parseDouble(rows.get(0).get("value"))).isEqualTo(SampleReports.TUTORIAL_L1);
    assertThat(rows.get(1)).containsEntry("params", "delta=2.0;reduction=mean").containsEntry("difference", "-0.5")
        .containsEntry("status", "fail");
    assertThat(rows.get(3)).containsEntry("params", "margin=1").containsEntry("value", "")
        .containsEntry("expected", "0.4").containsEntry("difference", "").containsEntry("status", "skipped")
        .containsEntry("message", "labels must be -1 or 1");
    assertThat(rows.get(6)).containsEntry("name", "log_cosh").containsEntry("params", "")
        .containsEntry("dataset", "doubled").containsEntry("value", "NaN").containsEntry("status", "computed");
  }

  @Test
  void writesInfinitiesAsJavaSpellsThem() {
    List<Map<String, String>> rows =
        read(writer.render(SampleReports.computed(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300)));

    assertThat(rows).extracting(row -> row.get("value")).containsExactly("Infinity", "-Infinity", "1.0E-300");
  }

  private static List<Map<String, String>> read(String csv) {
    return new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
        .<Map<String, String>>readValues(csv).readAll();
  }
}
