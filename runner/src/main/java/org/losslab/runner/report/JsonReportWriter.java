package org.losslab.runner.report;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.losslab.runner.evaluate.Provenance;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;
import org.losslab.runner.evaluate.Status;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole report as one pretty-printed JSON object, for scripts. The shape is stable, keys in this order:
 *
 * <pre>
 * {
 *   "experiment": "tutorial",
 *   "description": "…",                      (only when the experiment has one)
 *   "tolerance": 1.0E-6,
 *   "results": [
 *     {
 *       "name": "huber(delta=2.0)",
 *       "loss": "huber",
 *       "params": {"delta": 2.0, …},          (every parameter, defaults included, in the loss's order)
 *       "dataset": "tiny",
 *       "value": 2.0,                         (only when evaluated)
 *       "expected": 2.0,                      (only when the experiment expects a value)
 *       "difference": 0.0,                    (value − expected, only when both exist)
 *       "status": "pass",                     (pass, fail, error, skipped or computed)
 *       "message": "…"                        (error only; "reason" instead for skipped)
 *     }
 *   ],
 *   "comparison": {
 *     "tiny": [{"name": "l1", "value": 1.3333333730697632, "ratio": 1.0}, …]   (ratio null when the baseline is 0)
 *   },
 *   "summary": {"pass": 8, "fail": 0, "error": 0, "skipped": 0, "computed": 0},
 *   "provenance": {
 *     "losslab": "0.1.0",
 *     "plugins": [{"path": "plugins/quantile.jar", "version": "1.0.0"}],
 *     "datasets": [{"name": "tiny", "source": "inline", "rows": 3, "omitted": 0, "nan_policy": "raise",
 *                   "sha256": "…"}]
 *   }
 * }
 * </pre>
 *
 * Numbers keep every digit: each reads back to the same double. JSON has no NaN or infinities, so a non-finite
 * number is written as the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"} (Java's and Python's
 * spelling: {@code Double.parseDouble} and {@code float()} read them back), whatever the mapper's defaults; the
 * output is always valid JSON. Lines end with {@code \n} on every platform, and the object is followed by one.
 */
public final class JsonReportWriter implements ReportWriter {

  /** Built on first use, so that a run writing another format does not pay for Jackson's start-up. */
  private static final class Holder {
    static final ObjectWriter WRITER;

    static {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
              .withObjectNameValueSpacing(Separators.Spacing.AFTER)
              .withObjectEmptySeparator("")
              .withArrayEmptySeparator(""))
          .withObjectIndenter(indenter)
          .withArrayIndenter(indenter);
      WRITER = JsonMapper.builder().build().writer().with(printer);
    }
  }

  public JsonReportWriter() {}

  @Override
  public String format() {
    return "json";
  }

  @Override
  public void write(Report report, Appendable out) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = Holder.WRITER.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringProperty("experiment", report.experiment());
      String description = report.description();
      if (description != null) {
        json.writeStringProperty("description", description);
      }
      number(json, "tolerance", report.tolerance());
      json.writeArrayPropertyStart("results");
      for (Result result : report.results()) {
        result(json, result);
      }
      json.writeEndArray();
      json.writeObjectPropertyStart("comparison");
      for (String dataset : report.datasets()) {
        comparison(json, dataset, report.comparison(dataset));
      }
      json.writeEndObject();
      json.writeObjectPropertyStart("summary");
      for (Map.Entry<Status, Integer> count : report.summary().entrySet()) {
        json.writeNumberProperty(count.getKey().id(), count.getValue());
      }
      json.writeEndObject();
      provenance(json, report.provenance());
      json.writeEndObject();
    }
    text.append('\n');
    Text.append(out, text.getBuffer());
  }

  private static void provenance(JsonGenerator json, Provenance provenance) {
    json.writeObjectPropertyStart("provenance");
    json.writeStringProperty("losslab", provenance.losslab());
    json.writeArrayPropertyStart("plugins");
    for (Provenance.Plugin plugin : provenance.plugins()) {
      json.writeStartObject();
      json.writeStringProperty("path", plugin.path());
      if (plugin.version() != null) {
        json.writeStringProperty("version", plugin.version());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayPropertyStart("datasets");
    for (Provenance.DatasetInfo dataset : provenance.datasets()) {
      json.writeStartObject();
      json.writeStringProperty("name", dataset.name());
      json.writeStringProperty("source", dataset.source());
      json.writeNumberProperty("rows", dataset.rows());
      json.writeNumberProperty("omitted", dataset.omitted());
      json.writeStringProperty("nan_policy", dataset.nanPolicy());
      json.writeStringProperty("sha256", dataset.sha256());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void result(JsonGenerator json, Result result) {
    json.writeStartObject();
    json.writeStringProperty("name", result.name());
    json.writeStringProperty("loss", result.loss());
    json.writeObjectPropertyStart("params");
    result.params().forEach((name, value) -> {
      if (value instanceof Double || value instanceof Float) {
        number(json, name, ((Number) value).doubleValue());
      } else {
        json.writePOJOProperty(name, value);
      }
    });
    json.writeEndObject();
    json.writeStringProperty("dataset", result.dataset());
    Double value = result.value();
    if (value != null) {
      number(json, "value", value);
    }
    Double expected = result.expected();
    if (expected != null) {
      number(json, "expected", expected);
    }
    Double difference = result.difference();
    if (difference != null) {
      number(json, "difference", difference);
    }
    json.writeStringProperty("status", result.status().id());
    String message = result.message();
    if (message != null) {
      json.writeStringProperty(result.status() == Status.SKIPPED ? "reason" : "message", message);
    }
    json.writeEndObject();
  }

  private static void comparison(JsonGenerator json, String dataset, List<Report.Comparison> rows) {
    json.writeArrayPropertyStart(dataset);
    for (Report.Comparison row : rows) {
      json.writeStartObject();
      json.writeStringProperty("name", row.name());
      number(json, "value", row.value());
      Double ratio = row.ratio();
      if (ratio == null) {
        json.writeNullProperty("ratio");
      } else {
        number(json, "ratio", ratio);
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void number(JsonGenerator json, String name, double value) {
    if (Double.isFinite(value)) {
      json.writeNumberProperty(name, value);
    } else {
      json.writeStringProperty(name, Double.toString(value));
    }
  }
}
