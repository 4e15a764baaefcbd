package org.losslab.runner.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a run produced, in the order of the experiment: losses as listed (sweeps expanded), each on its
 * datasets.
 *
 * @param experiment the experiment's name
 * @param description its description, if any
 * @param tolerance the relative tolerance the expectations were checked with
 * @param results one per (loss configuration, dataset) pair
 * @param provenance the losslab version, plugins and datasets behind the results
 */
public record Report(String experiment, @Nullable String description, double tolerance, List<Result> results,
    Provenance provenance) {

  public Report {
    results = List.copyOf(results);
  }

  /** A report with no provenance recorded (built by hand, as in tests). */
  public Report(String experiment, @Nullable String description, double tolerance, List<Result> results) {
    this(experiment, description, tolerance, results, Provenance.unknown());
  }

  /** How many results have each status, every status present (0 when none): pass, fail, error, skipped, computed. */
  public Map<Status, Integer> summary() {
    Map<Status, Integer> summary = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      summary.put(status, 0);
    }
    for (Result result : results) {
      summary.merge(result.status(), 1, Integer::sum);
    }
    return summary;
  }

  /**
   * The counts of every status: {@code 8 passed, 0 failed, 0 errors, 0 skipped, 0 computed}. The words never change
   * with the count ({@code 1 errors}), so that scripts can match the line.
   */
  public String summaryLine() {
    List<String> counts = new ArrayList<>();
    summary().forEach((status, count) -> counts.add(count + " " + switch (status) {
      case PASS -> "passed";
      case FAIL -> "failed";
      case ERROR -> "errors";
      case SKIPPED -> "skipped";
      case COMPUTED -> "computed";
    }));
    return String.join(", ", counts);
  }

  /** What a reader should know beside the numbers: rows a NaN policy dropped. One line each. */
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    for (Provenance.DatasetInfo dataset : provenance.datasets()) {
      if (dataset.omitted() > 0) {
        notes.add("dataset " + dataset.name() + ": " + dataset.omitted() + " of " + dataset.rows()
            + " rows had a NaN and were omitted (nan_policy: omit)");
      }
    }
    return notes;
  }

  /** The dataset names, in the order they first appear in the results. */
  public List<String> datasets() {
    List<String> datasets = new ArrayList<>();
    for (Result result : results) {
      if (!datasets.contains(result.dataset())) {
        datasets.add(result.dataset());
      }
    }
    return datasets;
  }

  /**
   * The comparison view of one dataset: every evaluated loss's value with its ratio to the baseline, the first loss
   * listed that has a value on this dataset.
   */
  public List<Comparison> comparison(String dataset) {
    List<Comparison> rows = new ArrayList<>();
    Double baseline = null;
    for (Result result : results) {
      if (!result.dataset().equals(dataset) || result.value() == null) {
        continue;
      }
      if (baseline == null) {
        baseline = result.value();
      }
      Double ratio = baseline == 0 ? null : result.value() / baseline;
      rows.add(new Comparison(result.name(), result.value(), ratio));
    }
    return rows;
  }

  /**
   * One loss in a dataset's comparison.
   *
   * @param ratio value / baseline value; null when the baseline is 0
   */
  public record Comparison(String name, double value, @Nullable Double ratio) {}
}
