package org.losslab.runner.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * One line per result, for a spreadsheet or a dataframe, under the header
 * {@code name,loss,params,dataset,value,expected,difference,status,message}.
 *
 * <ul>
 *   <li>{@code params}: every parameter, defaults included, in the loss's order, as {@code key=value;key=value}.
 *   <li>{@code value}, {@code expected}, {@code difference}: every digit ({@link Double#toString(double)}, which
 *       reads back to the same double), {@code NaN}, {@code Infinity} or {@code -Infinity}; empty when absent.
 *   <li>{@code status}: {@code pass}, {@code fail}, {@code error}, {@code skipped} or {@code computed}.
 *   <li>{@code message}: the error's message or the skip's reason; empty otherwise.
 * </ul>
 *
 * Quoting follows RFC 4180 as Jackson's CSV module writes it: a field is quoted only when it holds a comma, a
 * quote (doubled inside), a line break or surrounding blanks. Lines end with {@code \n}. Only the rows are here:
 * the experiment's name, description and tolerance are in the other formats, and the comparison follows from the
 * values.
 */
public final class CsvReportWriter implements ReportWriter {

  private static final List<String> COLUMNS =
      List.of("name", "loss", "params", "dataset", "value", "expected", "difference", "status", "message");

  /** Built on first use, so that a run writing another format does not pay for Jackson's start-up. */
  private static final class Holder {
    static final ObjectWriter WRITER;

    static {
      CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator('\n');
      COLUMNS.forEach(schema::addColumn);
      CsvMapper mapper = CsvMapper.builder()
          .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING,
              CsvWriteFeature.QUOTE_STRINGS_WITH_LEADING_TRAILING_WHITESPACE)
          .build();
      WRITER = mapper.writer(schema.build());
    }
  }

  public CsvReportWriter() {}

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public void write(Report report, Appendable out) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Result result : report.results()) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("name", result.name());
      row.put("loss", result.loss());
      row.put("params", params(result.params()));
      row.put("dataset", result.dataset());
      row.put("value", number(result.value()));
      row.put("expected", number(result.expected()));
      row.put("difference", number(result.difference()));
      row.put("status", result.status().id());
      String message = result.message();
      row.put("message", message == null ? "" : message);
      rows.add(row);
    }
    Text.append(out, Holder.WRITER.writeValueAsString(rows));
  }

  private static String params(Map<String, Object> params) {
    StringJoiner joined = new StringJoiner(";");
    params.forEach((key, value) -> joined.add(key + "=" + value));
    return joined.toString();
  }

  private static String number(@Nullable Double value) {
    return value == null ? "" : Double.toString(value);
  }
}
