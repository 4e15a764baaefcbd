package org.losslab.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.runner.evaluate.Status.COMPUTED;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Result;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportWriterTests {

  /** A strict reader: it rejects bare NaN and Infinity tokens, so parsing at all proves the output is JSON. */
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonReportWriter writer = new JsonReportWriter();

  @Test
  void hasTheStableShapeWithKeysInOrder() {
    JsonNode report = JSON.readTree(writer.render(SampleReports.mixed()));

    assertThat(report.propertyNames())
        .containsExactly("experiment", "description", "tolerance", "results", "comparison", "summary", "provenance");
    assertThat(report.get("experiment").stringValue()).isEqualTo("tutorial");
    assertThat(report.get("description").stringValue()).isEqualTo("Losses from the tutorial");
    assertThat(report.get("tolerance").doubleValue()).isEqualTo(1e-6);
    assertThat(report.get("results").size()).isEqualTo(7);
    assertThat(report.get("comparison").propertyNames()).containsExactly("tutorial", "doubled");
    assertThat(report.get("summary").propertyNames()).containsExactly("pass", "fail", "error", "skipped", "computed");
    assertThat(report.get("summary").values()).extracting(JsonNode::intValue).containsExactly(1, 1, 1, 1, 3);
  }

  @Test
  void writesValueExpectedAndDifferenceOnlyWhenTheyExist() {
    JsonNode results = JSON.readTree(writer.render(SampleReports.mixed())).get("results");

    assertThat(results.get(0).propertyNames())
        .containsExactly("name", "loss", "params", "dataset", "value", "expected", "difference", "status");
    assertThat(results.get(2).propertyNames())
        .containsExactly("name", "loss", "params", "dataset", "status", "message");
    assertThat(results.get(3).propertyNames())
        .containsExactly("name", "loss", "params", "dataset", "expected", "status", "reason");
    assertThat(results.get(4).propertyNames()).containsExactly("name", "loss", "params", "dataset", "value", "status");
  }

  @Test
  void keepsEveryValue() {
    JsonNode results = JSON.readTree(writer.render(SampleReports.mixed())).get("results");

    JsonNode l1 = results.get(0);
    assertThat(l1.get("name").stringValue()).isEqualTo("l1");
    assertThat(l1.get("value").doubleValue()).isEqualTo(SampleReports.TUTORIAL_L1); // every digit of the float32
    assertThat(l1.get("expected").doubleValue()).isEqualTo(1.3333334);
    assertThat(l1.get("difference").doubleValue()).isEqualTo(SampleReports.TUTORIAL_L1 - 1.3333334);
    assertThat(l1.get("status").stringValue()).isEqualTo("pass");
    assertThat(results.get(1).get("difference").doubleValue()).isEqualTo(-0.5);
    assertThat(results.get(1).get("status").stringValue()).isEqualTo("fail");
    assertThat(results.get(2).get("message").stringValue()).isEqualTo(SampleReports.MESSAGE);
    assertThat(results.get(3).get("reason").stringValue()).isEqualTo("labels must be -1 or 1");
    assertThat(results.get(3).get("status").stringValue()).isEqualTo("skipped");
    assertThat(results.get(4).get("dataset").stringValue()).isEqualTo("doubled");
    assertThat(results.get(4).get("status").stringValue()).isEqualTo("computed");
  }

  @Test
  void writesEveryParameterInTheLossOrder() {
    JsonNode results = JSON.readTree(writer.render(SampleReports.mixed())).get("results");

    JsonNode focal = results.get(2).get("params");
    assertThat(focal.propertyNames()).containsExactly("gamma", "alpha");
    assertThat(focal.get("alpha").doubleValue()).isEqualTo(0.25);
    JsonNode huber = results.get(1).get("params");
    assertThat(huber.propertyNames()).containsExactly("delta", "reduction");
    assertThat(huber.get("reduction").stringValue()).isEqualTo("mean");
    assertThat(results.get(3).get("params").get("margin").isInt()).isTrue();
    assertThat(results.get(6).get("params").isEmpty()).isTrue();
  }

  @Test
  void writesNonFiniteNumbersAsStrings() {
    Report report = SampleReports.computed(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    JsonNode written = JSON.readTree(writer.render(report));

    assertThat(written.get("results").values()).extracting(result -> result.get("value").stringValue())
        .containsExactly("NaN", "Infinity", "-Infinity");
    assertThat(JSON.readTree(writer.render(SampleReports.mixed())).get("results").get(6).get("value").stringValue())
        .isEqualTo("NaN");
  }

  @Test
  void comparesEachDatasetWithItsFirstLoss() {
    JsonNode doubled = JSON.readTree(writer.render(SampleReports.mixed())).get("comparison").get("doubled");

    assertThat(doubled.size()).isEqualTo(3);
    assertThat(doubled.get(1).propertyNames()).containsExactly("name", "value", "ratio");
    assertThat(doubled.get(1).get("name").stringValue()).isEqualTo("huber(delta=2.0)");
    assertThat(doubled.get(1).get("value").doubleValue()).isEqualTo(2.0);
    assertThat(doubled.get(1).get("ratio").doubleValue()).isEqualTo(2.0);
    assertThat(doubled.get(2).get("ratio").stringValue()).isEqualTo("NaN");
  }

  @Test
  void aRatioToAZeroBaselineIsNull() {
    JsonNode data = JSON.readTree(writer.render(SampleReports.computed(0.0, 3.0))).get("comparison").get("data");

    assertThat(data.get(1).get("ratio").isNull()).isTrue();
  }

  @Test
  void leavesOutAMissingDescription() {
    Report report = new Report("e", null, 0.5, List.of(
        new Result("a", "l1", SampleReports.params(), "d", 1.0, null, COMPUTED, null)));

    assertThat(JSON.readTree(writer.render(report)).propertyNames())
        .containsExactly("experiment", "tolerance", "results", "comparison", "summary", "provenance");
  }

  @Test
  void isPrettyPrintedWithUnixLineBreaks() {
    String json = writer.render(SampleReports.computed());

    assertThat(json).isEqualTo("""
        {
          "experiment": "computed",
          "tolerance": 1.0E-6,
          "results": [],
          "comparison": {},
          "summary": {
            "pass": 0,
            "fail": 0,
            "error": 0,
            "skipped": 0,
            "computed": 0
          },
          "provenance": {
            "losslab": "unknown",
            "plugins": [],
            "datasets": []
          }
        }
        """);
  }
}
